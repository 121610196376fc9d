import { LatheError } from '@lathe/core';

/** The most a code snapshot may hold; see {@link snapshotLimits}. */
export interface SnapshotLimits {
  maxBytes: number;
  maxFiles: number;
}

/** Azure ML's documented limits for a job's code snapshot: 300 MB in 2,000 files. */
export const DEFAULT_SNAPSHOT_LIMITS: SnapshotLimits = { maxBytes: 300 * 1024 * 1024, maxFiles: 2000 };

/**
 * The limits for code snapshots: `LATHE_SNAPSHOT_MAX_BYTES` and `LATHE_SNAPSHOT_MAX_FILES` from
 * `env`, else {@link DEFAULT_SNAPSHOT_LIMITS}. Throws `LATHE_BAD_REQUEST` naming the variable when
 * one is not a positive integer.
 */
export function snapshotLimits(env: NodeJS.ProcessEnv = process.env): SnapshotLimits {
  return {
    maxBytes: positive(env, 'LATHE_SNAPSHOT_MAX_BYTES', DEFAULT_SNAPSHOT_LIMITS.maxBytes),
    maxFiles: positive(env, 'LATHE_SNAPSHOT_MAX_FILES', DEFAULT_SNAPSHOT_LIMITS.maxFiles),
  };
}

/**
 * Checks a snapshot of `files` files and `bytes` bytes taken from `folder` against `limits`:
 * throws `LATHE_SNAPSHOT_TOO_LARGE` naming the folder, the count or size and the limit when one
 * is exceeded; returns a warning when either is over half its limit, else `undefined`.
 */
export function checkSnapshotSize(label: string, folder: string, files: number, bytes: number, limits: SnapshotLimits): string | undefined {
  const over = [
    ...(files > limits.maxFiles ? [`${files} files, over the limit of ${limits.maxFiles} (LATHE_SNAPSHOT_MAX_FILES)`] : []),
    ...(bytes > limits.maxBytes ? [`${megabytes(bytes)}, over the limit of ${megabytes(limits.maxBytes)} (LATHE_SNAPSHOT_MAX_BYTES)`] : []),
  ];
  if (over.length > 0) {
    throw new LatheError('LATHE_SNAPSHOT_TOO_LARGE', `${label}: the snapshot of '${folder}' has ${over.join(' and ')}; list what the job does not need in .amlignore, or raise the limit`, {
      details: { folder, files, bytes, max_files: limits.maxFiles, max_bytes: limits.maxBytes },
    });
  }
  if (files * 2 > limits.maxFiles || bytes * 2 > limits.maxBytes) {
    return `${label}: the snapshot of '${folder}' is ${megabytes(bytes)} in ${files} files, over half the limit of ${megabytes(limits.maxBytes)} in ${limits.maxFiles} files; .amlignore keeps files out`;
  }
  return undefined;
}

function megabytes(bytes: number): string {
  return bytes < 1024 * 1024 ? `${bytes} bytes` : `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
}

function positive(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const text = env[name];
  if (text === undefined || text === '') return fallback;
  const value = Number(text);
  if (!Number.isSafeInteger(value) || value < 1) {
    throw new LatheError('LATHE_BAD_REQUEST', `${name}=${text}: expected a positive integer`, { details: { variable: name } });
  }
  return value;
}
