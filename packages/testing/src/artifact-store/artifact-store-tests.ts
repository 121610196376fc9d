import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';
import type { ArtifactStore, JobRef } from '@lathe/store';
import { tarOf } from './tar-of.js';
import { rejectsWith } from '../rejects-with.js';
import { readText } from '../read-text.js';

/** The store under test and a way to register tests that honours the suite's skip list. */
export interface ArtifactStoreSuite {
  readonly store: ArtifactStore;
  test(name: string, body: () => Promise<void>): void;
}

const bytes = (s: string | Buffer): Readable => Readable.from([Buffer.from(s)]);
const sha = (s: string | Buffer): string => createHash('sha256').update(s).digest('hex');
const name = (prefix: string): string => `${prefix}_${randomBytes(5).toString('hex')}`;
const job = (): JobRef => ({ workspace: name('ws'), job: name('job') });

/** Content-addressed blobs. */
export function defineBlobTests(s: ArtifactStoreSuite): void {
  s.test('a blob is stored once under its sha256 and read back', async () => {
    const content = `blob ${randomBytes(8).toString('hex')}`;
    assert.equal(await s.store.statBlob(sha(content)), undefined);
    assert.deepEqual(await s.store.putBlob(bytes(content)), { sha256: sha(content), size: content.length, existed: false });
    assert.deepEqual(await s.store.putBlob(bytes(content), sha(content)), { sha256: sha(content), size: content.length, existed: true });
    assert.deepEqual(await s.store.statBlob(sha(content)), { sha256: sha(content), size: content.length });
    assert.equal(await readText(await s.store.openBlob(sha(content))), content);
  });

  s.test('a blob that does not hash to its digest is refused and not kept', async () => {
    const content = `other ${randomBytes(8).toString('hex')}`;
    await rejectsWith(s.store.putBlob(bytes(content), 'f'.repeat(64)), 'LATHE_CHECKSUM_MISMATCH');
    assert.equal(await s.store.statBlob(sha(content)), undefined);
    await rejectsWith(s.store.openBlob('f'.repeat(64)), 'LATHE_NOT_FOUND');
    await rejectsWith(s.store.statBlob('../../etc/passwd'), 'LATHE_BAD_REQUEST');
    await rejectsWith(s.store.putBlob(bytes('x'), 'ABC'), 'LATHE_BAD_REQUEST');
  });
}

/** Job logs appended at an offset. */
export function defineLogTests(s: ArtifactStoreSuite): void {
  s.test('appends at the current size only, so a retried append is harmless; reads byte ranges', async () => {
    const ref = job();
    assert.equal(await s.store.logSize(ref), 0);
    assert.equal(await readText(await s.store.openLog(ref, 0)), '');
    assert.equal(await s.store.appendLog(ref, 0, Buffer.from('hello ')), 6);
    assert.equal(await s.store.appendLog(ref, 0, Buffer.from('hello ')), 6);
    assert.equal(await s.store.appendLog(ref, 6, Buffer.from('world')), 11);
    assert.equal(await s.store.appendLog(ref, 99, Buffer.from('lost')), 11);
    assert.equal(await s.store.logSize(ref), 11);
    assert.equal(await readText(await s.store.openLog(ref, 0)), 'hello world');
    assert.equal(await readText(await s.store.openLog(ref, 6, 8)), 'wo');
    assert.equal(await readText(await s.store.openLog(ref, 6, 100)), 'world');
    assert.equal(await readText(await s.store.openLog(ref, 11)), '');
  });

  s.test('concurrent appends at one offset write the chunk once', async () => {
    const ref = job();
    const sizes = await Promise.all(Array.from({ length: 5 }, () => s.store.appendLog(ref, 0, Buffer.from('line\n'))));
    assert.deepEqual(sizes, [5, 5, 5, 5, 5]);
    assert.equal(await readText(await s.store.openLog(ref, 0)), 'line\n');
  });
}

