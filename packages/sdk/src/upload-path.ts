import { createReadStream, type Stats } from 'node:fs';
import { rm, stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { LatheError, formatBlobRef } from '@lathe/core';
import type { LatheClient } from './lathe-client.js';
import { packFile, packFolder, type PackedSnapshot } from './pack-folder.js';
import type { SnapshotLimits } from './snapshot-limits.js';

/** How far an upload has got: bytes of the packed archive sent so far, of `total`. */
export interface UploadProgress {
  /** The spec field being uploaded: `code`, `inputs.data.path`, `path`. */
  field: string;
  sent: number;
  total: number;
}

/** Receives {@link UploadProgress} as bytes leave, and once more when the upload ends. */
export type OnUploadProgress = (progress: UploadProgress) => void;

/** Options for {@link packPath} and {@link uploadPath}. */
export interface UploadPathOptions {
  /** Reference a single file as the folder holding it (`code:` given as a file). */
  asFolder?: boolean;
  /** Limits of a code snapshot (`snapshotLimits()`); none when absent. */
  limits?: SnapshotLimits;
  /** Told how an upload advances; not called for what the server already has. */
  onProgress?: OnUploadProgress;
}

/** A local path packed and ready to upload: its future reference, and the archive to send. */
export interface PackedPath {
  /** `blob://<sha256>` or `blob://<sha256>/<name>`. */
  ref: string;
  packed: PackedSnapshot;
  /** The field it was packed for, named in progress reports. */
  field: string;
}

/**
 * Packs a local file or folder to a temporary archive (removed by {@link uploadPacked} or
 * {@link discardPacked}). `file` and `field` name the spec and field in the errors
 * (`LATHE_INVALID_SPEC`): a missing path, or one that is neither a regular file nor a folder (a
 * FIFO, socket or device, which is never opened); with `limits`, `LATHE_SNAPSHOT_TOO_LARGE`.
 */
export async function packPath(path: string, file: string, field: string, options: UploadPathOptions = {}): Promise<PackedPath> {
  const info = await stat(path).catch(() => undefined);
  if (!info) {
    throw new LatheError('LATHE_INVALID_SPEC', `${file}: ${field}: '${path}' does not exist`, { details: { file, field, path } });
  }
  if (!info.isDirectory() && !info.isFile()) {
    throw new LatheError('LATHE_INVALID_SPEC', `${file}: ${field}: '${path}' is ${specialKind(info)}; expected a regular file or a folder`, { details: { file, field, path } });
  }
  const packed = info.isDirectory() ? await packFolder(path, { label: `${file}: ${field}`, ...(options.limits ? { limits: options.limits } : {}) }) : await packFile(path);
  const sha256 = packed.sha256;
  return { ref: formatBlobRef(info.isDirectory() || options.asFolder ? { sha256 } : { sha256, file: basename(path) }), packed, field };
}

/**
 * Uploads a packed path (only when the server lacks it), removes its archive, returns its
 * reference. `onProgress` hears of the bytes as they are read into the request.
 */
export async function uploadPacked(client: LatheClient, path: PackedPath, onProgress?: OnUploadProgress): Promise<string> {
  const { packed, field } = path;
  try {
    if (!(await client.hasBlob(packed.sha256))) {
      const file = await stat(packed.file);
      const body = createReadStream(packed.file);
      if (onProgress !== undefined) {
        let sent = 0;
        body.on('data', (chunk) => onProgress({ field, sent: (sent += chunk.length), total: file.size }));
        onProgress({ field, sent: 0, total: file.size });
      }
      await client.uploadBlob(body, packed.sha256);
    }
    return path.ref;
  } finally {
    await discardPacked(path);
  }
}

/** Removes a packed path's archive without uploading it. */
export async function discardPacked({ packed }: Pick<PackedPath, 'packed'>): Promise<void> {
  await rm(packed.file, { force: true });
}

/**
 * Uploads a local file or folder as a content-addressed snapshot (only when the server lacks
 * it) and returns its reference: `blob://<sha256>` for a folder, `blob://<sha256>/<name>` for a
 * file (or, with `asFolder`, the folder holding it). Errors as {@link packPath}; `onWarning`
 * receives what packing found worth a warning.
 */
export async function uploadPath(
  client: LatheClient,
  path: string,
  file: string,
  field: string,
  options: UploadPathOptions = {},
  onWarning: (warning: string) => void = () => undefined,
): Promise<string> {
  const packed = await packPath(path, file, field, options);
  packed.packed.warnings.forEach(onWarning);
  return uploadPacked(client, packed, options.onProgress);
}

function specialKind(info: Stats): string {
  if (info.isFIFO()) return 'a FIFO (named pipe)';
  if (info.isSocket()) return 'a socket';
  if (info.isCharacterDevice() || info.isBlockDevice()) return 'a device';
  return 'not a regular file';
}
