import { createHash, randomUUID } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, open, readdir, rename, rm, stat } from 'node:fs/promises';
import { basename, join, relative, sep } from 'node:path';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import * as tar from 'tar';
import { BLOB_FOLDER, LatheError, blobPath, isPlainArchiveEntry, isValidName, jobOutputPath, notFound } from '@lathe/core';
import { LocalObjectStore } from '../objects/local-object-store.js';
import { deleteObjects, listAllObjects, moveObject } from '../objects/object-helpers.js';
import type { ArtifactStore, BlobInfo, FolderEntry, JobRef, OutputFile, PackedPath } from './artifact-store.js';
import { confinePath } from './confine-path.js';
import { packPath } from './pack-path.js';

const SHA256 = /^[0-9a-f]{64}$/;

/**
 * {@link ArtifactStore} on the local file system, under one root folder:
 * `blobs/sha256/<2>/<64>` (`blobPath` in `@lathe/core`), `workspaces/<ws>/jobs/<job>/{user_logs/std_log.txt,outputs/<name>/}`,
 * `workspaces/<ws>/mlflow-artifacts/`, and `tmp/` for writes in flight (renamed into place when
 * complete, so readers never see a partial file).
 *
 * Files are read and written through a {@link LocalObjectStore} over the same folder, with the key
 * the file's path: blobs, tracking files, output files and logs, so an S3 store can take the same
 * keys. What an object store cannot do stays on the file system and is marked *local-only*:
 * appending to a log, unpacking a tar into a folder, packing a folder into a tar. An S3
 * implementation would store a log as chunk objects (`std_log.txt/<offset>`) concatenated on
 * read, put each tar entry as its own object under a fresh prefix and switch to it, and build
 * archives from `list` and `get` streams.
 */
export class LocalArtifactStore implements ArtifactStore {
  private readonly logLocks = new Map<string, Promise<unknown>>();
  /** The object store over {@link root} that reads and writes single files. */
  readonly objects: LocalObjectStore;

  constructor(readonly root: string) {
    this.objects = new LocalObjectStore(root, { tempDir: join(root, 'tmp') });
  }

  /** The folder of blobs, laid out by `blobPath`, for a launcher on this file system to read. */
  get blobDir(): string {
    return join(this.root, BLOB_FOLDER);
  }

  async putBlob(content: Readable, expectedSha256?: string): Promise<BlobInfo & { existed: boolean }> {
    if (expectedSha256 !== undefined) checkSha(expectedSha256);
    // The digest is known only at the end: upload under a staging key, then move into place.
    const staging = `${UPLOADS}${randomUUID()}`;
    const hash = createHash('sha256');
    const hashing = new Transform({
      transform(chunk: Buffer, _encoding, done) {
        hash.update(chunk);
        done(null, chunk);
      },
    });
    const feeding = pipeline(content, hashing).catch(() => undefined);
    try {
      const { size } = await this.objects.put(staging, hashing);
      await feeding;
      const sha256 = hash.digest('hex');
      if (expectedSha256 !== undefined && sha256 !== expectedSha256) {
        throw new LatheError('LATHE_CHECKSUM_MISMATCH', `content hashes to ${sha256}, not ${expectedSha256}`, {
          details: { expected: expectedSha256, actual: sha256 },
        });
      }
      const existed = (await this.statBlob(sha256)) !== undefined;
      if (!existed) await moveObject(this.objects, staging, blobKey(sha256));
      return { sha256, size, existed };
    } catch (error) {
      // Ends the source too when the put failed before reading it.
      hashing.destroy();
      throw error;
    } finally {
      await this.objects.delete(staging);
    }
  }

  async statBlob(sha256: string): Promise<BlobInfo | undefined> {
    const info = await this.objects.head(blobKey(sha256));
    return info ? { sha256, size: info.size } : undefined;
  }

  async openBlob(sha256: string): Promise<Readable> {
    if (!(await this.statBlob(sha256))) throw notFound('blob', sha256);
    return this.objects.get(blobKey(sha256));
  }

  /** The blob's file on disk (local compute reads it without a copy). Local-only. */
  blobFile(sha256: string): string {
    return join(this.root, ...blobKey(sha256).split('/'));
  }

