import { LatheError } from './errors.js';

/** Error codes that mean the disk or a quota is full: the OS's and SQLite's. */
const FULL_CODES = new Set(['ENOSPC', 'EDQUOT', 'SQLITE_FULL']);

/**
 * The code of the first error in `error`'s `cause` chain that says storage is full (`ENOSPC`,
 * `EDQUOT`, `SQLITE_FULL`), or `undefined`. A {@link LatheError} `LATHE_STORAGE_FULL` gives the
 * code it was made from.
 */
export function storageFullCode(error: unknown): string | undefined {
  for (let e = error, depth = 0; e !== null && typeof e === 'object' && depth < 8; e = (e as { cause?: unknown }).cause, depth++) {
    if (e instanceof LatheError && e.code === 'LATHE_STORAGE_FULL') return String(e.details.cause_code ?? 'ENOSPC');
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && FULL_CODES.has(code)) return code;
  }
  return undefined;
}

/**
 * `error` as a `LATHE_STORAGE_FULL` {@link LatheError} when it means the disk or a quota is full
 * (see {@link storageFullCode}), else `undefined`. The message names the cause but never a path,
 * so it can go to clients as it is; the original error is kept as `cause` for the log.
 */
export function asStorageFull(error: unknown): LatheError | undefined {
  if (error instanceof LatheError && error.code === 'LATHE_STORAGE_FULL') return error;
  const code = storageFullCode(error);
  if (code === undefined) return undefined;
  const what = code === 'EDQUOT' ? 'its disk quota is used up' : code === 'SQLITE_FULL' ? 'the metadata database cannot grow' : 'no space is left on its disk';
  return new LatheError('LATHE_STORAGE_FULL', `the server's storage is full (${code}: ${what}); free space and try again`, {
    details: { cause_code: code },
    cause: error,
  });
}
