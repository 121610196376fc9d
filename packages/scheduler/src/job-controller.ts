import type { Failure, JobRecord, JobSpecDocument } from '@lathe/core';

/** A child job a controller asks for. */
export interface ChildJobRequest {
  /**
   * The child's name, derived from the parent's state (`<parent>-trial-3`), never random: a
   * controller that asks again after a restart gets the child it already has, so no child is
   * created (and run) twice.
   */
  name: string;
  /** The child's spec, of any kind, validated and resolved as a submitted job's would be. */
  spec: JobSpecDocument;
  /**
   * A pipeline step's: `true` lets the child reuse the outputs of an earlier Completed job that
   * did the same work, in which case it is created Completed; `false` runs it anyway
   * (`force_rerun`). Absent for children that are never reused (a sweep's trials).
   */
  reuse?: boolean;
}

/** What a controller may do while the scheduler advances its job. */
export interface ControllerContext {
  /** Creates the child (idempotent by name: an existing child of this job is returned as it is). */
  createChild(request: ChildJobRequest): Promise<JobRecord>;
  /** Records the controller's own progress in the store, where a restarted server reads it back. */
  saveState(state: Record<string, unknown>): Promise<void>;
  /**
   * Asks a child to stop (a trial an early-termination policy stopped); `reason` goes on the
   * child's history. Idempotent: a child already stopping or ended is left as it is.
   */
  cancelChild(name: string, reason: string): Promise<void>;
}

/**
 * What a controller wants its job to become after an {@link JobController.advance}:
 * - `Running`, to be advanced again when a child moves, when a running child writes metrics, and
 *   at `recheckAt` (epoch ms) when given — a deadline such as a timeout, which no child announces;
 * - `Completed` or `Failed` (its live children are canceled);
 * - `Canceled`: it stops itself (its timeout), canceling its children first; `reason` is recorded.
 */
export type ControllerDecision = { status: 'Running'; recheckAt?: number } | { status: 'Completed' } | { status: 'Failed'; failure: Failure } | { status: 'Canceled'; reason: string };

/**
 * A job kind that runs no process of its own (a sweep, a pipeline): it creates child jobs and
 * decides from their states. The scheduler calls `advance` when the job starts, whenever one of
 * its children changes state, and after a server restart, one call at a time per job. A
 * controller keeps nothing in memory between calls: everything it needs is the job (with its
 * `controllerState`) and its children as the store has them, so a restart resumes it where it was.
 */
export interface JobController {
  advance(job: JobRecord, children: readonly JobRecord[], context: ControllerContext): Promise<ControllerDecision>;
}

/** Creates a controller's child job through the same submission path as a user's job. */
export type SubmitChildJob = (parent: JobRecord, request: ChildJobRequest) => Promise<JobRecord>;

/** One step of publishing a Completed job's outputs; `run` must be safe to repeat after a crash. */
export interface FinalizationStep {
  /** Unique within the job, stable across restarts (`output:model:datastore`). */
  name: string;
  run(): Promise<void>;
}

/** The publishing steps a Completed job still needs, in order (datastore copies, named assets). */
export type FinalizationPlan = (job: JobRecord) => Promise<FinalizationStep[]>;
