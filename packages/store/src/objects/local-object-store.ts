import { randomUUID } from 'node:crypto';
import { createReadStream, createWriteStream, type Dirent } from 'node:fs';
import { mkdir, readdir, rename, rm, rmdir, stat } from 'node:fs/promises';
import { dirname, join, relative, sep } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { LatheError, notFound } from '@lathe/core';
import { checkObjectKey, checkObjectPrefix } from './object-key.js';
import type { ByteRange, ListObjectsOptions, ObjectInfo, ObjectPage, ObjectStore } from './object-store.js';

/** Options of {@link LocalObjectStore}. */
export interface LocalObjectStoreOptions {
  /**
   * Where writes in flight go before they are renamed into place; on the same file system as the
   * root. Default `<root>/.tmp`. When inside the root, its keys are refused and never listed.
   */
  tempDir?: string;
}

/**
 * {@link ObjectStore} over a folder: key `a/b/c` is the file `<root>/a/b/c`. A put streams into a
 * temporary file and renames it into place; a delete removes the folders it leaves empty, so a
 * "folder" lasts as long as an object lies under it.
 */
export class LocalObjectStore implements ObjectStore {
  private readonly tempDir: string;
  /** The temp folder as a key prefix (`.tmp/`), when it lies inside the root. */
  private readonly reserved: string | undefined;

  constructor(
    readonly root: string,
    options: LocalObjectStoreOptions = {},
  ) {
    this.tempDir = options.tempDir ?? join(root, '.tmp');
    const inside = relative(root, this.tempDir);
    this.reserved = inside !== '' && !inside.startsWith('..') ? `${inside.split(sep).join('/')}/` : undefined;
  }

  async put(key: string, content: Readable): Promise<{ size: number }> {
    const file = this.file(key);
    // A source that fails while the folder is made must not be an uncaught 'error': the pipeline
    // below sees the failure.
    const early = (): void => {};
    content.on('error', early);
    await mkdir(this.tempDir, { recursive: true }).finally(() => content.off('error', early));
    const temp = join(this.tempDir, randomUUID());
    let size = 0;
    content.on('data', (chunk: Buffer) => {
      size += chunk.length;
    });
    try {
      await pipeline(content, createWriteStream(temp));
      await renameInto(temp, file);
    } finally {
      await rm(temp, { force: true });
    }
    return { size };
  }

  async get(key: string, range?: ByteRange): Promise<Readable> {
    const info = await this.head(key);
    if (info === undefined) throw notFound('object', key);
    if (range === undefined) return createReadStream(this.file(key));
    const end = Math.min(range.end ?? info.size, info.size);
    if (!(range.start >= 0) || range.start >= end) return Readable.from([]);
    return createReadStream(this.file(key), { start: range.start, end: end - 1 });
  }

  async head(key: string): Promise<ObjectInfo | undefined> {
    const info = await stat(this.file(key)).catch(() => undefined);
    return info?.isFile() ? { key, size: info.size, modifiedAt: info.mtimeMs } : undefined;
  }

  async list(prefix: string, options: ListObjectsOptions = {}): Promise<ObjectPage> {
    checkObjectPrefix(prefix);
    const limit = options.limit ?? 1000;
    if (!(limit >= 1)) throw new LatheError('LATHE_BAD_REQUEST', `limit must be at least 1, not ${limit}`, { details: { limit } });
    const cut = prefix.lastIndexOf('/') + 1;
    const entries = options.delimiter === '/' ? await this.level(prefix.slice(0, cut), prefix) : await this.walk(prefix.slice(0, cut), prefix);
    const after = options.after;
    const rest = entries.sort((a, b) => compare(a.key, b.key)).filter((e) => after === undefined || compare(e.key, after) > 0);
    const page = rest.slice(0, limit);
    // Only the page's files are stat'ed; one deleted since the folder was read is left out.
    const objects = await Promise.all(page.filter((e) => !e.folder).map((e) => this.info(e.key)));
    return {
      objects: objects.filter((o): o is ObjectInfo => o !== undefined),
      prefixes: page.filter((e) => e.folder).map((e) => e.key),
      ...(rest.length > limit ? { next: page[page.length - 1]!.key } : {}),
    };
  }

