import { stat } from 'node:fs/promises';
import { basename, dirname } from 'node:path';
import { Readable } from 'node:stream';
import * as tar from 'tar';
import { LatheError, notFound } from '@lathe/core';
import type { PackedPath } from './artifact-store.js';

const PACKED_MTIME = new Date(0);

/**
 * A gzipped tar of the file or folder at `full`: a folder's contents at the archive's root, or
 * the one file under its own name (`file` set). `label` names it in the errors: `LATHE_NOT_FOUND`,
 * and `LATHE_BAD_REQUEST` for a FIFO, socket or device, which is never opened.
 */
export async function packPath(full: string, label: string): Promise<PackedPath> {
  const info = await stat(full).catch(() => undefined);
  if (info === undefined) throw notFound('path', label);
  if (!info.isDirectory() && !info.isFile()) {
    // A FIFO or device would block or never end; a socket cannot be read.
    throw new LatheError('LATHE_BAD_REQUEST', `${label} is neither a regular file nor a folder`, { details: { path: label } });
  }
  // node-tar packs into its own stream type; Readable.from makes it a Node stream. Times are left
  // out (one fixed mtime) so that equal content packs to the same snapshot, which step reuse
  // compares: a datastore folder or run artifacts unchanged since the last run are the same input.
  const pack = (cwd: string, entries: string[]) => Readable.from(tar.create({ gzip: true, cwd, portable: true, mtime: PACKED_MTIME }, entries) as unknown as AsyncIterable<Buffer>);
  if (info.isDirectory()) return { archive: pack(full, ['.']) };
  return { archive: pack(dirname(full), [basename(full)]), file: basename(full) };
}
