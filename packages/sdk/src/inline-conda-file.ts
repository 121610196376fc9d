import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { LatheError, hasUriScheme } from '@lathe/core';
import { parseYamlData } from '@lathe/spec';

/**
 * Replaces an inline environment's `conda_file` path (relative to `baseDir`) by the file's
 * parsed content, in place, since the server cannot read the client's files. URLs and content
 * already inlined are left as they are. `field` names the environment in errors.
 */
export async function inlineCondaFile(environment: unknown, baseDir: string, file: string, field: string): Promise<void> {
  if (environment === null || typeof environment !== 'object') return;
  const env = environment as { conda_file?: unknown };
  if (typeof env.conda_file !== 'string' || hasUriScheme(env.conda_file)) return;
  const path = resolve(baseDir, env.conda_file);
  const text = await readFile(path, 'utf8').catch((cause: Error) => {
    throw new LatheError('LATHE_INVALID_SPEC', `${file}: ${field}.conda_file: cannot read '${path}' (${cause.message})`, { details: { field: `${field}.conda_file` }, cause });
  });
  env.conda_file = parseYamlData(text, path);
}
