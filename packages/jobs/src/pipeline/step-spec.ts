import type { JobSpecDocument } from '@lathe/core';
import { pipelineInputOf, pipelineOutputOf, stepInputSource, type PipelineJobSpec, type PipelineStep } from '@lathe/spec';
import { childInput } from '../child-inputs.js';

/** The child job's name of a pipeline step: `<pipeline>_<step>`, the same after a restart. */
export function stepJobName(pipeline: string, step: string): string {
  return `${pipeline}_${step}`;
}

/**
 * The command job a step runs, once the steps it reads from have completed: a pipeline-input
 * binding becomes that input's value (a literal, or the data input as the pipeline resolved it),
 * a step-output binding becomes the producing step's job output
 * (`azureml://jobs/<pipeline>_<step>/outputs/<output>`), an output bound to a pipeline output
 * takes that output's declaration, and the settings' defaults fill `compute` and `environment`.
 */
export function stepSpec(pipelineName: string, pipeline: PipelineJobSpec, stepName: string): JobSpecDocument {
  const step = pipeline.jobs[stepName] as PipelineStep;
  const inputs: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(step.inputs ?? {})) {
    const source = stepInputSource(value);
    if (source === undefined) inputs[name] = value;
    else if (source.kind === 'pipeline-input') inputs[name] = childInput(pipeline.inputs?.[source.input]);
    else inputs[name] = { type: producedType(pipeline, source.step, source.output), path: `azureml://jobs/${stepJobName(pipelineName, source.step)}/outputs/${source.output}` };
  }
  const outputs: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(step.outputs ?? {})) {
    const bound = pipelineOutputOf(value);
    outputs[name] = bound !== undefined ? structuredClone(pipeline.outputs?.[bound] ?? {}) : value;
  }
  const settings = pipeline.settings;
  const compute = computeOf(pipeline, step.compute ?? settings?.default_compute ?? pipeline.compute);
  const shown = { display_name: step.display_name ?? stepName, ...(step.tags ? { tags: step.tags } : {}) };
  if (step.type === 'sweep') return sweepStepSpec(step, { inputs, outputs, compute, shown, defaultEnvironment: settings?.default_environment });
  const environment = step.environment ?? (step.component === undefined ? settings?.default_environment : undefined);
  return {
    type: 'command',
    ...(step.command !== undefined ? { command: step.command } : {}),
    ...(step.component !== undefined ? { component: step.component } : {}),
    ...(step.code !== undefined ? { code: step.code } : {}),
    ...(environment !== undefined ? { environment } : {}),
    ...(step.environment_variables ? { environment_variables: step.environment_variables } : {}),
    ...(step.resources ? { resources: step.resources } : {}),
    ...(step.distribution ? { distribution: step.distribution } : {}),
    ...(step.limits ? { limits: step.limits } : {}),
    ...shown,
    ...(compute !== undefined ? { compute } : {}),
    ...(Object.keys(inputs).length > 0 ? { inputs } : {}),
    ...(Object.keys(outputs).length > 0 ? { outputs } : {}),
  };
}

interface StepParts {
  inputs: Record<string, unknown>;
  outputs: Record<string, unknown>;
  compute: string | undefined;
  shown: Record<string, unknown>;
  defaultEnvironment: string | undefined;
}

// A sweep step is a sweep job: `trial: ./train.yml` (sent inline by the client) or
// `azureml:train:1` is the component each trial runs; a trial mapping runs its command, in the
// settings' default environment unless it names one.
function sweepStepSpec(step: PipelineStep, parts: StepParts): JobSpecDocument {
  const given = step.trial;
  const trial: Record<string, unknown> = typeof given === 'string' ? { component: given } : { ...given };
  if (trial.component === undefined && trial.environment === undefined && parts.defaultEnvironment !== undefined) trial.environment = parts.defaultEnvironment;
  if (step.environment_variables) trial.environment_variables = { ...step.environment_variables, ...((trial.environment_variables as object | undefined) ?? {}) };
  return {
    type: 'sweep',
    trial,
    ...(step.sampling_algorithm !== undefined ? { sampling_algorithm: step.sampling_algorithm } : {}),
    ...(step.search_space !== undefined ? { search_space: step.search_space } : {}),
    ...(step.objective !== undefined ? { objective: step.objective } : {}),
    ...(step.limits !== undefined ? { limits: step.limits } : {}),
    ...(step.early_termination !== undefined ? { early_termination: step.early_termination } : {}),
    ...parts.shown,
    ...(parts.compute !== undefined ? { compute: parts.compute } : {}),
    ...(Object.keys(parts.inputs).length > 0 ? { inputs: parts.inputs } : {}),
    ...(Object.keys(parts.outputs).length > 0 ? { outputs: parts.outputs } : {}),
  };
}

// `compute: ${{parent.inputs.x}}` takes the pipeline input's value.
function computeOf(pipeline: PipelineJobSpec, compute: string | undefined): string | undefined {
  const bound = pipelineInputOf(compute);
  if (bound === undefined) return compute;
  const value = pipeline.inputs?.[bound];
  return typeof value === 'string' ? value : undefined;
}

// The type the producing step (or its inline component) declared for that output (a folder when nothing says).
function producedType(pipeline: PipelineJobSpec, step: string, output: string): string {
  const declared = pipeline.jobs[step]?.outputs?.[output];
  if (declared && typeof declared === 'object' && 'type' in declared && typeof declared.type === 'string') return declared.type;
  const bound = pipelineOutputOf(declared);
  const type = bound === undefined ? undefined : pipeline.outputs?.[bound]?.type;
  if (type !== undefined) return type;
  // An inline component (read from its file by the client) declares its outputs' types; a sweep
  // step's trial may be one.
  const producer = pipeline.jobs[step];
  const trial = producer?.trial;
  const component = producer?.component ?? (typeof trial === 'object' ? trial.component : undefined);
  const fromComponent = component !== null && typeof component === 'object' ? (component as { outputs?: Record<string, { type?: unknown }> }).outputs?.[output]?.type : undefined;
  return typeof fromComponent === 'string' ? fromComponent : 'uri_folder';
}