  /**
   * Local-only: appends to the file in place. An S3 store would put the chunk as its own object
   * under the log's key and concatenate the chunks on read.
   */
  appendLog(ref: JobRef, offset: number, chunk: Buffer): Promise<number> {
    const file = this.logFile(ref);
    const previous = this.logLocks.get(file) ?? Promise.resolve();
    const next = previous.then(() => this.appendNow(file, offset, chunk));
    const settled = next.catch(() => undefined);
    this.logLocks.set(file, settled);
    void settled.then(() => {
      if (this.logLocks.get(file) === settled) this.logLocks.delete(file);
    });
    return next;
  }

  private async appendNow(file: string, offset: number, chunk: Buffer): Promise<number> {
    const size = await fileSize(file);
    if (offset !== size) return size;
    await mkdir(join(file, '..'), { recursive: true });
    const handle = await open(file, 'a');
    try {
      await handle.write(chunk);
    } catch (error) {
      // A short write (a full disk) must not leave part of the chunk: the retry appends it whole.
      await handle.truncate(size).catch(() => undefined);
      throw error;
    } finally {
      await handle.close();
    }
    return size + chunk.length;
  }

  async logSize(ref: JobRef): Promise<number> {
    return (await this.objects.head(this.keyOf(this.logFile(ref))))?.size ?? 0;
  }

  async openLog(ref: JobRef, start: number, end?: number): Promise<Readable> {
    const key = this.keyOf(this.logFile(ref));
    const size = (await this.objects.head(key))?.size ?? 0;
    const stop = Math.min(end ?? size, size);
    if (start >= stop) return Readable.from([]);
    return this.objects.get(key, { start, end: stop });
  }

  /**
   * Local-only: unpacks into a temporary folder renamed over the output's. An S3 store would put
   * each entry under a fresh prefix and record that prefix as the output's.
   */
  async writeOutputArchive(ref: JobRef, output: string, archive: Readable): Promise<OutputFile[]> {
    const target = this.outputDir(ref, output);
    const temp = await this.tempPath();
    await mkdir(temp, { recursive: true });
    try {
      await pipeline(archive, extractPlainFiles(temp));
      await rm(target, { recursive: true, force: true });
      await mkdir(join(target, '..'), { recursive: true });
      await rename(temp, target);
    } finally {
      await rm(temp, { recursive: true, force: true });
    }
    return this.listOutputFiles(ref, output);
  }

  async listOutputs(ref: JobRef): Promise<string[]> {
    const entries = await this.listFolderKey(this.keyOf(join(this.jobDir(ref), 'outputs')));
    return entries.filter((e) => e.isDir).map((e) => e.name);
  }

  async listOutputFiles(ref: JobRef, output: string): Promise<OutputFile[]> {
    const prefix = `${this.keyOf(await this.existingOutputDir(ref, output))}/`;
    const files: OutputFile[] = [];
    for await (const o of listAllObjects(this.objects, prefix)) files.push({ path: o.key.slice(prefix.length), size: o.size });
    return files;
  }

  async openOutputFile(ref: JobRef, output: string, path: string): Promise<Readable> {
    const key = this.keyOf(confinePath(await this.existingOutputDir(ref, output), path));
    if ((await this.objects.head(key)) === undefined) throw notFound('output file', `${output}/${path}`);
    return this.objects.get(key);
  }

  /** Local-only: tars the folder. An S3 store would build the tar from `list` and `get`. */
  async packOutput(ref: JobRef, output: string): Promise<Readable> {
    const dir = await this.existingOutputDir(ref, output);
    // node-tar packs into its own stream type; Readable.from makes it a Node stream for HTTP.
    return Readable.from(tar.create({ gzip: true, cwd: dir, portable: true }, ['.']) as unknown as AsyncIterable<Buffer>);
  }

  async listOutputFolder(ref: JobRef, output: string, path: string): Promise<FolderEntry[]> {
    return this.listFolderKey(this.keyOf(confinePath(this.outputDir(ref, output), path)));
  }

  async statOutputPath(ref: JobRef, output: string, path: string): Promise<FolderEntry | undefined> {
    return this.statKey(this.keyOf(confinePath(this.outputDir(ref, output), path)));
  }

