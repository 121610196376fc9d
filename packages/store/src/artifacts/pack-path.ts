import { stat } from 'node:fs/promises';
import { basename, dirname } from 'node:path';
import { Readable } from 'node:stream';
import * as tar from 'tar';
import { notFound } from '@lathe/core';
import type { PackedPath } from './artifact-store.js';

/**
 * A gzipped tar of the file or folder at `full`: a folder's contents at the archive's root, or
 * the one file under its own name (`file` set). `label` names it in the not-found error.
 */
export async function packPath(full: string, label: string): Promise<PackedPath> {
  const info = await stat(full).catch(() => undefined);
  if (info === undefined) throw notFound('path', label);
  // node-tar packs into its own stream type; Readable.from makes it a Node stream.
  const pack = (cwd: string, entries: string[]) =>
    Readable.from(tar.create({ gzip: true, cwd, portable: true }, entries) as unknown as AsyncIterable<Buffer>);
  if (info.isDirectory()) return { archive: pack(full, ['.']) };
  return { archive: pack(dirname(full), [basename(full)]), file: basename(full) };
}
