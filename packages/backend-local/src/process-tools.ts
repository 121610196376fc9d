import { readFile } from 'node:fs/promises';

/** True when a process with this id exists. */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * True when `pid` is a launcher for `folder`: after a restart a recorded pid may have been reused
 * by an unrelated process, which must never be signalled.
 */
export async function isLauncherFor(pid: number, folder: string): Promise<boolean> {
  const cmdline = await readFile(`/proc/${pid}/cmdline`, 'utf8').catch(() => '');
  return cmdline.split('\0').includes(folder);
}

/** Signals a whole process group; a group that is gone already is not an error. */
export function signalGroup(pgid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pgid, signal);
  } catch {
    // ESRCH: the group has ended.
  }
}

/** The user command's process group the launcher recorded in its folder, if any. */
export async function readChildGroup(folder: string): Promise<number | undefined> {
  const text = await readFile(`${folder}/child.pgid`, 'utf8').catch(() => '');
  const pgid = Number.parseInt(text, 10);
  return Number.isInteger(pgid) && pgid > 1 ? pgid : undefined;
}