  async putTrackingFile(workspace: string, path: string, content: Readable): Promise<{ size: number }> {
    const file = this.trackingPath(workspace, path);
    if (file === this.trackingPath(workspace, '')) throw new LatheError('LATHE_BAD_REQUEST', 'an artifact needs a file path');
    return this.objects.put(this.keyOf(file), content);
  }

  async openTrackingFile(workspace: string, path: string): Promise<Readable> {
    const key = this.keyOf(this.trackingPath(workspace, path));
    if ((await this.objects.head(key)) === undefined) throw notFound('artifact', path);
    return this.objects.get(key);
  }

  statTrackingPath(workspace: string, path: string): Promise<FolderEntry | undefined> {
    return this.statKey(this.keyOf(this.trackingPath(workspace, path)));
  }

  listTrackingFolder(workspace: string, path: string): Promise<FolderEntry[]> {
    return this.listFolderKey(this.keyOf(this.trackingPath(workspace, path)));
  }

  async deleteTrackingPath(workspace: string, path: string): Promise<void> {
    const target = this.trackingPath(workspace, path);
    if (target === this.trackingPath(workspace, '')) throw new LatheError('LATHE_BAD_REQUEST', 'refusing to delete the artifact root');
    const key = this.keyOf(target);
    await this.objects.delete(key);
    await deleteObjects(this.objects, `${key}/`);
  }

  /**
   * Local-only: unpacks into a temporary folder renamed into place. An S3 store would put each
   * entry under the path and write a marker object last, which `statTrackingPath` would wait for.
   */
  async unpackBlobToTracking(workspace: string, path: string, sha256: string): Promise<void> {
    const target = this.trackingPath(workspace, path);
    if ((await stat(target).catch(() => undefined)) !== undefined) return;
    const blob = await this.openBlob(sha256);
    const temp = await this.tempPath();
    await mkdir(temp, { recursive: true });
    try {
      await pipeline(blob, extractPlainFiles(temp));
      await mkdir(join(target, '..'), { recursive: true });
      await rename(temp, target).catch(async (error: unknown) => {
        // A concurrent unpack of the same blob got there first: its folder is the same.
        if ((await stat(target).catch(() => undefined)) === undefined) throw error;
      });
    } finally {
      await rm(temp, { recursive: true, force: true });
    }
  }

  /** Local-only, as {@link packOutput}. */
  async packOutputPath(ref: JobRef, output: string, path: string): Promise<PackedPath> {
    return packPath(confinePath(this.outputDir(ref, output), path), `${output}/${path}`);
  }

  async digestOutputPath(ref: JobRef, output: string, path: string): Promise<{ digest: string; file?: string }> {
    const full = confinePath(this.outputDir(ref, output), path);
    const info = await stat(full).catch(() => undefined);
    if (info === undefined) throw notFound('path', `${output}/${path}`, { job: ref.job });
    const digest = createHash('sha256');
    if (info.isFile()) {
      await digestFile(digest, full, basename(full));
      return { digest: digest.digest('hex'), file: basename(full) };
    }
    for (const file of await listFiles(full)) await digestFile(digest, join(full, file), file.split(sep).join('/'));
    return { digest: digest.digest('hex') };
  }

  /** Local-only, as {@link packOutput}. */
  async packTrackingPath(workspace: string, path: string): Promise<PackedPath> {
    return packPath(this.trackingPath(workspace, path), path);
  }

  /** A file or folder: an object, or a prefix with something under it. */
  private async statKey(key: string): Promise<FolderEntry | undefined> {
    const name = key.slice(key.lastIndexOf('/') + 1);
    const info = await this.objects.head(key);
    if (info !== undefined) return { name, isDir: false, size: info.size };
    const page = await this.objects.list(`${key}/`, { delimiter: '/', limit: 1 });
    return page.objects.length + page.prefixes.length > 0 ? { name, isDir: true } : undefined;
  }

  /** One level under `key`, sorted by name. */
  private async listFolderKey(key: string): Promise<FolderEntry[]> {
    const prefix = `${key}/`;
    const out: FolderEntry[] = [];
    let after: string | undefined;
    do {
      const page = await this.objects.list(prefix, { delimiter: '/', ...(after !== undefined ? { after } : {}) });
      for (const p of page.prefixes) out.push({ name: p.slice(prefix.length, -1), isDir: true });
      for (const o of page.objects) out.push({ name: o.key.slice(prefix.length), isDir: false, size: o.size });
      after = page.next;
    } while (after !== undefined);
    return out.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  }

