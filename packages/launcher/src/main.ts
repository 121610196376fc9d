import { appendFile, readFile, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import type { LaunchManifest } from '@lathe/core';
import { LatheClient } from '@lathe/sdk/client';
import { JobRun } from './job-run.js';

const USAGE = 'usage: lathe-launch <job folder> [--server <url>]\n       lathe-launch --standby --server <url>   (reads the job folder from stdin)';

/**
 * `lathe-launch <job folder> --server <url>`: runs one job from the manifest a compute backend
 * wrote into its folder, reporting to the server as it goes. With `--standby` it starts, loads
 * everything and opens its connection to the server first, then waits for the folder on stdin:
 * a backend keeps one such launcher ready so that a job does not wait for a process to boot.
 * Returns the exit code: 0 when the job's outcome was reported (whatever it was), 1 when even
 * that was impossible, 2 for bad arguments.
 */
export async function main(argv: string[]): Promise<number> {
  const { positionals, values } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { server: { type: 'string' }, standby: { type: 'boolean' } },
  });
  // SIGTERM (a cancel from the backend) may come at any moment, even before the command starts.
  const cancel = new AbortController();
  const onSignal = () => cancel.abort();
  process.on('SIGTERM', onSignal).on('SIGINT', onSignal);
  const folder = values.standby ? await standBy(values.server, cancel.signal) : positionals[0];
  if (!folder) {
    if (!values.standby) process.stderr.write(`${USAGE}\n`);
    return values.standby ? 0 : 2;
  }
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
 * Warms up (the HTTP client and a connection to the server), then waits for one line on stdin:
 * the job folder. Records its pid there, so that a restarted server can tell this process runs
 * that job. Resolves `undefined` when stdin closes first or the launcher is told to stop.
 */
async function standBy(server: string | undefined, cancel: AbortSignal): Promise<string | undefined> {
  if (server) await new LatheClient({ url: server }).health().catch(() => undefined);
  const lines = createInterface({ input: process.stdin });
  const folder = await new Promise<string | undefined>((done) => {
    lines.once('line', (line) => done(line.trim() || undefined));
    lines.once('close', () => done(undefined));
    cancel.addEventListener('abort', () => done(undefined));
  });
  lines.close();
  process.stdin.destroy();
  if (folder) await writeFile(join(resolve(folder), 'launcher.pid'), String(process.pid));
  return cancel.aborted ? undefined : folder;
}
