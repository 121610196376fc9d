import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, mkdirSync, openSync, writeFileSync } from 'node:fs';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { availableParallelism } from 'node:os';
import { dirname, join } from 'node:path';
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
}

interface Tracked {
  child: ChildProcess;
  exit?: { exitCode: number | null; signal: string | null };
}

/**
 * Runs each job as a `lathe-launch` child process on this machine, in its own process group
 * and job folder. The launcher does the work (inputs, command, logs, outputs) and reports to the
 * server; this backend only starts it, watches it and signals it. Launchers are detached: they
 * outlive a server that stops, keep retrying their reports until it is back, and the next
 * server's backend adopts them again.
 */
export class LocalProcessBackend implements ComputeBackend {
  readonly name = 'local';
  readonly capacity: number;
  /** Exits of its own launchers are pushed; adopted ones (after a restart) are polled. */
  readonly capabilities: BackendCapabilities = { survivesRestart: true, pushesExits: true, gpus: 0 };
  private readonly tracked = new Map<string, Tracked>();
  private readonly listeners: ((handle: JobHandle) => void)[] = [];
  private readonly launcherScript: string;
  private spare: ChildProcess | undefined;
  private closed = false;

  constructor(private readonly options: LocalProcessBackendOptions) {
    this.capacity = options.capacity ?? availableParallelism();
    this.launcherScript = options.launcherScript ?? defaultLauncherScript();
  }

  async prepare(job: JobRecord): Promise<JobHandle> {
    const folder = join(this.options.runsDir, job.workspace, job.name);
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
    return { backend: this.name, workspace: job.workspace, job: job.name, id: '', folder };
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
      cancelGraceMs: this.options.cancelGraceMs ?? 10_000,
      warnings: job.warnings,
      ...(this.options.jobToken ? { token: this.options.jobToken(job.workspace, job.name) } : {}),
      ...(this.options.envAllow?.length ? { envAllow: [...this.options.envAllow] } : {}),
    };
  }

  async launch(_job: JobRecord, handle: JobHandle): Promise<JobHandle> {
    const child = this.takeSpare(handle.folder) ?? this.spawnLauncher([handle.folder], join(handle.folder, 'launcher.log'));
    if (this.options.standby && !this.closed) this.spare = this.spawnLauncher(['--standby'], join(this.options.runsDir, 'launcher-standby.log'));
    if (child.pid === undefined) throw new Error('the launcher process did not start');
    const launched = { ...handle, id: String(child.pid) };
    const entry: Tracked = { child };
    this.tracked.set(launched.id, entry);
    child.on('exit', (exitCode, signal) => {
      entry.exit = { exitCode, signal };
      for (const listener of this.listeners) listener(launched);
      setTimeout(() => this.tracked.delete(launched.id), 60_000).unref();
    });
    return launched;
  }

  async poll(handle: JobHandle): Promise<BackendJobState> {
    const entry = this.tracked.get(handle.id);
    if (entry) return entry.exit ? { state: 'exited', ...entry.exit } : { state: 'running' };
    const pid = Number(handle.id);
    if (pid > 1 && isAlive(pid) && (await isLauncherFor(pid, handle.folder))) return { state: 'running' };
    return { state: 'unknown' };
  }

  async cancel(handle: JobHandle, graceMs: number): Promise<void> {
    const pid = Number(handle.id);
    if (!(pid > 1) || (await this.poll(handle)).state !== 'running') return;
    signalGroup(pid, 'SIGTERM');
    // The launcher forwards SIGTERM and escalates itself; this is the backstop if it hangs.
    setTimeout(() => void this.kill(handle), graceMs + 3000).unref();
  }

  /** Starts the standby launcher, when enabled. */
  async start(): Promise<void> {
    if (this.options.standby && !this.spare) this.spare = this.spawnLauncher(['--standby'], join(this.options.runsDir, 'launcher-standby.log'));
  }

  /** Stops the standby launcher; launched jobs keep running. */
  async close(): Promise<void> {
    this.closed = true;
    this.spare?.kill('SIGTERM');
    this.spare = undefined;
  }

  // Hands the folder to the waiting launcher (it may still be booting; it reads stdin when ready).
  private takeSpare(folder: string): ChildProcess | undefined {
    const spare = this.spare;
    this.spare = undefined;
    if (!spare || spare.exitCode !== null || spare.signalCode !== null || !spare.stdin?.writable || spare.pid === undefined) return undefined;
    // Recorded here, not only by the launcher once it has read its folder: a restarted server
    // must recognise the launcher even if it is still booting.
    writeFileSync(join(folder, 'launcher.pid'), String(spare.pid));
    spare.stdin.end(`${folder}\n`);
    return spare;
  }

  private spawnLauncher(args: string[], logFile: string): ChildProcess {
    mkdirSync(dirname(logFile), { recursive: true });
    const log = openSync(logFile, 'a');
    try {
      const stdin = args[0] === '--standby' ? 'pipe' : 'ignore';
      const child = spawn(process.execPath, [this.launcherScript, ...args, '--server', this.options.serverUrl()], {
        detached: true,
        env: allowedJobEnvironment(process.env, this.options.envAllow),
        stdio: [stdin, log, log],
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
    const detail = pid > 1 ? `its launcher, process ${pid}, is no longer running` : 'no launcher had started';
    return { state: 'gone', detail: group ? `${detail}; what was left of its command was stopped` : detail };
  }

  private async kill(handle: JobHandle): Promise<void> {
    const group = await readChildGroup(handle.folder, handle.job);
    if ((await this.poll(handle)).state === 'running') signalGroup(Number(handle.id), 'SIGKILL');
    if (group) signalGroup(group, 'SIGKILL');
  }
}

function defaultLauncherScript(): string {
  const require = createRequire(import.meta.url);
  return join(dirname(require.resolve('@lathe/launcher/package.json')), 'bin', 'lathe-launch.js');
}
