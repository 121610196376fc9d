import type { JobSpecDocument } from '@lathe/core';
import type { JobController } from '@lathe/scheduler';
import type { LineageEdge } from '@lathe/store';
import type { JobsContext } from './jobs-context.js';

/** What a kind's `resolve` found: the spec to store, and what it consumed and warns about. */
export interface ResolvedJob {
  spec: JobSpecDocument;
  /** Asset versions consumed, recorded with the job in one transaction. */
  consumed: Omit<LineageEdge, 'job'>[];
  warnings: string[];
  /**
   * What identifies the job's work when it is deterministic (see `reuseKeyOf`): a pipeline step
   * with the key of an earlier Completed job reuses that job's outputs instead of running.
   */
  reuseKey?: string;
}

/** How a spec that is not a job yet (a pipeline's step, checked at the pipeline's submit) is resolved. */
export interface ResolveOptions {
  /**
   * Inputs bound to outputs that do not exist yet (a pipeline step's, read from earlier steps):
   * a component checks them as the data inputs they will be, then they are left out.
   */
  pending?: readonly string[];
  /** Inputs each trial of a sweep draws from its search space: a component does not ask for them now. */
  sampled?: readonly string[];
}

/**
 * One kind of job: how its spec is checked, how its references are resolved, and how it runs —
 * as a process on the job's compute (`command`, later `parallel` workers) or by a controller the
 * scheduler drives, which creates child jobs (`sweep`, `pipeline`, `automl`). Adding a kind is one
 * module like `command-kind.ts` and one entry in `builtInJobKinds`.
 */
export interface JobKind {
  /** The spec's `type`. */
  readonly type: string;
  /** One line for `GET /job-kinds` and `lathe job kinds`. */
  readonly description: string;
  /**
   * Checks the document as a client sent it; throws `LATHE_INVALID_SPEC` naming each bad field
   * (under `field`). Returns the typed spec and the warnings about fields not applied.
   */
  validate(document: Record<string, unknown>, field: string): { spec: JobSpecDocument; warnings: string[] };
  /**
   * Replaces references (assets, datastore URIs, job outputs, `runs:/`, components,
   * environments) by what they name and checks uploaded snapshots; writes nothing.
   */
  resolve(ctx: JobsContext, workspace: string, spec: JobSpecDocument, options?: ResolveOptions): Promise<ResolvedJob>;
  /** Present for a kind that runs no process of its own. */
  readonly controller?: JobController;
  /** The longest name a job of this kind may have, when its children's names are built on it. */
  readonly maxNameLength?: number;
}
