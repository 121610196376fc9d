import type { JobHandle, JobRecord } from '@lathe/core';
import type { BackendJobState, ComputeBackend } from '@lathe/scheduler';

/**
 * An in-memory {@link ComputeBackend} for scheduler tests: it starts nothing. Tests end its jobs
 * with {@link FakeComputeBackend.exit} and read what the scheduler asked of it. It stands in for
 * real processes only where the test is about the scheduler's decisions.
 */
export class FakeComputeBackend implements ComputeBackend {
  readonly name: string;
  readonly launched: JobHandle[] = [];
  readonly canceled: string[] = [];
  readonly recovered: string[] = [];
  /** When set, `launch` throws this. */
  failLaunch: Error | undefined;
  private readonly states = new Map<string, BackendJobState>();
  private readonly listeners: ((handle: JobHandle) => void)[] = [];
  private next = 0;

  constructor(readonly capacity: number, name = 'local') {
    this.name = name;
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

  async recover(handle: JobHandle): Promise<void> {
    this.recovered.push(handle.job);
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
