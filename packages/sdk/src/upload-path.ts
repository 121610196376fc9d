import { createReadStream } from 'node:fs';
import { rm, stat } from 'node:fs/promises';
import type { Stats } from 'node:fs';
import { basename } from 'node:path';
import { LatheError, formatBlobRef } from '@lathe/core';
import type { LatheClient } from './lathe-client.js';
import { packFile, packFolder, type PackedSnapshot } from './pack-folder.js';

/**
 * Uploads a local file or folder as a content-addressed snapshot (only when the server lacks
 * it) and returns its reference: `blob://<sha256>` for a folder, `blob://<sha256>/<name>` for a
 * file (or, with `asFolder`, the folder holding it). `file` and `field` name the spec and field
 * in the error (`LATHE_INVALID_SPEC`) for a missing path, or one that is neither a regular file
 * nor a folder (a FIFO, socket or device, which is never opened).
 */
export async function uploadPath(client: LatheClient, path: string, file: string, field: string, options: { asFolder?: boolean } = {}): Promise<string> {
  const info = await stat(path).catch(() => undefined);
  if (!info) {
    throw new LatheError('LATHE_INVALID_SPEC', `${file}: ${field}: '${path}' does not exist`, { details: { file, field, path } });
  }
  if (!info.isDirectory() && !info.isFile()) {
    throw new LatheError('LATHE_INVALID_SPEC', `${file}: ${field}: '${path}' is ${specialKind(info)}; expected a regular file or a folder`, { details: { file, field, path } });
  }
  const packed = info.isDirectory() ? await packFolder(path) : await packFile(path);
  const sha256 = await upload(client, packed);
  return formatBlobRef(info.isDirectory() || options.asFolder ? { sha256 } : { sha256, file: basename(path) });
}

async function upload(client: LatheClient, packed: PackedSnapshot): Promise<string> {
  try {
    if (!(await client.hasBlob(packed.sha256))) await client.uploadBlob(createReadStream(packed.file), packed.sha256);
    return packed.sha256;
  } finally {
    await rm(packed.file, { force: true });
  }
}

function specialKind(info: Stats): string {
  if (info.isFIFO()) return 'a FIFO (named pipe)';
  if (info.isSocket()) return 'a socket';
  if (info.isCharacterDevice() || info.isBlockDevice()) return 'a device';
  return 'not a regular file';
}