/** Job outputs written from archives. */
export function defineOutputTests(s: ArtifactStoreSuite): void {
  s.test('an archive becomes an output: files listed by path, read one by one, browsed by folder', async () => {
    const ref = job();
    const files = await s.store.writeOutputArchive(ref, 'model', bytes(tarOf({ 'b.txt': 'bb', 'dir/a.txt': 'a', 'dir/sub/c.txt': 'ccc' })));
    assert.deepEqual(files, [
      { path: 'b.txt', size: 2 },
      { path: 'dir/a.txt', size: 1 },
      { path: 'dir/sub/c.txt', size: 3 },
    ]);
    assert.deepEqual(await s.store.listOutputFiles(ref, 'model'), files);
    assert.deepEqual(await s.store.listOutputs(ref), ['model']);
    assert.equal(await readText(await s.store.openOutputFile(ref, 'model', 'dir/sub/c.txt')), 'ccc');
    assert.deepEqual(await s.store.listOutputFolder(ref, 'model', ''), [
      { name: 'b.txt', isDir: false, size: 2 },
      { name: 'dir', isDir: true },
    ]);
    assert.deepEqual(await s.store.listOutputFolder(ref, 'model', 'dir'), [
      { name: 'a.txt', isDir: false, size: 1 },
      { name: 'sub', isDir: true },
    ]);
    assert.deepEqual(await s.store.statOutputPath(ref, 'model', 'dir'), { name: 'dir', isDir: true });
    assert.deepEqual(await s.store.statOutputPath(ref, 'model', 'b.txt'), { name: 'b.txt', isDir: false, size: 2 });
    assert.equal(await s.store.statOutputPath(ref, 'model', 'nope'), undefined);
    assert.deepEqual(await s.store.listOutputFolder(ref, 'model', 'nope'), []);
  });

  s.test('writing an output again replaces all of its files', async () => {
    const ref = job();
    await s.store.writeOutputArchive(ref, 'out', bytes(tarOf({ 'old.txt': 'o', 'keep/x': 'x' })));
    await s.store.writeOutputArchive(ref, 'out', bytes(tarOf({ 'new.txt': 'n' })));
    assert.deepEqual(await s.store.listOutputFiles(ref, 'out'), [{ path: 'new.txt', size: 1 }]);
  });

  s.test('a packed output unpacks to the same files; a packed file is named', async () => {
    const ref = job();
    await s.store.writeOutputArchive(ref, 'a', bytes(tarOf({ 'x.txt': 'x', 'd/y.txt': 'yy' })));
    await s.store.writeOutputArchive(ref, 'b', await s.store.packOutput(ref, 'a'));
    assert.deepEqual(await s.store.listOutputFiles(ref, 'b'), await s.store.listOutputFiles(ref, 'a'));
    const folder = await s.store.packOutputPath(ref, 'a', 'd');
    assert.equal(folder.file, undefined);
    await s.store.writeOutputArchive(ref, 'c', folder.archive);
    assert.deepEqual(await s.store.listOutputFiles(ref, 'c'), [{ path: 'y.txt', size: 2 }]);
    const file = await s.store.packOutputPath(ref, 'a', 'd/y.txt');
    assert.equal(file.file, 'y.txt');
    file.archive.resume();
  });

  s.test('missing outputs and files are LATHE_NOT_FOUND; escaping paths LATHE_PATH_ESCAPE', async () => {
    const ref = job();
    assert.deepEqual(await s.store.listOutputs(ref), []);
    await rejectsWith(s.store.listOutputFiles(ref, 'none'), 'LATHE_NOT_FOUND');
    await rejectsWith(s.store.packOutput(ref, 'none'), 'LATHE_NOT_FOUND');
    await rejectsWith(s.store.packOutputPath(ref, 'none', ''), 'LATHE_NOT_FOUND');
    await s.store.writeOutputArchive(ref, 'o', bytes(tarOf({ 'f.txt': 'f' })));
    await rejectsWith(s.store.openOutputFile(ref, 'o', 'missing.txt'), 'LATHE_NOT_FOUND');
    await rejectsWith(s.store.openOutputFile(ref, 'o', '../../x'), 'LATHE_PATH_ESCAPE');
    await rejectsWith(s.store.statOutputPath(ref, 'o', '/etc'), 'LATHE_PATH_ESCAPE');
    await rejectsWith(s.store.listOutputFolder(ref, 'o', '..'), 'LATHE_PATH_ESCAPE');
    await rejectsWith(s.store.listOutputs({ workspace: '../x', job: 'j' }), 'LATHE_BAD_REQUEST');
  });
}

