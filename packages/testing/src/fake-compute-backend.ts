import type { JobHandle, JobRecord } from '@lathe/core';
import type { BackendCapabilities, BackendJobState, ComputeBackend, ReattachResult } from '@lathe/scheduler';

/**
 * An in-memory {@link ComputeBackend} for scheduler tests: it starts nothing. Tests end its jobs
 * with {@link FakeComputeBackend.exit} and read what the scheduler asked of it. It stands in for
 * real processes only where the test is about the scheduler's decisions.
 */
export class FakeComputeBackend implements ComputeBackend {
  readonly name: string;
  readonly launched: JobHandle[] = [];
  readonly canceled: string[] = [];
  /** Jobs a restarted scheduler asked about, in order. */
  readonly reattached: string[] = [];
  readonly capabilities: BackendCapabilities;
  /** When set, `launch` throws this. */
  failLaunch: Error | undefined;
  private readonly states = new Map<string, BackendJobState>();
  private readonly listeners: ((handle: JobHandle) => void)[] = [];
  private next = 0;

  /**
   * With `previous`, this backend is that one after a server restart: its jobs survive
   * (`survivesRestart`) and the ones still running are adopted by `reattach`.
   */
  constructor(
    readonly capacity: number,
    name = 'local',
    previous?: FakeComputeBackend,
  ) {
    this.name = name;
    this.capabilities = { survivesRestart: previous !== undefined, pushesExits: true, gpus: 0 };
    if (previous) {
      for (const [id, state] of previous.states) this.states.set(id, state);
      this.launched.push(...previous.launched);
      this.next = previous.next;
    }
  }

  async prepare(job: JobRecord): Promise<JobHandle> {
    return { backend: this.name, workspace: job.workspace, job: job.name, id: '', folder: `/fake/${job.name}` };
  }

  async launch(_job: JobRecord, handle: JobHandle): Promise<JobHandle> {
    if (this.failLaunch) throw this.failLaunch;
    const launched = { ...handle, id: String(++this.next) };
    this.states.set(launched.id, { state: 'running' });
    this.launched.push(launched);
    return launched;
  }

  async poll(handle: JobHandle): Promise<BackendJobState> {
    return this.states.get(handle.id) ?? { state: 'unknown' };
  }

  async cancel(handle: JobHandle): Promise<void> {
    this.canceled.push(handle.job);
  }

  onExit(listener: (handle: JobHandle) => void): void {
    this.listeners.push(listener);
  }

  async reattach(handle: JobHandle): Promise<ReattachResult> {
    this.reattached.push(handle.job);
    // As a stored handle may be the prepared one (no id yet), find the process by its job.
    const launched = handle.id ? handle : this.launched.find((h) => h.job === handle.job);
    if (launched && this.capabilities.survivesRestart && this.states.get(launched.id)?.state === 'running') return { state: 'running', handle: launched };
    return { state: 'gone', detail: 'no process' };
  }

  /** Jobs whose process is running now. */
  running(): JobHandle[] {
    return this.launched.filter((h) => this.states.get(h.id)?.state === 'running');
  }

  /** Ends a job's process as if it exited with `exitCode`. */
  exit(job: string, exitCode: number | null = 0, signal: string | null = null): void {
    const handle = this.launched.find((h) => h.job === job);
    if (!handle) throw new Error(`job ${job} was never launched`);
    this.states.set(handle.id, { state: 'exited', exitCode, signal });
    for (const listener of this.listeners) listener(handle);
  }
}
