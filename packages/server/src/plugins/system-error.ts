import { LatheError, asStorageFull } from '@lathe/core';

// What a client's path or body can make the file system or the tar reader refuse. The messages
// are Lathe's own: a system error's message names absolute server paths.
const BAD_INPUT: Record<string, string> = {
  ENAMETOOLONG: 'a file name is too long (at most 255 bytes per path segment)',
  EINVAL: 'a file name is not valid on this server',
  EILSEQ: 'a file name is not valid on this server',
  ENOTDIR: 'a path goes through a file as if it were a folder',
  EISDIR: 'a path names a folder where a file is expected',
  ELOOP: 'a path has too many symbolic links',
};
const CONFLICT: Record<string, string> = {
  EEXIST: 'a file or folder is already in the way',
  ENOTEMPTY: 'a folder is in the way and is not empty',
};

/**
 * The Lathe error for a system, database or tar/zlib error: `LATHE_STORAGE_FULL` when storage is
 * full anywhere in its cause chain (also for a `LatheError`, see `asStorageFull`); and, for
 * errors a request's input caused, `LATHE_BAD_REQUEST` for bad names, values the database cannot
 * store and bodies that are not (gzipped) tar archives, `LATHE_CONFLICT` for a file or folder in
 * the way, `LATHE_NOT_FOUND` for a missing one. `undefined` for anything else, which stays an
 * internal error (or, for a `LatheError`, itself).
 */
export function fromSystemError(error: unknown): LatheError | undefined {
  const full = asStorageFull(error);
  if (full !== undefined || error instanceof LatheError) return full;
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code !== 'string') return undefined;
  // PostgreSQL's class 22, "data exception": a value the client sent that the database cannot
  // store, such as text with a NUL character (SQLite keeps it). Its message names no path.
  if (/^22[0-9A-Z]{3}$/.test(code) && typeof (error as { severity?: unknown }).severity === 'string') {
    return new LatheError('LATHE_BAD_REQUEST', `the database cannot store a value of this request: ${(error as Error).message}`, { details: { sqlstate: code }, cause: error });
  }
  const details = { system_code: code };
  if (BAD_INPUT[code] !== undefined) return new LatheError('LATHE_BAD_REQUEST', BAD_INPUT[code], { details, cause: error });
  if (CONFLICT[code] !== undefined) return new LatheError('LATHE_CONFLICT', CONFLICT[code], { details, cause: error });
  if (code === 'ENOENT') return new LatheError('LATHE_NOT_FOUND', 'no such file or folder', { details, cause: error });
  if (code.startsWith('TAR_') || code.startsWith('Z_')) {
    return new LatheError('LATHE_BAD_REQUEST', 'the body is not a valid tar archive (optionally gzipped)', { details, cause: error });
  }
  return undefined;
}
