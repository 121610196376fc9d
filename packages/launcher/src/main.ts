import { appendFile, readFile, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import type { LaunchManifest } from '@lathe/core';
import { LatheClient } from '@lathe/sdk/client';
import { JobRun } from './job-run.js';

const USAGE = 'usage: lathe-launch <job folder> [--server <url>]\n       lathe-launch --standby --server <url>   (reads job folders from stdin)';

/** Jobs one standby launcher runs before it exits and the backend starts a fresh one. */
export const MAX_JOBS_PER_LAUNCHER = 200;

/**
 * `lathe-launch <job folder> --server <url>`: runs one job from the manifest a compute backend
 * wrote into its folder, reporting to the server as it goes. With `--standby` it starts, loads
 * everything and opens its connection to the server first, then runs the jobs whose folders
 * arrive on stdin, one after another, writing `done <code>` to stdout after each: a backend
 * keeps such launchers ready so that a job waits neither for a process to boot nor for one to
 * exit. A standby launcher exits when stdin closes (its server is gone: it finishes the job it
 * has first), after a job that was canceled, and after {@link MAX_JOBS_PER_LAUNCHER} jobs.
 * Returns the exit code: 0 when the job's outcome was reported (whatever it was), 1 when even
 * that was impossible, 2 for bad arguments.
 */
export async function main(argv: string[]): Promise<number> {
  const { positionals, values } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { server: { type: 'string' }, standby: { type: 'boolean' } },
  });
  if (values.standby) return serve(values.server);
  const folder = positionals[0];
  if (!folder) {
    process.stderr.write(`${USAGE}\n`);
    return 2;
  }
  // SIGTERM (a cancel from the backend) may come at any moment, even before the command starts.
  const cancel = new AbortController();
  const onSignal = () => cancel.abort();
  process.on('SIGTERM', onSignal).on('SIGINT', onSignal);
  return runJob(resolve(folder), values.server, cancel);
}

async function runJob(folder: string, server: string | undefined, cancel: AbortController): Promise<number> {
  try {
    const manifest = JSON.parse(await readFile(join(folder, 'job.json'), 'utf8')) as LaunchManifest;
    const client = new LatheClient({ url: server ?? manifest.serverUrl, workspace: manifest.workspace, ...(manifest.token ? { token: manifest.token } : {}) });
    await new JobRun(folder, manifest, client, cancel).run();
    return 0;
  } catch (error) {
    const text = `lathe-launch: ${(error as Error).stack ?? String(error)}\n`;
    process.stderr.write(text);
    await appendFile(join(folder, 'launcher.log'), text).catch(() => undefined);
    return 1;
  }
}

/**
 * Warms up (the HTTP client and a connection to the server), then runs one job per line of
 * stdin. SIGTERM cancels the job under way, or ends the launcher while it waits. The backend
 * records this process's pid in each job's `launcher.pid` before handing the folder over; the
 * launcher marks the folder `launcher.done` when the job has ended, so that a restarted server
 * can tell whether this process still runs that job.
 */
async function serve(server: string | undefined): Promise<number> {
  let current: AbortController | undefined;
  let stopping = false;
  const lines = createInterface({ input: process.stdin });
  // Taken at once: lines that arrive before the iterator exists (while warming up) would be lost.
  const folders = lines[Symbol.asyncIterator]();
  const onSignal = () => {
    if (current) current.abort();
    else {
      stopping = true;
      lines.close();
    }
  };
  process.on('SIGTERM', onSignal).on('SIGINT', onSignal);
  // The backend that reads these lines may be gone (a server that was killed): never fail on it.
  process.stdout.on('error', () => undefined);
  if (server) await new LatheClient({ url: server }).health().catch(() => undefined);
  let served = 0;
  for (let next = await folders.next(); !next.done; next = await folders.next()) {
    const line = next.value.trim();
    if (!line || stopping) break;
    const folder = resolve(line);
    current = new AbortController();
    const code = await runJob(folder, server, current);
    // This process no longer runs that job, whatever it runs next (see the backend's reattach).
    await writeFile(join(folder, 'launcher.done'), String(code)).catch(() => undefined);
    const canceled = current.signal.aborted;
    current = undefined;
    // After a cancel the backend may still signal this process's group: leave rather than risk
    // a later job receiving it.
    if (canceled || ++served >= MAX_JOBS_PER_LAUNCHER) break;
    process.stdout.write(`done ${code}\n`);
  }
  lines.close();
  process.stdin.destroy();
  return 0;
}
