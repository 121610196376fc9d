import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';
import type { LatheError } from '@lathe/core';
import { listAllObjects, moveObject, type ObjectStore } from '@lathe/store';
import { rejectsWith } from '../rejects-with.js';
import { readText } from '../read-text.js';

/** The store under test and a way to register tests that honours the suite's skip list. */
export interface ObjectStoreSuite {
  readonly store: ObjectStore;
  test(name: string, body: () => Promise<void>): void;
}

/** A key prefix no other test uses. */
const fresh = (): string => `t_${randomBytes(6).toString('hex')}/`;

const text = (s: string): Readable => Readable.from([Buffer.from(s)]);

async function keys(store: ObjectStore, prefix: string): Promise<string[]> {
  const out: string[] = [];
  for await (const o of listAllObjects(store, prefix)) out.push(o.key);
  return out;
}

/** `size` bytes in 64 KiB chunks, each numbered, never held whole; the same for the same seed. */
function generated(size: number, seed: string): Readable {
  const base = Buffer.alloc(65536);
  for (let i = 0; i < base.length; i += 32) createHash('sha256').update(`${seed}${i}`).digest().copy(base, i);
  let left = size;
  let index = 0;
  return new Readable({
    read() {
      if (left === 0) return void this.push(null);
      const chunk = Buffer.from(base.subarray(0, Math.min(left, base.length)));
      chunk.writeUInt32BE(index++, 0);
      left -= chunk.length;
      this.push(chunk);
    },
  });
}

async function digest(stream: Readable): Promise<{ sha256: string; size: number }> {
  const hash = createHash('sha256');
  let size = 0;
  for await (const chunk of stream) {
    hash.update(chunk as Buffer);
    size += (chunk as Buffer).length;
  }
  return { sha256: hash.digest('hex'), size };
}

