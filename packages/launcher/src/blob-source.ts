import { createReadStream } from 'node:fs';
import { chmod, mkdir, readdir, rename, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { blobPath } from '@lathe/core';
import { extractPlainFiles } from '@lathe/sdk/archive';
import type { LatheClient } from '@lathe/sdk/client';

/**
 * Where the launcher reads uploaded snapshots: straight from the server's blob folder when it is
 * on this file system, otherwise over the API.
 */
export class BlobSource {
  constructor(
    private readonly client: LatheClient,
    private readonly blobDir: string | undefined,
  ) {}

  /** A stream of the blob's bytes. */
  async open(sha256: string): Promise<Readable> {
    if (this.blobDir) {
      const file = join(this.blobDir, ...blobPath(sha256).split('/'));
      if (await stat(file).catch(() => undefined)) return createReadStream(file);
    }
    return Readable.fromWeb(await this.client.openBlob(sha256));
  }

  /** Unpacks the snapshot into `folder` (created if missing), files and folders with their modes. */
  async extract(sha256: string, folder: string): Promise<void> {
    await mkdir(folder, { recursive: true });
    await pipeline(await this.open(sha256), extractPlainFiles(folder));
  }

  /**
   * Unpacks the snapshot once into `<cacheDir>/<sha256>` and makes it read-only (write bits
   * removed, the archive's read bits kept); later jobs reuse it. Unpacks to a temporary sibling first and renames, so a reader never sees half a folder.
   */
  async extractShared(sha256: string, cacheDir: string): Promise<string> {
    const target = join(cacheDir, sha256);
    if (await stat(target).catch(() => undefined)) return target;
    const temp = `${target}.tmp-${process.pid}-${Date.now()}`;
    await this.extract(sha256, temp);
    await makeReadOnly(temp);
    await rename(temp, target).catch(async (error: NodeJS.ErrnoException) => {
      // Another job unpacked the same content first; use theirs.
      await rm(temp, { recursive: true, force: true });
      if (!(await stat(target).catch(() => undefined))) throw error;
    });
    return target;
  }
}

// Only write permission is taken away: a file that was 0600 becomes 0400, never readable by more.
async function makeReadOnly(folder: string): Promise<void> {
  for (const entry of await readdir(folder, { withFileTypes: true })) {
    const full = join(folder, entry.name);
    if (entry.isDirectory()) await makeReadOnly(full);
    else await withoutWrite(full);
  }
  await withoutWrite(folder);
}

async function withoutWrite(path: string): Promise<void> {
  await chmod(path, (await stat(path)).mode & 0o7555);
}
