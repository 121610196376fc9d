import { parseBlobRef, type BlobRef } from '@lathe/core';
import { paths } from '@lathe/api/routes';
import { WORKSPACE, lathe } from '../../client.js';

/** The stored snapshot a spec field names (`blob://<sha256>` or `blob://<sha256>/<file>`), if it names one. */
export function snapshotOf(value: unknown): BlobRef | undefined {
  return typeof value === 'string' ? parseBlobRef(value) : undefined;
}

/**
 * Where the browser downloads a snapshot: the server sends the stored archive (a .tar.gz of the
 * folder, or of the one file a `blob://<sha256>/<file>` names) as it is.
 */
export function snapshotHref(ref: BlobRef): string {
  return lathe.href(paths.blob(WORKSPACE, ref.sha256));
}
