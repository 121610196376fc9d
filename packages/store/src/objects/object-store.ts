import type { Readable } from 'node:stream';

/** What {@link ObjectStore.head} and {@link ObjectStore.list} say about one object. */
export interface ObjectInfo {
  key: string;
  /** Bytes. */
  size: number;
  /** Last write, in milliseconds since the epoch. */
  modifiedAt: number;
}

/** A byte range of an object: from `start` to `end`, exclusive (default: the object's end). */
export interface ByteRange {
  start: number;
  end?: number;
}

/** Options of {@link ObjectStore.list}. */
export interface ListObjectsOptions {
  /** Only keys (and prefixes) sorting after this one: the `next` of the previous page. */
  after?: string;
  /** The most entries, objects and prefixes together, on one page (default 1000). */
  limit?: number;
  /**
   * `'/'` rolls keys up at the first `/` after the prefix into `prefixes`, one level of a
   * folder (S3's `Delimiter`). Omitted: every key under the prefix.
   */
  delimiter?: '/';
}

/** One page of {@link ObjectStore.list}. */
export interface ObjectPage {
  /** Objects, sorted by key. */
  objects: ObjectInfo[];
  /** With a delimiter: the rolled-up prefixes, each ending in `/`, sorted. */
  prefixes: string[];
  /** Set when there is more: pass it as `after` for the next page. */
  next?: string;
}

/**
 * Bytes by key: the five verbs an object store such as S3 offers, on which the wide
 * {@link ArtifactStore} is built. A key is a relative path of `/`-separated segments; a key that is
 * empty, absolute, has an empty, `.` or `..` segment or a NUL is refused
 * (`LATHE_PATH_ESCAPE` for what could leave the root, `LATHE_BAD_REQUEST` otherwise). There are
 * no folders: a "folder" is a key prefix, and exists while an object lies under it.
 *
 * Everything streams; no object is held whole in memory.
 */
export interface ObjectStore {
  /**
   * Stores `content` under `key`, replacing what is there. Atomic: readers see the old object or
   * the whole new one, never part of it; when the stream fails nothing changes. Of concurrent
   * puts of one key, one wins whole. Resolves to the size written.
   */
  put(key: string, content: Readable): Promise<{ size: number }>;
  /** A stream of the object, or of `range` of it. Throws `LATHE_NOT_FOUND`. */
  get(key: string, range?: ByteRange): Promise<Readable>;
  /** The object's size and time, or `undefined` when missing. */
  head(key: string): Promise<ObjectInfo | undefined>;
  /** One page of the keys starting with `prefix` (any string; `''` for all), sorted. */
  list(prefix: string, options?: ListObjectsOptions): Promise<ObjectPage>;
  /** Removes the object; a missing key is fine. */
  delete(key: string): Promise<void>;
  /**
   * Optional: moves an object to another key, replacing what is there, without the bytes passing
   * through the caller (a rename; S3's CopyObject then DeleteObject). Throws `LATHE_NOT_FOUND`.
   * Callers use {@link moveObject}, which copies and deletes when a store has no `move`.
   */
  move?(from: string, to: string): Promise<void>;
}
