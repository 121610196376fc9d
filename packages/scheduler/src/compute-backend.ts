import type { JobHandle, JobRecord } from '@lathe/core';

/** What a backend knows about a launched job. */
export type BackendJobState =
  | { state: 'running' }
  | { state: 'exited'; exitCode: number | null; signal: string | null }
  /** The backend has no trace of it (e.g. a process from before a restart that is gone). */
  | { state: 'unknown' };

/**
 * What a backend can do, declared once so the scheduler never has to guess (as Kysely's dialect
 * adapters declare what their database supports).
 */
export interface BackendCapabilities {
  /** Its jobs keep running when the server stops, and {@link ComputeBackend.reattach} finds them. */
  survivesRestart: boolean;
  /** It tells `onExit` listeners when a job ends; without that the scheduler relies on `poll`. */
  pushesExits: boolean;
  /** GPUs it can give jobs; 0 for none. */
  gpus: number;
}

/** What {@link ComputeBackend.reattach} found of a job a previous server launched. */
export type ReattachResult =
  /** It still runs; the backend watches it again through the returned handle. */
  | { state: 'running'; handle: JobHandle }
  /**
   * Nothing of it runs any more (whatever was left has been stopped); `detail` says what was
   * found. `neverStarted`: no process was ever started for it, so it did not run at all.
   */
  | { state: 'gone'; detail: string; neverStarted?: boolean };

/**
 * Where jobs run. A backend only runs jobs and reports; the scheduler owns every state change.
 * The contract suite `describeComputeBackend` in `@lathe/testing` holds each implementation to
 * this.
 */
export interface ComputeBackend {
  /** The compute name jobs use (`local`). */
  readonly name: string;
  /** How many jobs it runs at once. */
  readonly capacity: number;
  readonly capabilities: BackendCapabilities;
  /**
   * The handle `prepare` will return, known without doing anything (the job's folder), so the
   * scheduler can store it with the claim in one write. Optional: without it the prepared handle
   * is stored in a write of its own.
   */
  handleFor?(job: JobRecord): JobHandle;
  /** Writes the job folder (manifest, working dirs) and returns the handle to launch with. */
  prepare(job: JobRecord): Promise<JobHandle>;
  /** Starts the launcher for a prepared job; the returned handle identifies the process. */
  launch(job: JobRecord, handle: JobHandle): Promise<JobHandle>;
  /** The job's current state on the backend. */
  poll(handle: JobHandle): Promise<BackendJobState>;
  /** Asks the job to stop: SIGTERM, then SIGKILL after `graceMs`. Idempotent; safe on ended jobs. */
  cancel(handle: JobHandle, graceMs: number): Promise<void>;
  /** Registers a listener for jobs that end; backends that cannot push rely on `poll`. */
  onExit?(listener: (handle: JobHandle) => void): void;
  /**
   * After a server restart, for each job a previous server left launched (the handle as stored:
   * its `id` is empty when the launch had not been recorded yet). A backend whose jobs survive
   * restarts adopts a job that still runs; otherwise, or when it is gone, it stops whatever is
   * left of it and answers `gone`. It must never start the job again.
   */
  reattach(handle: JobHandle): Promise<ReattachResult>;
  /** Called when the scheduler starts, once the server's URL is known. */
  start?(): Promise<void>;
  /** Called when the scheduler stops; launched jobs keep running. */
  close?(): Promise<void>;
}
