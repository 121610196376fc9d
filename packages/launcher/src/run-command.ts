import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/** How the command ended. */
export interface CommandOutcome {
  exitCode: number | null;
  signal: string | null;
  timedOut: boolean;
  canceled: boolean;
}

/** Options for {@link runCommand}. */
export interface RunCommandOptions {
  cwd: string;
  env: NodeJS.ProcessEnv;
  /** The job folder; the command's process group id is written to `child.pgid` there. */
  folder: string;
  /** `limits.timeout` in seconds. */
  timeoutSeconds?: number;
  /** Between SIGTERM and SIGKILL. */
  graceMs: number;
  /** Receives stdout and stderr, interleaved as they arrive. */
  onOutput: (chunk: Buffer) => void;
  /** Called once the command's process group exists (and `child.pgid` is written). */
  onStarted: () => Promise<void>;
  /** Aborted when the job is canceled; an abort before the start means nothing runs. */
  cancel: AbortSignal;
}

/**
 * Runs the rendered command under `bash -c` (as Azure ML does) in its own process group, so a
 * cancel or timeout stops everything it started: SIGTERM to the group, SIGKILL after the grace.
 * Rejects, before anything runs, when the shell cannot be started (a command or environment the
 * operating system refuses, such as one over its argument limit).
 */
export async function runCommand(command: string, options: RunCommandOptions): Promise<CommandOutcome> {
  if (options.cancel.aborted) return { exitCode: null, signal: null, timedOut: false, canceled: true };
  const shell = existsSync('/bin/bash') ? '/bin/bash' : '/bin/sh';
  // Throws for a NUL byte; an argument the kernel refuses (E2BIG) arrives as an 'error' event.
  const child = spawn(shell, ['-c', command], { cwd: options.cwd, env: options.env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  const failed = new Promise<Error>((done) => child.once('error', done));
  const pgid = child.pid;
  if (pgid === undefined) throw await failed;
  // Listen before the first await: a quick command can exit while the pgid file is written.
  const exited = new Promise<[number | null, NodeJS.Signals | null]>((done) => child.on('exit', (c, s) => done([c, s])));
  child.stdout.on('data', options.onOutput);
  child.stderr.on('data', options.onOutput);
  await writeFile(join(options.folder, 'child.pgid'), String(pgid));
  const outcome = { timedOut: false, canceled: false };
  let killTimer: NodeJS.Timeout | undefined;
  const stop = () => {
    signalGroup(pgid, 'SIGTERM');
    killTimer ??= setTimeout(() => signalGroup(pgid, 'SIGKILL'), options.graceMs);
  };
  const onCancel = () => {
    outcome.canceled = true;
    stop();
  };
  options.cancel.addEventListener('abort', onCancel);
  const timeout = options.timeoutSeconds
    ? setTimeout(() => {
        outcome.timedOut = true;
        stop();
      }, options.timeoutSeconds * 1000)
    : undefined;
  await options.onStarted();
  const [exitCode, signal] = await exited;
  // Whatever the command left behind in its group ends with it.
  signalGroup(pgid, 'SIGKILL');
  await waitForClose(child.stdout, child.stderr);
  clearTimeout(timeout);
  clearTimeout(killTimer);
  options.cancel.removeEventListener('abort', onCancel);
  return { exitCode, signal, ...outcome };
}

function signalGroup(pgid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pgid, signal);
  } catch {
    // The group has ended.
  }
}

function waitForClose(...streams: NodeJS.ReadableStream[]): Promise<void> {
  const closed = streams.map((s) => new Promise<void>((done) => ((s as unknown as { closed?: boolean }).closed ? done() : s.once('close', done))));
  return Promise.race([Promise.all(closed).then(() => undefined), new Promise<void>((done) => setTimeout(done, 1000).unref())]);
}
