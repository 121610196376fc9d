import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, mkdirSync, openSync, writeFileSync } from 'node:fs';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { availableParallelism } from 'node:os';
import { dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';
import { allowedJobEnvironment, type JobHandle, type JobRecord, type LaunchManifest } from '@lathe/core';
import type { BackendCapabilities, BackendJobState, ComputeBackend, ReattachResult } from '@lathe/scheduler';
import { isAlive, isLauncherFor, readChildGroup, signalGroup } from './process-tools.js';

/** Options for {@link LocalProcessBackend}. */
export interface LocalProcessBackendOptions {
  /** Job folders are created under `<runsDir>/<workspace>/<job>`. */
  runsDir: string;
  /** Shared cache for unpacked code and read-only inputs. */
  cacheDir: string;
  /** The server's blob folder, which the launcher may read directly. */
  blobDir?: string;
  /** The artifact store's root, where the launcher reads other jobs' outputs in place. */
  artifactsDir?: string;
  /** The server's base URL, known once it listens. */
  serverUrl: () => string;
  /** The interpreter behind `python` in jobs (`LATHE_PYTHON`). */
  python: string;
  /** Jobs at once; default: the number of cores. */
  capacity?: number;
  /** Between SIGTERM and SIGKILL when a job is canceled or times out (default 10 s). */
  cancelGraceMs?: number;
  /** The `lathe-launch` script; default: the one of `@lathe/launcher`. */
  launcherScript?: string;
  /**
   * Keep one launcher started and waiting (`lathe-launch --standby`), so a job starts without
   * waiting for Node to boot and load the launcher (default false).
   */
  standby?: boolean;
  /** The job's own credential for the server's runtime routes, written into its manifest. */
  jobToken?: (workspace: string, job: string) => string;
  /**
   * Names (or `PREFIX*`) the launcher and its jobs may inherit from the server's environment
   * beyond `DEFAULT_JOB_ENV_ALLOW` (`LATHE_JOB_ENV_ALLOW`). Everything else is kept out of the
   * launcher's process, so a secret of the server never reaches a job.
   */
  envAllow?: readonly string[];
  /** How long a launcher keeps retrying a server it cannot reach (its default: one hour). */
  reconnectMs?: number;
}

/** What the backend knows of a job it launched. */
interface Tracked {
  exit?: { exitCode: number | null; signal: string | null };
}

/** A standby launcher this backend started: idle, or running `job`. */
interface Launcher {
  child: ChildProcess;
  pid: number;
  job?: JobHandle;
  /** Jobs it has finished. */
  served: number;
}

/**
 * Runs each job as a `lathe-launch` child process on this machine, in its own process group
 * and job folder. The launcher does the work (inputs, command, logs, outputs) and reports to the
 * server; this backend only starts it, watches it and signals it. Launchers are detached: they
 * outlive a server that stops, keep retrying their reports until it is back, and the next
 * server's backend adopts them again.
 *
 * With `standby`, it keeps one launcher per slot started and waiting, and a launcher runs job
 * after job (`done <code>` on its stdout after each), so a short job costs neither a Node boot
 * nor a process exit. The slot is free as soon as the launcher says its job is done.
 */
export class LocalProcessBackend implements ComputeBackend {
  readonly name = 'local';
  readonly capacity: number;
  /** Exits of its own launchers are pushed; adopted ones (after a restart) are polled. */
  readonly capabilities: BackendCapabilities = { survivesRestart: true, pushesExits: true, gpus: 0 };
  /** Jobs it launched, by `workspace/job`. */
  private readonly tracked = new Map<string, Tracked>();
  private readonly listeners: ((handle: JobHandle) => void)[] = [];
  private readonly launcherScript: string;
  private readonly idle: Launcher[] = [];
  private closed = false;

  constructor(private readonly options: LocalProcessBackendOptions) {
    this.capacity = options.capacity ?? availableParallelism();
    this.launcherScript = options.launcherScript ?? defaultLauncherScript();
  }

  handleFor(job: JobRecord): JobHandle {
    return { backend: this.name, workspace: job.workspace, job: job.name, id: '', folder: join(this.options.runsDir, job.workspace, job.name) };
  }

  async prepare(job: JobRecord): Promise<JobHandle> {
    const { folder } = this.handleFor(job);
    await rm(folder, { recursive: true, force: true });
    // The manifest holds the job's token: readable by the server's user only.
    try {
      await mkdir(folder, { recursive: true });
      await writeFile(join(folder, 'job.json'), JSON.stringify(this.manifest(job), null, 2), { mode: 0o600 });
    } catch (error) {
      // A full disk may have cut job.json short; a launcher must never read half of it.
      await rm(folder, { recursive: true, force: true }).catch(() => undefined);
      throw error;
    }
    return this.handleFor(job);
  }

  private manifest(job: JobRecord): LaunchManifest {
    return {
      version: 1,
      workspace: job.workspace,
      job: job.name,
      experimentName: job.experimentName,
      serverUrl: this.options.serverUrl(),
      spec: job.spec,
      python: this.options.python,
      cacheDir: this.options.cacheDir,
      ...(this.options.blobDir ? { blobDir: this.options.blobDir } : {}),
      ...(this.options.artifactsDir ? { artifactsDir: this.options.artifactsDir } : {}),
      cancelGraceMs: this.options.cancelGraceMs ?? 10_000,
      warnings: job.warnings,
      ...(this.options.jobToken ? { token: this.options.jobToken(job.workspace, job.name) } : {}),
      ...(this.options.envAllow?.length ? { envAllow: [...this.options.envAllow] } : {}),
      ...(this.options.reconnectMs !== undefined ? { reconnectMs: this.options.reconnectMs } : {}),
    };
  }

  async launch(_job: JobRecord, handle: JobHandle): Promise<JobHandle> {
    const key = keyOf(handle);
    if (!this.options.standby) {
      const child = this.spawn([handle.folder], join(handle.folder, 'launcher.log'));
      if (child.pid === undefined) throw new Error('the launcher process did not start');
      writeFileSync(join(handle.folder, 'launcher.pid'), String(child.pid));
      const launched = { ...handle, id: String(child.pid) };
      const entry: Tracked = {};
      this.tracked.set(key, entry);
      child.on('exit', (exitCode, signal) => this.ended(launched, entry, { exitCode, signal }));
      return launched;
    }
    const launcher = this.idle.shift() ?? this.startLauncher();
    if (!launcher) throw new Error('the launcher process did not start');
    const launched = { ...handle, id: String(launcher.pid) };
    launcher.job = launched;
    this.tracked.set(key, {});
    // Recorded here, not only by the launcher once it has read its folder: a restarted server
    // finds the launcher of a job from it, even one still booting.
    writeFileSync(join(handle.folder, 'launcher.pid'), String(launcher.pid));
    launcher.child.stdin?.write(`${handle.folder}\n`);
    this.topUp();
    return launched;
  }

  async poll(handle: JobHandle): Promise<BackendJobState> {
    const entry = this.tracked.get(keyOf(handle));
    if (entry) return entry.exit ? { state: 'exited', ...entry.exit } : { state: 'running' };
    const pid = Number(handle.id);
    if (pid > 1 && isAlive(pid) && (await isLauncherFor(pid, handle.folder))) return { state: 'running' };
    return { state: 'unknown' };
  }

  async cancel(handle: JobHandle, graceMs: number): Promise<void> {
    const pid = Number(handle.id);
    // Per job, not per process: a launcher that has moved on to another job is not signalled.
    if (!(pid > 1) || (await this.poll(handle)).state !== 'running') return;
    signalGroup(pid, 'SIGTERM');
    // The launcher forwards SIGTERM and escalates itself; this is the backstop if it hangs.
    setTimeout(() => void this.kill(handle), graceMs + 3000).unref();
  }

  /** Starts the standby launchers, when enabled. */
  async start(): Promise<void> {
    this.topUp();
  }

  /** Stops the idle launchers; launched jobs keep running. */
  async close(): Promise<void> {
    this.closed = true;
    for (const launcher of this.idle.splice(0)) launcher.child.stdin?.end();
  }

  // Up to two idle launchers while slots are free, one when all are taken: launchers come back
  // to the pool after each job, so a burst of jobs never waits for a Node process to boot.
  private topUp(): void {
    if (!this.options.standby || this.closed) return;
    const busy = [...this.tracked.values()].filter((t) => !t.exit).length;
    while (this.idle.length < Math.max(1, Math.min(2, this.capacity - busy))) {
      const launcher = this.startLauncher();
      if (!launcher) return;
      this.idle.push(launcher);
    }
  }

  private startLauncher(): Launcher | undefined {
    const child = this.spawn(['--standby'], join(this.options.runsDir, 'launcher-standby.log'), 'pipe');
    if (child.pid === undefined) return undefined;
    const launcher: Launcher = { child, pid: child.pid, served: 0 };
    createInterface({ input: child.stdout as Readable }).on('line', (line) => {
      const done = /^done (-?\d+)$/.exec(line);
      const job = launcher.job;
      if (!done || !job) return;
      launcher.job = undefined;
      launcher.served++;
      const entry = this.tracked.get(keyOf(job));
      if (entry) this.ended(job, entry, { exitCode: Number(done[1]), signal: null });
      if (this.closed) launcher.child.stdin?.end();
      else this.idle.push(launcher);
    });
    child.on('exit', (exitCode, signal) => {
      const at = this.idle.indexOf(launcher);
      if (at >= 0) this.idle.splice(at, 1);
      const job = launcher.job;
      launcher.job = undefined;
      const entry = job && this.tracked.get(keyOf(job));
      if (job && entry) this.ended(job, entry, { exitCode, signal });
      // A launcher that dies before running anything is not replaced at once (no spawn loop);
      // the next launch starts one.
      if (launcher.served > 0 || job) this.topUp();
    });
    // Neither the process nor its pipes keep the server's process alive.
    for (const stream of [child.stdin, child.stdout]) (stream as unknown as { unref?: () => void } | null)?.unref?.();
    return launcher;
  }

  private ended(handle: JobHandle, entry: Tracked, exit: { exitCode: number | null; signal: string | null }): void {
    if (entry.exit) return;
    entry.exit = exit;
    for (const listener of this.listeners) listener(handle);
    setTimeout(() => {
      if (this.tracked.get(keyOf(handle)) === entry) this.tracked.delete(keyOf(handle));
    }, 60_000).unref();
  }

  private spawn(args: string[], logFile: string, stdout: 'pipe' | 'log' = 'log'): ChildProcess {
    mkdirSync(dirname(logFile), { recursive: true });
    const log = openSync(logFile, 'a');
    try {
      const stdin = args[0] === '--standby' ? 'pipe' : 'ignore';
      const child = spawn(process.execPath, [this.launcherScript, ...args, '--server', this.options.serverUrl()], {
        detached: true,
        env: allowedJobEnvironment(process.env, this.options.envAllow),
        stdio: [stdin, stdout === 'pipe' ? 'pipe' : log, log],
      });
      child.on('error', () => undefined);
      child.unref();
      return child;
    } finally {
      closeSync(log);
    }
  }

  onExit(listener: (handle: JobHandle) => void): void {
    this.listeners.push(listener);
  }

  /**
   * Adopts a launcher a previous server started, when its process still runs for this job's
   * folder (`launcher.pid` names it when the launch was not recorded). Otherwise stops the
   * command it may have left behind.
   */
  async reattach(handle: JobHandle): Promise<ReattachResult> {
    let pid = Number(handle.id);
    if (!(pid > 1)) pid = Number((await readFile(join(handle.folder, 'launcher.pid'), 'utf8').catch(() => '')).trim());
    if (pid > 1 && isAlive(pid) && (await isLauncherFor(pid, handle.folder))) return { state: 'running', handle: { ...handle, id: String(pid) } };
    const group = await readChildGroup(handle.folder, handle.job);
    if (group) signalGroup(group, 'SIGKILL');
    if (!(pid > 1)) return { state: 'gone', detail: 'no launcher had started', neverStarted: true };
    const detail = `its launcher, process ${pid}, is no longer running`;
    return { state: 'gone', detail: group ? `${detail}; what was left of its command was stopped` : detail };
  }

  private async kill(handle: JobHandle): Promise<void> {
    const group = await readChildGroup(handle.folder, handle.job);
    if ((await this.poll(handle)).state === 'running') signalGroup(Number(handle.id), 'SIGKILL');
    if (group) signalGroup(group, 'SIGKILL');
  }
}

function keyOf(handle: JobHandle): string {
  return `${handle.workspace}/${handle.job}`;
}

function defaultLauncherScript(): string {
  const require = createRequire(import.meta.url);
  return join(dirname(require.resolve('@lathe/launcher/package.json')), 'bin', 'lathe-launch.js');
}