  /** The object key of a path under the root. */
  private keyOf(full: string): string {
    return relative(this.root, full).split(sep).join('/');
  }

  private trackingPath(workspace: string, path: string): string {
    return confinePath(join(this.root, 'workspaces', checkName(workspace), 'mlflow-artifacts'), path);
  }

  private async existingOutputDir(ref: JobRef, output: string): Promise<string> {
    const dir = this.outputDir(ref, output);
    const info = await stat(dir).catch(() => undefined);
    if (!info?.isDirectory()) throw notFound('output', output, { job: ref.job });
    return dir;
  }

  private jobDir(ref: JobRef): string {
    return join(this.root, 'workspaces', checkName(ref.workspace), 'jobs', checkName(ref.job));
  }

  private outputDir(ref: JobRef, output: string): string {
    checkName(ref.workspace);
    checkName(ref.job);
    return join(this.root, ...jobOutputPath(ref.workspace, ref.job, checkName(output)).split('/'));
  }

  private logFile(ref: JobRef): string {
    return join(this.jobDir(ref), 'user_logs', 'std_log.txt');
  }

  /**
   * Removes everything in `tmp/` and the staged blob uploads: what a stopped server left
   * unfinished. Call it before serving requests (no upload of this process is in flight then).
   * Resolves to the number of entries removed.
   */
  async removeTemporaryFiles(): Promise<number> {
    const dir = join(this.root, 'tmp');
    const entries = await readdir(dir).catch(() => [] as string[]);
    for (const entry of entries) await rm(join(dir, entry), { recursive: true, force: true });
    return entries.length + (await deleteObjects(this.objects, UPLOADS));
  }

  private async tempPath(): Promise<string> {
    const dir = join(this.root, 'tmp');
    await mkdir(dir, { recursive: true });
    return join(dir, randomUUID());
  }
}

/** A tar extractor into `cwd` that keeps only regular files and folders (`isPlainArchiveEntry`). */
export function extractPlainFiles(cwd: string): NodeJS.WritableStream {
  return tar.extract({ cwd, strict: true, filter: (_path, entry) => isPlainArchiveEntry(entry as { type?: string }) }) as unknown as NodeJS.WritableStream;
}

/** Where blobs are staged while their digest is computed. */
const UPLOADS = `${BLOB_FOLDER}/uploads/`;

function blobKey(sha256: string): string {
  checkSha(sha256);
  return `${BLOB_FOLDER}/${blobPath(sha256)}`;
}

function checkSha(sha256: string): void {
  if (!SHA256.test(sha256)) {
    throw new LatheError('LATHE_BAD_REQUEST', `'${sha256}' is not a sha256 digest (64 lowercase hex characters)`, { details: { sha256 } });
  }
}

function checkName(name: string): string {
  if (!isValidName(name)) throw new LatheError('LATHE_BAD_REQUEST', `'${name}' is not a valid name`, { details: { name } });
  return name;
}

async function fileSize(file: string): Promise<number> {
  const info = await stat(file).catch(() => undefined);
  return info?.size ?? 0;
}

// One file into a content digest: its path, its size and its sha256, each ended by NUL.
async function digestFile(digest: ReturnType<typeof createHash>, full: string, name: string): Promise<void> {
  const hash = createHash('sha256');
  let size = 0;
  for await (const chunk of createReadStream(full)) {
    hash.update(chunk as Buffer);
    size += (chunk as Buffer).length;
  }
  digest.update(`${name}\0${size}\0${hash.digest('hex')}\0`);
}

// Every regular file under a folder, relative to it, sorted: the digest's order.
async function listFiles(folder: string, prefix = ''): Promise<string[]> {
  const out: string[] = [];
  const entries = (await readdir(join(folder, prefix), { withFileTypes: true })).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const entry of entries) {
    const rel = prefix === '' ? entry.name : join(prefix, entry.name);
    if (entry.isDirectory()) out.push(...(await listFiles(folder, rel)));
    else if (entry.isFile()) out.push(rel);
  }
  return out;
}
