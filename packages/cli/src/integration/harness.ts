import { spawn } from 'node:child_process';
import { mkdtemp, mkdir, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isTerminal, type JobStatus } from '@lathe/core';
import type { JobResource } from '@lathe/api';
import { LatheClient } from '@lathe/sdk';
import { configFromEnv, startServer, type RunningServer } from '@lathe/server';

/** The `lathe` entry point, run as a real process by the CLI tests. */
export const CLI = fileURLToPath(new URL('../../bin/lathe.js', import.meta.url));

/** A server on a free port with its own data directory, and a client for it. */
export interface TestServer {
  server: RunningServer;
  url: string;
  home: string;
  client: LatheClient;
  /** A scratch folder for job files. */
  scratch: string;
  close(): Promise<void>;
}

/** Starts a real server (SQLite, local compute, real Python) in a fresh temp folder. */
export async function startTestServer(env: Record<string, string> = {}): Promise<TestServer> {
  const root = await mkdtemp(join(tmpdir(), 'lathe-it-'));
  const home = join(root, 'home');
  const scratch = join(root, 'scratch');
  await mkdir(scratch, { recursive: true });
  // Local datastores may lie anywhere in the test's own folder (its scratch, beside the home).
  // A job still running when a test stops its server gives up on it after 10 s, not an hour.
  const config = configFromEnv({
    LATHE_HOME: home,
    LATHE_PORT: '0',
    LATHE_LOG_LEVEL: 'silent',
    LATHE_CANCEL_GRACE_MS: '500',
    LATHE_JOB_RECONNECT_S: '10',
    LATHE_DATASTORE_ROOTS: root,
    ...pythonEnv(),
    ...env,
  });
  const server = await startServer(config);
  return {
    server,
    url: server.url,
    home,
    scratch,
    client: new LatheClient({ url: server.url }),
    async close() {
      await server.close();
      await rm(root, { recursive: true, force: true });
    },
  };
}

function pythonEnv(): Record<string, string> {
  return { LATHE_PYTHON: process.env.LATHE_PYTHON ?? '/usr/bin/python3' };
}

/** Writes `files` (relative path → text) under `folder`; returns the folder. */
export async function writeFiles(folder: string, files: Record<string, string>): Promise<string> {
  for (const [path, text] of Object.entries(files)) {
    await mkdir(dirname(join(folder, path)), { recursive: true });
    await writeFile(join(folder, path), text);
  }
  return folder;
}

/** The result of a CLI run. */
export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `lathe <args>` as a child process against `url`, with `env` over this process's environment. */
export function runCli(args: string[], url: string, cwd?: string, env: Record<string, string> = {}): Promise<CliResult> {
  return runProcess(process.execPath, [CLI, ...args], { ...(cwd ? { cwd } : {}), env: { ...process.env, LATHE_URL: url, ...env } });
}

/** Runs `command` to its end with nothing on stdin; resolves to its exit code and output. */
export function runProcess(command: string, args: string[], options: { cwd?: string; env?: NodeJS.ProcessEnv } = {}): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { ...options, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** Polls a job until its status is one of `statuses` (or it ends); throws after `timeoutMs`. */
export async function waitForStatus(client: LatheClient, name: string, statuses: JobStatus[], timeoutMs = 30_000): Promise<JobResource> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const job = await client.getJob(name);
    if (statuses.includes(job.status)) return job;
    if (isTerminal(job.status) || Date.now() > deadline) {
      throw new Error(`job ${name} is ${job.status}, expected ${statuses.join('/')}: ${JSON.stringify(job.error)}`);
    }
    await new Promise((r) => setTimeout(r, 25));
  }
}

/** Waits for a job to end and returns it. */
export function waitForEnd(client: LatheClient, name: string, timeoutMs = 60_000): Promise<JobResource> {
  return waitForStatus(client, name, ['Completed', 'Failed', 'Canceled'], timeoutMs);
}

/**
 * True when a live (non-zombie) process belongs to process group `pgid`. Zombies are skipped:
 * in a container nothing may reap orphans, and a zombie runs nothing.
 */
export async function groupAlive(pgid: number): Promise<boolean> {
  for (const entry of await readdir('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const stat = await readFile(`/proc/${entry}/stat`, 'utf8').catch(() => '');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    if (fields[0] !== 'Z' && Number(fields[2]) === pgid) return true;
  }
  return false;
}

/** Runs a shipped Python package's `unittest` suite (`<folder>/tests`) with LATHE_PYTHON. */
export function runPythonTests(folder: string, env: Record<string, string> = {}): Promise<{ code: number | null; output: string }> {
  const python = process.env.LATHE_PYTHON ?? '/usr/bin/python3';
  return new Promise((resolve, reject) => {
    const child = spawn(python, ['-m', 'unittest', 'discover', '-s', 'tests', '-v'], { cwd: folder, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, output }));
  });
}

/** The token the backend wrote into a job's manifest: what its launcher sends to runtime routes. */
export async function jobToken(home: string, name: string, workspace = 'default'): Promise<string> {
  const manifest = JSON.parse(await readFile(join(home, 'runs', workspace, name, 'job.json'), 'utf8')) as { token?: string };
  if (!manifest.token) throw new Error(`job ${name}'s manifest holds no token`);
  return manifest.token;
}
