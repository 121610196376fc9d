import { LatheError, type JobSpecDocument } from '@lathe/core';
import type { ResolvedEnvironment } from './resolved-environment.js';
import type { CommandJobSpec, DataInput } from './schema/command-job-schema.js';
import type { PipelineJobSpec } from './schema/pipeline-job-schema.js';
import type { SweepJobSpec } from './schema/sweep-job-schema.js';

/**
 * A command job as it is stored and launched: validated, `type` set, and the environment the
 * server resolved (when it resolved one) beside the one the job names.
 */
export type CommandJob = CommandJobSpec & { type: 'command'; resolved_environment?: ResolvedEnvironment };

/**
 * A sweep job as it is stored: validated, and its trial's references resolved as a command
 * job's are (`trial.resolved_environment` beside the environment it names).
 */
export type SweepJob = SweepJobSpec & { type: 'sweep'; trial: SweepJobSpec['trial'] & { resolved_environment?: ResolvedEnvironment } };

/**
 * Every job kind's typed spec, told apart by `type`. The store keeps a spec as a
 * `JobSpecDocument` from `@lathe/core`; the kind guards narrow it back.
 */
export type JobSpec = CommandJob | SweepJob | PipelineJob;

/** A pipeline job as it is stored: validated, its pipeline-level inputs resolved to snapshots. */
export type PipelineJob = PipelineJobSpec & { type: 'pipeline' };

/** Whether a stored spec is a pipeline job (only the pipeline kind stores `type: pipeline`). */
export function isPipelineJob(spec: JobSpecDocument): spec is JobSpecDocument & PipelineJob {
  return spec.type === 'pipeline';
}

/** A data input of a spec, with the name it has under `inputs:`. */
export interface NamedDataInput {
  name: string;
  input: DataInput;
}

/**
 * Whether a stored spec is a command job. Only a spec the command kind validated is stored
 * with `type: command`, so the type is enough to tell.
 */
export function isCommandJob(spec: JobSpecDocument): spec is JobSpecDocument & CommandJob {
  return spec.type === 'command';
}

/** Whether a stored spec is a sweep job (only the sweep kind stores `type: sweep`). */
export function isSweepJob(spec: JobSpecDocument): spec is JobSpecDocument & SweepJob {
  return spec.type === 'sweep';
}

/**
 * The command a launcher runs for a job: a command job's, or a parallel job's (whose kind wrote
 * the driver's command, code, inputs and outputs in command-job form). Throws for other kinds.
 */
export function asLaunchedJob(spec: JobSpecDocument, what = 'job'): CommandJob {
  if (spec.type === 'parallel') return spec as unknown as CommandJob;
  return asCommandJob(spec, what);
}

/**
 * The stored spec as a command job; throws `LATHE_INVALID_SPEC` naming `what` when it is some
 * other kind.
 */
export function asCommandJob(spec: JobSpecDocument, what = 'job'): CommandJob {
  if (isCommandJob(spec)) return spec;
  throw new LatheError('LATHE_INVALID_SPEC', `${what}: expected a command job, got type '${spec.type}'`, { details: { field: 'type', expected: 'command' } });
}

/**
 * The data inputs of a spec (those with a `path`, not literal values), in declaration order.
 * Each `input` is the spec's own object, so a caller may rewrite its `path` in place.
 *
 * @example
 * for (const { name, input } of dataInputs(spec)) console.log(name, input.path);
 */
export function dataInputs(spec: { inputs?: CommandJobSpec['inputs'] }): NamedDataInput[] {
  const out: NamedDataInput[] = [];
  for (const [name, input] of Object.entries(spec.inputs ?? {})) {
    if (typeof input === 'object') out.push({ name, input });
  }
  return out;
}
