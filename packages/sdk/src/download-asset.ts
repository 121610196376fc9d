import { mkdir } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import * as tar from 'tar';
import { LatheError, isPlainArchiveEntry, parseBlobRef } from '@lathe/core';
import type { AssetResource } from '@lathe/api';
import type { LatheClient } from './lathe-client.js';

/**
 * Writes the content of a data or model version into `target` (created if missing): a folder's
 * files, or the one file a `uri_file` asset names. Returns the paths written, relative to
 * `target`. Throws `LATHE_BAD_REQUEST` for an asset without stored content.
 */
export async function downloadAsset(client: LatheClient, asset: AssetResource, target: string): Promise<string[]> {
  const ref = typeof asset.spec.path === 'string' ? parseBlobRef(asset.spec.path) : undefined;
  if (ref === undefined) {
    throw new LatheError('LATHE_BAD_REQUEST', `${asset.kind} ${asset.name}:${asset.version} has no stored content to download (path: ${String(asset.spec.path)})`);
  }
  await mkdir(target, { recursive: true });
  const written: string[] = [];
  const extract = tar.extract({
    cwd: target,
    strict: true,
    filter: (path, entry) => {
      if (!isPlainArchiveEntry(entry as { type?: string })) return false;
      const clean = path.replace(/^\.\//, '');
      if (ref.file !== undefined && clean !== ref.file) return false;
      if ((entry as { type?: string }).type !== 'Directory') written.push(clean);
      return true;
    },
  }) as unknown as NodeJS.WritableStream;
  await pipeline(Readable.fromWeb(await client.openBlob(ref.sha256)), extract);
  return written.sort();
}