/** put, get, head, delete and move on single objects. */
export function defineObjectReadWriteTests(s: ObjectStoreSuite): void {
  s.test('put stores a stream under a key; get streams it back and head gives its size and time', async () => {
    const key = `${fresh()}a/b.txt`;
    const before = Date.now();
    assert.deepEqual(await s.store.put(key, text('hello')), { size: 5 });
    assert.equal(await readText(await s.store.get(key)), 'hello');
    const info = await s.store.head(key);
    assert.equal(info?.key, key);
    assert.equal(info?.size, 5);
    assert.ok(info.modifiedAt >= before - 2000 && info.modifiedAt <= Date.now() + 2000, String(info.modifiedAt));
  });

  s.test('put replaces an object whole; an empty object is an object', async () => {
    const key = `${fresh()}x`;
    await s.store.put(key, text('a much longer first version'));
    await s.store.put(key, text('short'));
    assert.equal(await readText(await s.store.get(key)), 'short');
    await s.store.put(key, Readable.from([]));
    assert.equal((await s.store.head(key))?.size, 0);
    assert.equal(await readText(await s.store.get(key)), '');
  });

  s.test('a missing key: get is LATHE_NOT_FOUND, head is undefined, delete is fine', async () => {
    const key = `${fresh()}missing`;
    await rejectsWith(s.store.get(key), 'LATHE_NOT_FOUND');
    await rejectsWith(s.store.get(key, { start: 0, end: 1 }), 'LATHE_NOT_FOUND');
    assert.equal(await s.store.head(key), undefined);
    await s.store.delete(key);
  });

  s.test('a prefix with objects under it is not an object itself; deleting it deletes nothing', async () => {
    const prefix = fresh();
    await s.store.put(`${prefix}dir/file`, text('x'));
    assert.equal(await s.store.head(`${prefix}dir`), undefined);
    await rejectsWith(s.store.get(`${prefix}dir`), 'LATHE_NOT_FOUND');
    await s.store.delete(`${prefix}dir`);
    assert.equal(await readText(await s.store.get(`${prefix}dir/file`)), 'x');
  });

  s.test('delete removes one object and leaves its neighbours', async () => {
    const prefix = fresh();
    await s.store.put(`${prefix}a`, text('1'));
    await s.store.put(`${prefix}b`, text('2'));
    await s.store.delete(`${prefix}a`);
    assert.equal(await s.store.head(`${prefix}a`), undefined);
    assert.deepEqual(await keys(s.store, prefix), [`${prefix}b`]);
  });

  s.test('get reads a byte range; a range past the end stops at the end; an empty range is empty', async () => {
    const key = `${fresh()}range`;
    await s.store.put(key, text('0123456789'));
    assert.equal(await readText(await s.store.get(key, { start: 2, end: 5 })), '234');
    assert.equal(await readText(await s.store.get(key, { start: 7 })), '789');
    assert.equal(await readText(await s.store.get(key, { start: 8, end: 100 })), '89');
    assert.equal(await readText(await s.store.get(key, { start: 4, end: 4 })), '');
    assert.equal(await readText(await s.store.get(key, { start: 10 })), '');
  });

  s.test('a stream that fails changes nothing: the old object stays whole', async () => {
    const key = `${fresh()}kept`;
    await s.store.put(key, text('old'));
    const failing = new Readable({ read() {} });
    failing.push(Buffer.from('new but'));
    setImmediate(() => failing.destroy(new Error('the client went away')));
    await assert.rejects(s.store.put(key, failing), /went away/);
    assert.equal(await readText(await s.store.get(key)), 'old');
    const fresher = `${fresh()}never`;
    const failing2 = new Readable({ read() {} });
    setImmediate(() => failing2.destroy(new Error('gone')));
    await assert.rejects(s.store.put(fresher, failing2), /gone/);
    assert.equal(await s.store.head(fresher), undefined);
  });

  s.test('concurrent puts of one key leave one of them, whole', async () => {
    const key = `${fresh()}race`;
    const bodies = Array.from({ length: 8 }, (_, i) => String(i).repeat(100_000 + i));
    await Promise.all(bodies.map((b) => s.store.put(key, text(b))));
    const stored = await readText(await s.store.get(key));
    assert.ok(bodies.includes(stored), `a mix of puts: ${stored.length} bytes`);
    assert.equal((await s.store.head(key))?.size, stored.length);
  });

  s.test('a large object streams in and out', async () => {
    const key = `${fresh()}large.bin`;
    const size = 48 * 1024 * 1024 + 123;
    const expected = await digest(generated(size, key));
    assert.deepEqual(await s.store.put(key, generated(size, key)), { size });
    assert.equal((await s.store.head(key))?.size, size);
    assert.deepEqual(await digest(await s.store.get(key)), expected);
    const tail = await digest(await s.store.get(key, { start: size - 1000 }));
    assert.equal(tail.size, 1000);
    await s.store.delete(key);
  });

  s.test('moveObject moves an object to another key, replacing what is there', async () => {
    const prefix = fresh();
    await s.store.put(`${prefix}from`, text('moved'));
    await s.store.put(`${prefix}to/x`, text('old'));
    await moveObject(s.store, `${prefix}from`, `${prefix}to/x`);
    assert.equal(await readText(await s.store.get(`${prefix}to/x`)), 'moved');
    assert.equal(await s.store.head(`${prefix}from`), undefined);
    await rejectsWith(moveObject(s.store, `${prefix}from`, `${prefix}y`), 'LATHE_NOT_FOUND');
  });
}

