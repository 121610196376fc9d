import { isAbsolute } from 'node:path';
import { LatheError } from '@lathe/core';
import { isWithin, realPath } from '@lathe/store';

/**
 * Where the folder of a `type: local` datastore really is, when it lies in one of `roots`
 * (`LATHE_DATASTORE_ROOTS`), judged after resolving symbolic links in both. Throws
 * `LATHE_INVALID_SPEC` at `field` for a relative path or one outside every root, naming the
 * roots; nothing is created.
 */
export async function checkDatastoreRoot(path: string, roots: readonly string[], field = 'path'): Promise<string> {
  if (!isAbsolute(path)) {
    throw new LatheError('LATHE_INVALID_SPEC', `${field}: '${path}' is relative; expected an absolute folder on the server`, { details: { field, path } });
  }
  const real = await realPath(path);
  for (const root of roots) if (isWithin(await realPath(root), real)) return real;
  const where = real === path ? '' : ` (really ${real})`;
  throw new LatheError(
    'LATHE_INVALID_SPEC',
    `${field}: '${path}'${where} is outside the folders local datastores may use: ${roots.join(', ')}; an operator can allow more with LATHE_DATASTORE_ROOTS`,
    { details: { field, path, allowed_roots: [...roots] } },
  );
}
