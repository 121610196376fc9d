import { LatheError } from '@lathe/core';

/**
 * Checks an {@link ObjectStore} key and returns it: `/`-separated segments, none empty, `.` or
 * `..`, no NUL, not absolute. Throws `LATHE_PATH_ESCAPE` for what could leave a
 * root (`..`, absolute paths, NUL) and `LATHE_BAD_REQUEST` for the rest.
 */
export function checkObjectKey(key: string): string {
  const segments = key.split('/');
  if (key.includes('\0') || key.startsWith('/') || /^[A-Za-z]:[\\/]/.test(key) || segments.includes('..')) {
    throw new LatheError('LATHE_PATH_ESCAPE', `object key '${key.replace(/\0/g, '\\0')}' is outside the store`, { details: { key } });
  }
  if (key === '' || segments.some((s) => s === '' || s === '.')) {
    throw new LatheError('LATHE_BAD_REQUEST', `'${key}' is not an object key (non-empty '/'-separated names, none '.')`, { details: { key } });
  }
  return key;
}

/** Checks a list prefix: `''`, or a key, or a key followed by `/`. */
export function checkObjectPrefix(prefix: string): string {
  if (prefix === '') return prefix;
  if (prefix.endsWith('/')) checkObjectKey(prefix.slice(0, -1));
  else checkObjectKey(prefix);
  return prefix;
}
