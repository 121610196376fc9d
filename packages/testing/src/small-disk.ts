import { execFile } from 'node:child_process';
import { mkdtemp, open, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** A small real file system (tmpfs) mounted for a test; see {@link mountSmallDisk}. */
export interface SmallDisk {
  /** Where it is mounted. */
  dir: string;
  /** Writes a file until the disk is full (ENOSPC), leaving no free block. */
  fill(): Promise<void>;
  /** Removes what {@link SmallDisk.fill} wrote. */
  free(): Promise<void>;
  /** Unmounts it and removes the mount point. */
  unmount(): Promise<void>;
}

/**
 * Mounts a tmpfs of `sizeMiB` on a new folder, for tests of a full disk. Needs root (or
 * CAP_SYS_ADMIN); resolves to a string saying why not when mounting fails, for `t.skip(reason)`.
 */
export async function mountSmallDisk(sizeMiB: number): Promise<SmallDisk | string> {
  const dir = await mkdtemp(join(tmpdir(), 'lathe-small-disk-'));
  try {
    await run('mount', ['-t', 'tmpfs', '-o', `size=${sizeMiB}m`, 'tmpfs', dir]);
  } catch (error) {
    await rm(dir, { recursive: true, force: true });
    return `cannot mount a tmpfs here: ${(error as Error).message.split('\n')[0]}`;
  }
  const filler = join(dir, 'filler');
  return {
    dir,
    fill: () => fillFile(filler),
    free: () => rm(filler, { force: true }),
    async unmount() {
      await run('umount', ['-l', dir]);
      await rm(dir, { recursive: true, force: true });
    },
  };
}

async function fillFile(file: string): Promise<void> {
  const handle = await open(file, 'a');
  const block = Buffer.alloc(4096);
  try {
    for (;;) await handle.write(block);
  } catch (error) {
    if ((error as { code?: string }).code !== 'ENOSPC') throw error;
  } finally {
    await handle.close();
  }
}
