import { randomBytes } from 'node:crypto';
import { mkdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import { join } from 'node:path';

/** Options for {@link withLock}. */
export interface LockOptions {
  /** Called once when the lock is held by someone else and this call starts waiting. */
  onWait?: () => void;
  /** A lock older than this whose owner cannot be checked (another host) is taken over (default 30 min). */
  staleMs?: number;
  /** Between attempts (default 100 ms). */
  pollMs?: number;
}

interface Owner {
  pid: number;
  host: string;
  since: number;
}

/**
 * Runs `work` while holding a lock folder (`mkdir` is atomic, on local and network file
 * systems alike), so that two launchers never build the same environment at once. A lock whose
 * owner died (same host: its pid is gone; another host: older than `staleMs`) is taken over.
 */
export async function withLock<T>(lockDir: string, work: () => Promise<T>, options: LockOptions = {}): Promise<T> {
  let waiting = false;
  while (!(await tryLock(lockDir))) {
    if (await isStale(lockDir, options.staleMs ?? 30 * 60_000)) {
      // Renamed first, so that of two launchers finding it stale only one removes it.
      const aside = `${lockDir}.stale-${randomBytes(4).toString('hex')}`;
      if (
        await rename(lockDir, aside).then(
          () => true,
          () => false,
        )
      )
        await rm(aside, { recursive: true, force: true });
      continue;
    }
    if (!waiting) options.onWait?.();
    waiting = true;
    await new Promise((done) => setTimeout(done, options.pollMs ?? 100));
  }
  try {
    return await work();
  } finally {
    await rm(lockDir, { recursive: true, force: true });
  }
}

async function tryLock(lockDir: string): Promise<boolean> {
  try {
    await mkdir(lockDir);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  }
  const owner: Owner = { pid: process.pid, host: hostname(), since: Date.now() };
  await writeFile(join(lockDir, 'owner.json'), JSON.stringify(owner));
  return true;
}

async function isStale(lockDir: string, staleMs: number): Promise<boolean> {
  const text = await readFile(join(lockDir, 'owner.json'), 'utf8').catch(() => undefined);
  if (text === undefined) {
    // Between mkdir and writing the owner, or its owner died right there.
    const made = await stat(lockDir).then(
      (s) => s.mtimeMs,
      () => undefined,
    );
    return made !== undefined && Date.now() - made > 10_000;
  }
  let owner: Owner;
  try {
    owner = JSON.parse(text) as Owner;
  } catch {
    return false; // being written right now
  }
  if (owner.host === hostname()) return !isAlive(owner.pid);
  return Date.now() - owner.since > staleMs;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
