import { LatheError, type JobSpecDocument } from '@lathe/core';
import { stepInputSource, validatePipelineJob, type CommandJobSpec, type PipelineJob, type PipelineStep } from '@lathe/spec';
import { commandKind } from '../command-kind.js';
import type { JobKind, ResolvedJob } from '../job-kind.js';
import { resolveInputs } from '../resolve-inputs.js';
import { PipelineController } from './pipeline-controller.js';
import { stepSpec } from './step-spec.js';

/**
 * `type: pipeline`: a DAG of command steps, run by a {@link PipelineController}. At submit the
 * pipeline's inputs are resolved to snapshots (so every step reads the same data), and each step
 * is checked as the command job it will be — its code, environment, component and inputs — with
 * the outputs of earlier steps standing in as placeholders, so a pipeline whose step could not run
 * is refused before any step exists.
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
      const child = stepSpec('pipeline', pipeline, name) as JobSpecDocument & { inputs?: Record<string, unknown> };
      // An earlier step's output does not exist yet: a literal stands in for it here.
      for (const [input, value] of Object.entries(step.inputs ?? {})) {
        if (stepInputSource(value)?.kind === 'step-output' && child.inputs) child.inputs[input] = `<output of ${String(value)}>`;
      }
      const resolved = await inStep(name, step, async () => commandKind.resolve(ctx, workspace, commandKind.validate(child, 'spec').spec));
      warnings.push(...resolved.warnings.map((w) => `jobs.${name}: ${w}`));
    }
    return { spec: pipeline, consumed, warnings };
  },
  controller: new PipelineController(),
  // Steps are `<pipeline>_<step>`, step names at most 64 characters.
  maxNameLength: 190,
};

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
