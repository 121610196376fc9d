import { randomBytes } from 'node:crypto';
import { chmod, mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/** A secret read from, or first written to, a file only the server's user can read. */
export interface StoredSecret {
  value: string;
  file: string;
  /** True when this call generated it. */
  created: boolean;
}

/**
 * Reads `<home>/secrets/<name>`, or generates 32 random bytes (base64url) into it first, with
 * mode 0600 in a 0700 folder. The `wx` flag makes two servers starting at once agree: the second
 * finds the file and reads it.
 */
export async function loadOrCreateSecret(home: string, name: string): Promise<StoredSecret> {
  const folder = join(home, 'secrets');
  const file = join(folder, name);
  await mkdir(folder, { recursive: true, mode: 0o700 });
  await chmod(folder, 0o700);
  const value = randomBytes(32).toString('base64url');
  try {
    await writeFile(file, `${value}\n`, { flag: 'wx', mode: 0o600 });
    return { value, file, created: true };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  const stored = (await readFile(file, 'utf8')).trim();
  if (stored.length < 16) throw new Error(`${file} holds no usable secret; delete it to have a new one generated`);
  return { value: stored, file, created: false };
}
