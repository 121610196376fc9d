import type { Readable } from 'node:stream';
import type { PackedPath } from '../artifacts/artifact-store.js';

/**
 * A place data lives outside Lathe's own storage, named in `azureml://datastores/<name>/paths/…`
 * URIs. Jobs read from it through snapshots (`pack`) and write outputs into it
 * (`writeArchive`). `LocalDatastore` is a folder; an S3-compatible store implements the same
 * three calls. Every path is relative to the datastore's root and confined to it.
 */
export interface Datastore {
  readonly name: string;
  /** A gzipped tar of a file or folder (see `PackedPath`); `LATHE_NOT_FOUND` when missing. */
  pack(path: string): Promise<PackedPath>;
  /** Unpacks a tar stream (gzip allowed) into the folder at `path`, replacing what was there. */
  writeArchive(path: string, archive: Readable): Promise<void>;
  /** Whether `path` exists, and as what. */
  stat(path: string): Promise<'file' | 'folder' | undefined>;
}
