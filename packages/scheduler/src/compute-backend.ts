import type { JobHandle, JobRecord } from '@lathe/core';

/** What a backend knows about a launched job. */
export type BackendJobState =
  | { state: 'running' }
  | { state: 'exited'; exitCode: number | null; signal: string | null }
  /** The backend has no trace of it (e.g. a process from before a restart that is gone). */
  | { state: 'unknown' };

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
  /** Stops whatever is left of a job found after a server restart. */
  recover?(handle: JobHandle): Promise<void>;
  /** Called when the scheduler starts, once the server's URL is known. */
  start?(): Promise<void>;
  /** Called when the scheduler stops; launched jobs keep running. */
  close?(): Promise<void>;
}
