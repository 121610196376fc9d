import { realpath } from 'node:fs/promises';
import { basename, dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';

/**
 * Where `path` really is: every symbolic link resolved in the longest leading part that exists,
 * the missing rest appended as written. So a path about to be created is judged by the folder it
 * will be created in, and a link anywhere on the way cannot hide where it leads.
 */
export async function realPath(path: string): Promise<string> {
  const full = resolve(path);
  const real = await realpath(full).catch((error: NodeJS.ErrnoException) => {
    if (error.code !== 'ENOENT') throw error;
    return undefined;
  });
  if (real !== undefined) return real;
  const parent = dirname(full);
  return parent === full ? full : join(await realPath(parent), basename(full));
}

/** True when `path` is `root` or lies inside it; both are compared as given (make them real first). */
export function isWithin(root: string, path: string): boolean {
  const rel = relative(root, path);
  return rel === '' || (rel !== '..' && !rel.startsWith(`..${sep}`) && !isAbsolute(rel));
}
