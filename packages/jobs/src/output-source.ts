import type { JobRecord } from '@lathe/core';
import type { MetadataStore } from '@lathe/store';
import { isPipelineJob, pipelineOutputOf } from '@lathe/spec';
import { stepJobName } from './pipeline/step-spec.js';
import { readSweepState } from './sweep/sweep-state.js';

/** Where a job's output is stored: the job and the output name under which it holds it. */
export interface OutputSource {
  job: string;
  output: string;
}

/**
 * Where a job's output `output` is stored. A sweep's outputs are its best trial's (as Azure ML
 * downloads them); a pipeline's output is the output of the step bound to it
 * (`${{parent.outputs.<output>}}`); any other job's are its own.
 */
export function outputSource(job: JobRecord, output: string): OutputSource {
  if (job.type === 'sweep') return { job: readSweepState(job.controllerState)?.best?.trial ?? job.name, output };
  if (isPipelineJob(job.spec)) {
    for (const [step, spec] of Object.entries(job.spec.jobs)) {
      for (const [stepOutput, value] of Object.entries(spec.outputs ?? {})) {
        if (pipelineOutputOf(value) === output) return { job: stepJobName(job.name, step), output: stepOutput };
      }
    }
  }
  return { job: job.name, output };
}

/**
 * Where the files of a job's output are: {@link outputSource}, followed through nested pipelines,
 * then, when the job holding the output is a step that reused an earlier job's work, that earlier
 * job (which ran, so holds its own files).
 */
export async function storedOutput(store: Pick<MetadataStore, 'getJob'>, job: JobRecord, output: string): Promise<OutputSource> {
  let source = outputSource(job, output);
  let holder: JobRecord | undefined = job;
  // A nested pipeline's output is its own step's: follow until a job holds the output itself.
  for (let depth = 0; depth < MAX_NESTING && holder !== undefined && source.job !== holder.name; depth++) {
    holder = await store.getJob(job.workspace, source.job);
    if (holder !== undefined) source = outputSource(holder, source.output);
  }
  return holder?.reusedFrom ? { job: holder.reusedFrom, output: source.output } : source;
}

// Deeper than any pipeline a job name's 255 characters can hold.
const MAX_NESTING = 64;

/** The names a job's outputs are listed under: a pipeline's declared outputs, or none to say "what is stored". */
export function declaredOutputs(job: JobRecord): string[] | undefined {
  return isPipelineJob(job.spec) ? Object.keys(job.spec.outputs ?? {}) : undefined;
}
