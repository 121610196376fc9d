import { blobError } from './blob-error.js';

/**
 * Refuses (`InvalidResourceName`) a blob name that is not a plain relative path: empty, over
 * 1,024 characters, with NUL or a backslash, absolute, ending in `/`, or with an empty, `.` or
 * `..` segment. Azure allows some of these; a datastore folder cannot hold them safely.
 */
export function checkBlobName(name: string): void {
  const segments = name.split('/');
  const bad = name.length === 0 || name.length > 1024 || name.includes('\0') || name.includes('\\') || segments.some((s) => s === '' || s === '.' || s === '..');
  if (bad) throw blobError('InvalidResourceName', `'${name.replace(/\0/g, '\\0').slice(0, 200)}' is not a blob name this server stores: use a relative path without empty, '.' or '..' segments`);
}
