import { LatheError, type JobSpecDocument } from '@lathe/core';
import { stepInputSource, validatePipelineJob, type CommandJobSpec, type PipelineJob, type PipelineStep } from '@lathe/spec';
import { commandKind } from '../command-kind.js';
import type { JobKind, ResolvedJob } from '../job-kind.js';
import { resolveComponent } from '../resolve-component.js';
import { resolveInputs } from '../resolve-inputs.js';
import type { JobsContext } from '../jobs-context.js';
import { PipelineController } from './pipeline-controller.js';
import { stepSpec } from './step-spec.js';

/**
 * `type: pipeline`: a DAG of command steps, run by a {@link PipelineController}. At submit the
 * pipeline's inputs are resolved to snapshots (so every step reads the same data), and each step
 * is checked as the command job it will be — its code, environment, component and inputs — so a
 * pipeline whose step could not run is refused before any step exists.
 */
export const pipelineKind: JobKind = {
  type: 'pipeline',
  description: 'a graph of command steps, each started when the steps whose outputs it reads have completed',
  validate(document, field) {
    const { spec, warnings } = validatePipelineJob(document, field);
    return { spec: { ...spec, type: 'pipeline' }, warnings };
  },
  async resolve(ctx, workspace, document): Promise<ResolvedJob> {
    const pipeline = structuredClone(document) as JobSpecDocument & PipelineJob;
    const consumed = pipeline.inputs ? await resolveInputs(ctx, workspace, { inputs: pipeline.inputs } as CommandJobSpec) : [];
    const warnings: string[] = [];
    for (const [name, step] of Object.entries(pipeline.jobs)) {
      const resolved = await inStep(name, step, () => checkStep(ctx, workspace, pipeline, name));
      warnings.push(...resolved.warnings.map((w) => `jobs.${name}: ${w}`));
    }
    return { spec: pipeline, consumed, warnings };
  },
  controller: new PipelineController(),
  // Steps are `<pipeline>_<step>`, step names at most 64 characters.
  maxNameLength: 190,
};

/**
 * Resolves one step as the command job it will be, but for the inputs it reads from earlier
 * steps, which do not exist yet: the component (if any) checks them as the data inputs they will
 * be, then they are left out of the rest (inputs, environment, snapshots).
 */
async function checkStep(ctx: JobsContext, workspace: string, pipeline: PipelineJob, name: string): Promise<ResolvedJob> {
  const step = pipeline.jobs[name] as PipelineStep;
  const kind = ctx.kinds.require(step.type ?? 'command', 'spec');
  const spec = kind.validate(stepSpec('pipeline', pipeline, name), 'spec').spec;
  const pending = Object.entries(step.inputs ?? {})
    .filter(([, value]) => stepInputSource(value)?.kind === 'step-output')
    .map(([input]) => input);
  return kind.resolve(ctx, workspace, spec, { pending });
}

/**
 * Runs a check of one step, naming the step in what it throws: a field the step has
 * (`jobs.train.inputs.data`) or, for one its component brings, the step's `component`.
 */
async function inStep<T>(name: string, step: PipelineStep, check: () => Promise<T>): Promise<T> {
  try {
    return await check();
  } catch (error) {
    if (!(error instanceof LatheError) || error.code !== 'LATHE_INVALID_SPEC') throw error;
    const inner = typeof error.details.field === 'string' ? error.details.field.replace(/^spec(: |\.)/, '') : '';
    const top = inner.split('.')[0] ?? '';
    const own = top !== '' && top in step;
    const field = `jobs.${name}.${own ? inner : step.component !== undefined ? 'component' : inner}`.replace(/\.$/, '');
    // A field of the step is named by the error's place; one its component brings, in the message.
    const text = error.message.replace(/^spec: /, '');
    const message = own && text.startsWith(`${inner}: `) ? text.slice(inner.length + 2) : text;
    throw new LatheError('LATHE_INVALID_SPEC', `spec: ${field}: step '${name}': ${message}`, { details: { ...error.details, field }, cause: error });
  }
}
