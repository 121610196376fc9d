import type { JobSpecDocument } from '@lathe/core';
import { stepInputSource, validatePipelineJob, type CommandJobSpec, type PipelineJob } from '@lathe/spec';
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
      const { spec } = commandKind.validate(child, `spec.jobs.${name}`);
      const resolved = await commandKind.resolve(ctx, workspace, spec);
      warnings.push(...resolved.warnings.map((w) => `jobs.${name}: ${w}`));
    }
    return { spec: pipeline, consumed, warnings };
  },
  controller: new PipelineController(),
  // Steps are `<pipeline>_<step>`, step names at most 64 characters.
  maxNameLength: 190,
};
