import { readFile, readdir } from 'node:fs/promises';

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
  const args = (await readFile(`/proc/${pid}/cmdline`, 'utf8').catch(() => '')).split('\0');
  if (args.includes(folder)) return true;
  // A standby launcher got its folder on stdin and recorded its pid there; it runs job after job,
  // so it marks the folder `launcher.done` when it has finished this one.
  const recorded = await readFile(`${folder}/launcher.pid`, 'utf8').catch(() => '');
  if (!args.includes('--standby') || recorded.trim() !== String(pid)) return false;
  return !(await readFile(`${folder}/launcher.done`, 'utf8').then(
    () => true,
    () => false,
  ));
}

/** Signals a whole process group; a group that is gone already is not an error. */
export function signalGroup(pgid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pgid, signal);
  } catch {
    // ESRCH: the group has ended.
  }
}

/**
 * The user command's process group the launcher recorded in its folder, when a live process of
 * that group still runs with the job's `LATHE_JOB_NAME`: after a restart the id may have been
 * reused by an unrelated group, which must never be signalled.
 */
export async function readChildGroup(folder: string, job: string): Promise<number | undefined> {
  const text = await readFile(`${folder}/child.pgid`, 'utf8').catch(() => '');
  const pgid = Number.parseInt(text, 10);
  if (!(Number.isInteger(pgid) && pgid > 1)) return undefined;
  return (await groupRunsJob(pgid, job)) ? pgid : undefined;
}

async function groupRunsJob(pgid: number, job: string): Promise<boolean> {
  const marker = `\0LATHE_JOB_NAME=${job}\0`;
  for (const entry of await readdir('/proc').catch(() => [])) {
    if (!/^\d+$/.test(entry)) continue;
    const stat = await readFile(`/proc/${entry}/stat`, 'utf8').catch(() => '');
    if (Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[2]) !== pgid) continue;
    const environ = await readFile(`/proc/${entry}/environ`, 'utf8').catch(() => '');
    if (`\0${environ}`.includes(marker)) return true;
  }
  return false;
}
