import { parseBlobRef } from '@lathe/core';

/** The datastore and folder Azure ML keeps local uploads in; Lathe names its snapshots the same way. */
const LOCAL_UPLOADS = 'azureml://datastores/workspaceblobstore/paths/LocalUpload';

/**
 * What users are shown for a stored path: a `blob://<sha256>[/<file>]` snapshot — Lathe's internal
 * name for uploaded content — becomes the datastore URI Azure ML gives a local upload
 * (`azureml://datastores/workspaceblobstore/paths/LocalUpload/<sha256>/[<file>]`); any other
 * value is returned as it is, and a non-string as `undefined`.
 */
export function userFacingUri(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const ref = parseBlobRef(value);
  if (!ref) return value;
  return `${LOCAL_UPLOADS}/${ref.sha256}/${ref.file ?? ''}`;
}
