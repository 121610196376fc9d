/**
 * A reference to uploaded content in a job spec: `blob://<sha256>` for a folder snapshot, or
 * `blob://<sha256>/<file name>` for a single file packed on its own. Clients replace local paths
 * (`code: ./src`, `path: ./data/iris.csv`) with these before a job is created.
 */
export interface BlobRef {
  sha256: string;
  /** The file inside the snapshot, for a single-file input. */
  file?: string;
}

const BLOB_REF = /^blob:\/\/([0-9a-f]{64})(?:\/([^/\\\0]+))?$/;

/** Formats a blob reference. */
export function formatBlobRef(ref: BlobRef): string {
  return ref.file ? `blob://${ref.sha256}/${ref.file}` : `blob://${ref.sha256}`;
}

/** Parses a blob reference, or returns `undefined` for anything else. */
export function parseBlobRef(text: string): BlobRef | undefined {
  const match = BLOB_REF.exec(text);
  if (!match) return undefined;
  const file = match[2];
  if (file === '.' || file === '..') return undefined;
  return file ? { sha256: match[1] as string, file } : { sha256: match[1] as string };
}

/** True when `path` names a location with a URI scheme (`azureml:`, `https:`, `blob:`), not a local path. */
export function hasUriScheme(path: string): boolean {
  return /^[A-Za-z][A-Za-z0-9+.-]+:/.test(path);
}

/** The folder, under an artifact store's root, that holds uploaded blobs. */
export const BLOB_FOLDER = 'blobs';

/**
 * Where a blob lies inside {@link BLOB_FOLDER}: `sha256/<first two hex digits>/<sha256>`, with `/`
 * between the parts. The artifact store writes this layout and a launcher on the same file system
 * reads it, so it is defined here alone.
 */
export function blobPath(sha256: string): string {
  return `sha256/${sha256.slice(0, 2)}/${sha256}`;
}

/**
 * Where a job's stored output lies under the artifact store's root (`/`-separated): the one
 * layout the store writes and a launcher beside it reads in place. Names are checked by the store.
 */
export function jobOutputPath(workspace: string, job: string, output: string): string {
  return `workspaces/${workspace}/jobs/${job}/outputs/${output}`;
}