/** list: prefixes, order, pages, delimiter. */
export function defineObjectListTests(s: ObjectStoreSuite): void {
  s.test('list gives the objects under a prefix with their sizes, sorted by key', async () => {
    const prefix = fresh();
    for (const k of ['b/2', 'a', 'b/1', 'a-b', 'c/d/e']) await s.store.put(`${prefix}${k}`, text(k));
    const page = await s.store.list(prefix);
    assert.deepEqual(
      page.objects.map((o) => [o.key.slice(prefix.length), o.size]),
      [
        ['a', 1],
        ['a-b', 3],
        ['b/1', 3],
        ['b/2', 3],
        ['c/d/e', 5],
      ],
    );
    assert.deepEqual(page.prefixes, []);
    assert.equal(page.next, undefined);
    // A prefix is a plain string prefix, not only a folder.
    assert.deepEqual(
      (await s.store.list(`${prefix}a`)).objects.map((o) => o.key.slice(prefix.length)),
      ['a', 'a-b'],
    );
    assert.deepEqual(
      (await s.store.list(`${prefix}b/`)).objects.map((o) => o.key.slice(prefix.length)),
      ['b/1', 'b/2'],
    );
  });

  s.test('a prefix with nothing under it lists nothing', async () => {
    assert.deepEqual(await s.store.list(fresh()), { objects: [], prefixes: [] });
    assert.deepEqual(await s.store.list(`${fresh()}deep/er`, { delimiter: '/' }), { objects: [], prefixes: [] });
  });

  s.test('pages of limit entries, continued with after, join to the whole list', async () => {
    const prefix = fresh();
    const all = Array.from({ length: 7 }, (_, i) => `${prefix}k${i}`);
    for (const k of all) await s.store.put(k, text('x'));
    const seen: string[] = [];
    let after: string | undefined;
    let pages = 0;
    do {
      const page = await s.store.list(prefix, { limit: 3, ...(after !== undefined ? { after } : {}) });
      assert.ok(page.objects.length <= 3);
      seen.push(...page.objects.map((o) => o.key));
      after = page.next;
      pages++;
    } while (after !== undefined);
    assert.deepEqual(seen, all);
    assert.equal(pages, 3);
  });

  s.test('a delimiter rolls keys up into prefixes, one level of a folder', async () => {
    const prefix = fresh();
    for (const k of ['top', 'dir/a', 'dir/sub/b', 'dir2/c', 'do']) await s.store.put(`${prefix}${k}`, text('x'));
    const page = await s.store.list(prefix, { delimiter: '/' });
    assert.deepEqual(
      page.objects.map((o) => o.key),
      [`${prefix}do`, `${prefix}top`],
    );
    assert.deepEqual(page.prefixes, [`${prefix}dir/`, `${prefix}dir2/`]);
    const inner = await s.store.list(`${prefix}dir/`, { delimiter: '/' });
    assert.deepEqual([inner.objects.map((o) => o.key), inner.prefixes], [[`${prefix}dir/a`], [`${prefix}dir/sub/`]]);
    const paged = await s.store.list(prefix, { delimiter: '/', limit: 2 });
    assert.deepEqual([...paged.prefixes, ...paged.objects.map((o) => o.key)], [`${prefix}dir/`, `${prefix}dir2/`]);
    const rest = await s.store.list(prefix, { delimiter: '/', after: paged.next! });
    assert.deepEqual(
      rest.objects.map((o) => o.key),
      [`${prefix}do`, `${prefix}top`],
    );
  });

  s.test('deleting the last object under a prefix removes the prefix from listings', async () => {
    const prefix = fresh();
    await s.store.put(`${prefix}only/deep/file`, text('x'));
    await s.store.delete(`${prefix}only/deep/file`);
    assert.deepEqual(await s.store.list(prefix, { delimiter: '/' }), { objects: [], prefixes: [] });
    await s.store.put(`${prefix}only/deep/file`, text('back'));
    assert.equal(await readText(await s.store.get(`${prefix}only/deep/file`)), 'back');
  });
}

/** Keys that could leave the store, and malformed keys, are refused by every verb. */
export function defineObjectKeyTests(s: ObjectStoreSuite): void {
  const verbs = (key: string): [string, () => Promise<unknown>][] => [
    ['put', () => s.store.put(key, text('x'))],
    ['get', () => s.store.get(key)],
    ['head', () => s.store.head(key)],
    ['delete', () => s.store.delete(key)],
  ];

  s.test('keys that could leave the store are LATHE_PATH_ESCAPE', async () => {
    for (const key of ['..', '../x', 'a/../../x', 'a/..', '/etc/passwd', 'a\0b', 'C:/x']) {
      for (const [verb, call] of verbs(key)) {
        await assert.rejects(call(), (e) => (e as LatheError).code === 'LATHE_PATH_ESCAPE', `${verb} ${JSON.stringify(key)}`);
      }
    }
    await rejectsWith(s.store.list('../'), 'LATHE_PATH_ESCAPE');
  });

  s.test('empty keys and empty or dot segments are LATHE_BAD_REQUEST', async () => {
    for (const key of ['', 'a//b', 'a/', './a', 'a/./b']) {
      for (const [verb, call] of verbs(key)) {
        await assert.rejects(call(), (e) => (e as LatheError).code === 'LATHE_BAD_REQUEST', `${verb} ${JSON.stringify(key)}`);
      }
    }
  });

  s.test('keys may hold spaces, dots inside names and non-ASCII letters', async () => {
    const prefix = fresh();
    for (const k of ['with space.txt', '.hidden', 'a..b', 'données/é.csv']) {
      await s.store.put(`${prefix}${k}`, text(k));
      assert.equal(await readText(await s.store.get(`${prefix}${k}`)), k);
    }
    assert.equal((await keys(s.store, prefix)).length, 4);
  });
}
