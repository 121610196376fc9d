import { isAbsolute, relative, resolve, sep } from 'node:path';
import { LatheError } from '@lathe/core';

/**
 * Resolves `untrusted` (a relative path from a client or an archive) inside `root`. Throws
 * `LATHE_PATH_ESCAPE` for absolute paths, NUL bytes, and anything that would leave the root.
 * The empty path and `.` resolve to the root itself.
 */
export function confinePath(root: string, untrusted: string): string {
  if (untrusted.includes('\0') || isAbsolute(untrusted) || /^[A-Za-z]:[\\/]/.test(untrusted)) {
    throw escape(untrusted);
  }
  const base = resolve(root);
  const full = resolve(base, untrusted);
  const rel = relative(base, full);
  if (rel === '..' || rel.startsWith(`..${sep}`) || isAbsolute(rel)) throw escape(untrusted);
  return full;
}

function escape(path: string): LatheError {
  return new LatheError('LATHE_PATH_ESCAPE', `path '${path.replace(/\0/g, '\\0')}' is outside the allowed folder`, { details: { path } });
}