/** Tracking (MLflow) artifacts. */
export function defineTrackingTests(s: ArtifactStoreSuite): void {
  s.test('tracking files are written whole, replaced, listed by folder and deleted', async () => {
    const ws = name('ws');
    assert.deepEqual(await s.store.putTrackingFile(ws, '1/run/artifacts/model/MLmodel', bytes('flavors')), { size: 7 });
    await s.store.putTrackingFile(ws, '1/run/artifacts/model/data/w.bin', bytes('0123'));
    await s.store.putTrackingFile(ws, '1/run/artifacts/model/MLmodel', bytes('v2'));
    assert.equal(await readText(await s.store.openTrackingFile(ws, '1/run/artifacts/model/MLmodel')), 'v2');
    assert.deepEqual(await s.store.listTrackingFolder(ws, '1/run/artifacts/model'), [
      { name: 'MLmodel', isDir: false, size: 2 },
      { name: 'data', isDir: true },
    ]);
    assert.deepEqual(await s.store.statTrackingPath(ws, '1/run/artifacts'), { name: 'artifacts', isDir: true });
    assert.deepEqual(await s.store.listTrackingFolder(ws, 'nothing/here'), []);
    await s.store.deleteTrackingPath(ws, '1/run/artifacts/model/data');
    assert.equal(await s.store.statTrackingPath(ws, '1/run/artifacts/model/data'), undefined);
    await s.store.deleteTrackingPath(ws, '1/run/artifacts/model/MLmodel');
    await s.store.deleteTrackingPath(ws, '1/run/artifacts/never');
    assert.deepEqual(await s.store.listTrackingFolder(ws, '1/run/artifacts'), []);
    await rejectsWith(s.store.openTrackingFile(ws, '1/run/artifacts/model/MLmodel'), 'LATHE_NOT_FOUND');
  });

  s.test('the tracking root cannot be written or deleted; paths cannot leave it', async () => {
    const ws = name('ws');
    await rejectsWith(s.store.putTrackingFile(ws, '', bytes('x')), 'LATHE_BAD_REQUEST');
    await rejectsWith(s.store.deleteTrackingPath(ws, ''), 'LATHE_BAD_REQUEST');
    await rejectsWith(s.store.putTrackingFile(ws, '../escape', bytes('x')), 'LATHE_PATH_ESCAPE');
    await rejectsWith(s.store.openTrackingFile(ws, '/etc/passwd'), 'LATHE_PATH_ESCAPE');
    await rejectsWith(s.store.openTrackingFile(ws, 'a/../../b'), 'LATHE_PATH_ESCAPE');
  });

  s.test('a blob unpacks into a tracking folder once', async () => {
    const ws = name('ws');
    const archive = tarOf({ MLmodel: `id ${randomBytes(4).toString('hex')}`, 'data/x': 'x' });
    const { sha256 } = await s.store.putBlob(bytes(archive));
    await Promise.all([s.store.unpackBlobToTracking(ws, 'models/m1', sha256), s.store.unpackBlobToTracking(ws, 'models/m1', sha256)]);
    assert.deepEqual(
      (await s.store.listTrackingFolder(ws, 'models/m1')).map((e) => e.name),
      ['MLmodel', 'data'],
    );
    await s.store.unpackBlobToTracking(ws, 'models/m1', sha256);
    assert.equal(await readText(await s.store.openTrackingFile(ws, 'models/m1/data/x')), 'x');
    await rejectsWith(s.store.unpackBlobToTracking(ws, 'models/m2', 'e'.repeat(64)), 'LATHE_NOT_FOUND');
    const packed = await s.store.packTrackingPath(ws, 'models/m1/MLmodel');
    assert.equal(packed.file, 'MLmodel');
    packed.archive.resume();
  });
}
