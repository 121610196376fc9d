import { LatheError, type JobSpecDocument } from '@lathe/core';
import {
  PARALLEL_STEP_SETTINGS,
  pipelineInputOf,
  pipelineOutputOf,
  stepInputSource,
  stepOutputType,
  type JobInput,
  type PipelineComponentSpec,
  type PipelineJobSpec,
  type PipelineStep,
} from '@lathe/spec';
import { componentInputs } from '../component-inputs.js';
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
    else inputs[name] = { type: stepOutputType(pipeline, source.step, source.output) ?? 'uri_folder', path: `azureml://jobs/${stepJobName(pipelineName, source.step)}/outputs/${source.output}` };
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
  if (step.type === 'parallel') return parallelStepSpec(step, { inputs, outputs, compute, shown, defaultEnvironment: settings?.default_environment });
  if (step.type === 'pipeline') return pipelineStepSpec(stepName, step, { inputs, outputs, compute, shown, defaultEnvironment: settings?.default_environment }, settings);
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

// A parallel step is a parallel job; its task runs in the settings' default environment unless it names one.
function parallelStepSpec(step: PipelineStep, parts: StepParts): JobSpecDocument {
  const task: Record<string, unknown> = { ...(step.task ?? {}) };
  if (task.environment === undefined && parts.defaultEnvironment !== undefined) task.environment = parts.defaultEnvironment;
  const settings = Object.fromEntries(PARALLEL_STEP_SETTINGS.filter((key) => step[key] !== undefined).map((key) => [key, step[key]]));
  return {
    type: 'parallel',
    ...settings,
    task,
    ...(step.resources ? { resources: step.resources } : {}),
    ...(step.environment_variables ? { environment_variables: step.environment_variables } : {}),
    ...parts.shown,
    ...(parts.compute !== undefined ? { compute: parts.compute } : {}),
    ...(Object.keys(parts.inputs).length > 0 ? { inputs: parts.inputs } : {}),
    ...(Object.keys(parts.outputs).length > 0 ? { outputs: parts.outputs } : {}),
  };
}

// A pipeline step is a pipeline job of its component's steps (the component was put in the step
// at submit), its inputs checked against the component's declarations with their defaults, its
// outputs the component's, and the parent's settings passed down: the compute, the environment,
// whether to rerun everything and whether to go on after a failed step.
function pipelineStepSpec(stepName: string, step: PipelineStep, parts: StepParts, settings: PipelineJobSpec['settings']): JobSpecDocument {
  const component = step.component;
  if (component === undefined || typeof component === 'string') throw new Error(`pipeline step '${stepName}' has no resolved component`);
  const declared = component as unknown as PipelineComponentSpec;
  const inputs = componentInputs(declared.inputs ?? {}, parts.inputs as Record<string, JobInput>);
  const outputs: Record<string, unknown> = {};
  for (const [name, output] of Object.entries(declared.outputs ?? {})) outputs[name] = { type: output.type, ...((parts.outputs[name] as object | null | undefined) ?? {}) };
  for (const name of Object.keys(parts.outputs)) {
    if (!(name in outputs)) throw new LatheError('LATHE_INVALID_SPEC', `spec: outputs.${name}: the component declares no output '${name}'`, { details: { field: `outputs.${name}` } });
  }
  const passed = {
    ...(parts.compute !== undefined ? { default_compute: parts.compute } : {}),
    ...(parts.defaultEnvironment !== undefined ? { default_environment: parts.defaultEnvironment } : {}),
    ...(settings?.force_rerun !== undefined ? { force_rerun: settings.force_rerun } : {}),
    ...(settings?.continue_on_step_failure !== undefined ? { continue_on_step_failure: settings.continue_on_step_failure } : {}),
  };
  return {
    type: 'pipeline',
    ...parts.shown,
    ...(declared.description !== undefined ? { description: declared.description } : {}),
    ...(Object.keys(inputs).length > 0 ? { inputs } : {}),
    ...(Object.keys(outputs).length > 0 ? { outputs } : {}),
    ...(Object.keys(passed).length > 0 ? { settings: passed } : {}),
    jobs: structuredClone(declared.jobs),
  };
}

// `compute: ${{parent.inputs.x}}` takes the pipeline input's value.
function computeOf(pipeline: PipelineJobSpec, compute: string | undefined): string | undefined {
  const bound = pipelineInputOf(compute);
  if (bound === undefined) return compute;
  const value = pipeline.inputs?.[bound];
  return typeof value === 'string' ? value : undefined;
}
