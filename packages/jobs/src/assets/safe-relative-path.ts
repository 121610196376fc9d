import { LatheError } from '@lathe/core';

/** A relative path with no empty, `.` or `..` segment; `LATHE_PATH_ESCAPE` otherwise. */
export function safeRelativePath(raw: string): string {
  const path = raw.replace(/\/+$/, '');
  if (path === '') return '';
  const bad = path.startsWith('/') || path.includes('\\') || path.includes('\0') || path.split('/').some((s) => s === '' || s === '.' || s === '..');
  if (bad) {
    throw new LatheError('LATHE_PATH_ESCAPE', `Invalid path '${path.replace(/\0/g, '\\0')}': artifact paths are relative and may not contain '.', '..' or empty segments`, {
      details: { path },
    });
  }
  return path;
}