  async delete(key: string): Promise<void> {
    const file = this.file(key);
    // A folder is not an object: deleting its key leaves what lies under it.
    if (!(await stat(file).catch(() => undefined))?.isFile()) return;
    await rm(file, { force: true });
    await this.pruneEmptyFolders(dirname(file));
  }

  async move(from: string, to: string): Promise<void> {
    const source = this.file(from);
    if ((await this.head(from)) === undefined) throw notFound('object', from);
    await renameInto(source, this.file(to));
    await this.pruneEmptyFolders(dirname(source));
  }

  /** The file of `key`, after checking the key. */
  private file(key: string): string {
    checkObjectKey(key);
    if (this.reserved !== undefined && `${key}/`.startsWith(this.reserved)) {
      throw new LatheError('LATHE_BAD_REQUEST', `keys under '${this.reserved}' are reserved for writes in flight`, { details: { key } });
    }
    return join(this.root, ...key.split('/'));
  }

  /** Objects and sub-folders directly in folder `dir` (a key prefix ending in `/`, or `''`). */
  private async level(dir: string, prefix: string): Promise<ListEntry[]> {
    const out: ListEntry[] = [];
    for (const entry of await this.readFolder(dir)) {
      const key = `${dir}${entry.name}`;
      if (!key.startsWith(prefix) || this.isReserved(`${key}/`)) continue;
      if (entry.isDirectory()) out.push({ key: `${key}/`, folder: true });
      else if (entry.isFile()) out.push({ key, folder: false });
    }
    return out;
  }

  /** Every object below folder `dir` whose key starts with `prefix`. */
  private async walk(dir: string, prefix: string): Promise<ListEntry[]> {
    const out: ListEntry[] = [];
    for (const entry of await this.readFolder(dir)) {
      const key = `${dir}${entry.name}`;
      const matches = key.startsWith(prefix) || prefix.startsWith(`${key}/`);
      if (!matches || this.isReserved(`${key}/`)) continue;
      if (entry.isDirectory()) out.push(...(await this.walk(`${key}/`, prefix)));
      else if (entry.isFile() && key.startsWith(prefix)) out.push({ key, folder: false });
    }
    return out;
  }

  private async readFolder(dir: string): Promise<Dirent[]> {
    return readdir(join(this.root, ...dir.split('/').filter(Boolean)), { withFileTypes: true }).catch(() => []);
  }

  private async info(key: string): Promise<ObjectInfo | undefined> {
    const info = await stat(join(this.root, ...key.split('/'))).catch(() => undefined);
    return info?.isFile() ? { key, size: info.size, modifiedAt: info.mtimeMs } : undefined;
  }

  private isReserved(folderKey: string): boolean {
    return this.reserved !== undefined && folderKey === this.reserved;
  }

  /** Removes `dir` and its parents up to the root while they are empty. */
  private async pruneEmptyFolders(dir: string): Promise<void> {
    for (let d = dir; relative(this.root, d) !== '' && !relative(this.root, d).startsWith('..'); d = dirname(d)) {
      // Fails, and stops, at the first folder that is not empty.
      if (
        !(await rmdir(d).then(
          () => true,
          () => false,
        ))
      )
        return;
    }
  }
}

/** A key found while listing: an object, or with a delimiter a folder (its key ends in `/`). */
interface ListEntry {
  key: string;
  folder: boolean;
}

/** Renames `from` to `to`, making `to`'s folder; again if a concurrent delete pruned it between. */
async function renameInto(from: string, to: string): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    await mkdir(dirname(to), { recursive: true });
    try {
      return await rename(from, to);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT' || attempt >= 3) throw error;
    }
  }
}

/** Byte order of UTF-16 code units: S3 sorts keys by their UTF-8 bytes, the same for ASCII. */
function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
