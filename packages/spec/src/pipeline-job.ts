import { findBindings } from './bindings.js';
import { bindingIssues } from './binding-issues.js';
import { PipelineJobSchema, type PipelineJobSpec, type PipelineStep } from './schema/pipeline-job-schema.js';
import { checkDocument, parseSpecText, readSpecFile, validateSpecValue, type LoadedSpec, type ParseSpecOptions, type SpecKind } from './spec-loader.js';
import type { FieldPath, Issue } from './validate/issue.js';

/** A pipeline job read from YAML: the normalised spec and what deserves a warning. */
export type LoadedPipelineJob = LoadedSpec<PipelineJobSpec>;

/**
 * Where one step's input comes from, when it is bound: a pipeline input, or another step's
 * output. The edges of the pipeline's graph are the `step` sources.
 */
export type StepInputSource = { kind: 'pipeline-input'; input: string } | { kind: 'step-output'; step: string; output: string };

/**
 * What the graph checks read of a pipeline job or of a pipeline component: the names of its
 * inputs and outputs (values or declarations), the outputs' types, and its steps.
 */
export interface PipelineGraph {
  inputs?: Record<string, unknown> | undefined;
  outputs?: Record<string, { type?: string } | null | undefined> | undefined;
  jobs: Record<string, PipelineStep>;
}

/** The pipeline job kind, for kinds that hold a job. @internal */
export const PIPELINE_JOB: SpecKind = {
  check(raw) {
    return checkDocument<PipelineJobSpec>(PipelineJobSchema, withEmptyStepOutputs(raw), pipelineGraphIssues);
  },
};

/**
 * Parses and validates pipeline-job YAML text. Throws `LATHE_INVALID_SPEC` naming file:line:column,
 * the field and what was expected for every problem found, the step's name included: a binding
 * to an input, step or output that does not exist, a step reading its own output, a cycle.
 */
export function parsePipelineJob(text: string, options: ParseSpecOptions): LoadedPipelineJob {
  return parseSpecText(PIPELINE_JOB, text, options);
}

/** Reads and validates a pipeline-job YAML file; see {@link parsePipelineJob}. */
export async function loadPipelineJobFile(file: string, set: readonly string[] = []): Promise<LoadedPipelineJob> {
  return parsePipelineJob(await readSpecFile(file), { file, set });
}

/** Validates a pipeline job given as data (a REST body); errors name the field path under `source`. */
export function validatePipelineJob(value: unknown, source = 'request body'): { spec: PipelineJobSpec; warnings: string[] } {
  return validateSpecValue(PIPELINE_JOB, value, source);
}

// Fields only a sweep step takes, only a command step takes (a sweep's trial has them), only a
// parallel step takes (its task has code and environment); a pipeline step takes its component.
const SWEEP_FIELDS = ['trial', 'sampling_algorithm', 'search_space', 'objective', 'early_termination'] as const;
const COMMAND_FIELDS = ['command', 'code', 'component', 'environment', 'distribution', 'resources'] as const;
/** A parallel step's settings (beside its `task`), which its parallel job takes as they are. */
export const PARALLEL_STEP_SETTINGS = [
  'input_data',
  'mini_batch_size',
  'partition_keys',
  'max_concurrency_per_instance',
  'mini_batch_error_threshold',
  'retry_settings',
  'logging_level',
  'output_action',
] as const;
const PARALLEL_FIELDS = [...PARALLEL_STEP_SETTINGS, 'task'] as const;
const FOREIGN_FIELDS = {
  command: [...SWEEP_FIELDS, ...PARALLEL_FIELDS],
  sweep: [...COMMAND_FIELDS, ...PARALLEL_FIELDS],
  pipeline: [...SWEEP_FIELDS, ...PARALLEL_FIELDS, ...COMMAND_FIELDS.filter((f) => f !== 'component')],
  parallel: [...SWEEP_FIELDS, ...COMMAND_FIELDS.filter((f) => f !== 'resources')],
} as const;

const PARENT_INPUT = /^\$\{\{\s*parent\.inputs\.([A-Za-z_][A-Za-z0-9_]*)\s*\}\}$/;
const STEP_OUTPUT = /^\$\{\{\s*parent\.jobs\.([A-Za-z_][A-Za-z0-9_]*)\.outputs\.([A-Za-z_][A-Za-z0-9_]*)\s*\}\}$/;
const PARENT_OUTPUT = /^\$\{\{\s*parent\.outputs\.([A-Za-z_][A-Za-z0-9_]*)\s*\}\}$/;

/**
 * Where a step input's value comes from: `undefined` for a literal or a data input, a source for
 * a whole-value binding. A value that is a binding of another shape is a problem that
 * {@link parsePipelineJob} reports.
 */
export function stepInputSource(value: unknown): StepInputSource | undefined {
  if (typeof value !== 'string') return undefined;
  const input = PARENT_INPUT.exec(value);
  if (input) return { kind: 'pipeline-input', input: input[1] as string };
  const output = STEP_OUTPUT.exec(value);
  if (output) return { kind: 'step-output', step: output[1] as string, output: output[2] as string };
  return undefined;
}

/** The pipeline input a whole-value `${{parent.inputs.<name>}}` names (a step's `compute` may be one). */
export function pipelineInputOf(value: unknown): string | undefined {
  return typeof value === 'string' ? PARENT_INPUT.exec(value)?.[1] : undefined;
}

/** The pipeline output a step output's `${{parent.outputs.<name>}}` binds it to. */
export function pipelineOutputOf(value: unknown): string | undefined {
  return typeof value === 'string' ? PARENT_OUTPUT.exec(value)?.[1] : undefined;
}

/** The steps a step reads outputs of, in the order its inputs name them, each once. */
export function stepDependencies(step: PipelineStep): string[] {
  const out: string[] = [];
  for (const value of Object.values(step.inputs ?? {})) {
    const source = stepInputSource(value);
    if (source?.kind === 'step-output' && !out.includes(source.step)) out.push(source.step);
  }
  return out;
}

/** What is wrong with a pipeline's steps and their bindings, and any cycle. @internal */
export function pipelineGraphIssues(graph: PipelineGraph): Issue[] {
  return [...stepIssues(graph), ...cycleIssues(graph)];
}

/** An output named with no value (at the top level or a step's) is a folder on the default datastore. @internal */
export function withEmptyStepOutputs(raw: unknown): unknown {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) return raw;
  const doc = raw as Record<string, unknown>;
  const outputs = doc.outputs;
  const topLevel = outputs !== null && typeof outputs === 'object' && !Array.isArray(outputs) ? Object.fromEntries(Object.entries(outputs).map(([k, v]) => [k, v ?? {}])) : outputs;
  const jobs = doc.jobs;
  if (jobs === null || typeof jobs !== 'object' || Array.isArray(jobs)) return { ...doc, ...(outputs !== undefined ? { outputs: topLevel } : {}) };
  const steps = Object.fromEntries(
    Object.entries(jobs).map(([name, step]) => {
      const stepOutputs = (step as { outputs?: unknown } | null)?.outputs;
      if (stepOutputs === null || typeof stepOutputs !== 'object' || Array.isArray(stepOutputs)) return [name, step];
      return [name, { ...(step as object), outputs: Object.fromEntries(Object.entries(stepOutputs).map(([k, v]) => [k, v ?? {}])) }];
    }),
  );
  return { ...doc, ...(outputs !== undefined ? { outputs: topLevel } : {}), jobs: steps };
}

function stepIssues(spec: PipelineGraph): Issue[] {
  const issues: Issue[] = [];
  const error = (path: FieldPath, message: string, expected?: string, at: Issue['at'] = 'value'): Issue => ({ severity: 'error', path, at, message, ...(expected ? { expected } : {}) });
  const steps = spec.jobs ?? {};
  if (Object.keys(steps).length === 0) issues.push(error(['jobs'], 'a pipeline needs at least one step', 'a mapping of step names to jobs', 'container'));
  const pipelineInputs = Object.keys(spec.inputs ?? {});
  const pipelineOutputs = Object.keys(spec.outputs ?? {});
  const list = (names: readonly string[], what: string) => (names.length > 0 ? `one of the ${what}: ${names.join(', ')}` : `a name declared under ${what}:`);
  for (const [name, step] of Object.entries(steps)) {
    const at = (...rest: (string | number)[]): FieldPath => ['jobs', name, ...rest];
    const type = step.type ?? 'command';
    if (type !== 'command' && type !== 'sweep' && type !== 'pipeline' && type !== 'parallel') {
      issues.push(error(at('type'), `step '${name}': '${type}' steps are not supported yet; command, sweep, pipeline and parallel steps are`, 'command, sweep, pipeline or parallel'));
      continue;
    }
    for (const field of FOREIGN_FIELDS[type]) {
      if (step[field] !== undefined) issues.push(error(at(field), `step '${name}': '${field}' is not a field of ${type} steps`, `no '${field}' in a ${type} step`, 'key'));
    }
    if (type === 'sweep' && step.trial === undefined)
      issues.push(error(at(), `sweep step '${name}' has no trial`, "'trial': a component (./train.yml, azureml:<name>:<version>) or a trial mapping", 'container'));
    if (type === 'parallel' && (step.task === undefined || step.input_data === undefined)) {
      issues.push(error(at(), `parallel step '${name}' needs a task and input_data`, "'task' (entry_script, code, environment) and 'input_data: ${{inputs.<name>}}'", 'container'));
    }
    if (type === 'pipeline' && step.component === undefined) {
      issues.push(error(at(), `pipeline step '${name}' has no component`, "'component': a pipeline component (./component.yml, azureml:<name>:<version>)", 'container'));
    }
    if (type === 'command' && step.command === undefined && step.component === undefined) {
      issues.push(error(at(), `step '${name}' has neither a command nor a component`, "'command' or 'component'", 'container'));
    }
    if (step.command !== undefined && step.component !== undefined) {
      issues.push(error(at('command'), `step '${name}' runs its component's command`, "either 'command' or 'component', not both", 'key'));
    }
    for (const [input, value] of Object.entries(step.inputs ?? {})) {
      const source = stepInputSource(value);
      if (source === undefined) {
        if (typeof value === 'string' && findBindings(value).length > 0) {
          issues.push(error(at('inputs', input), `step '${name}': ${value} is not a binding an input can take`, '${{parent.inputs.<name>}} or ${{parent.jobs.<step>.outputs.<name>}}'));
        }
        continue;
      }
      if (source.kind === 'pipeline-input') {
        if (!pipelineInputs.includes(source.input))
          issues.push(error(at('inputs', input), `step '${name}': ${String(value)} names pipeline input '${source.input}', which the pipeline does not declare`, list(pipelineInputs, 'inputs')));
        continue;
      }
      const producer = steps[source.step];
      if (source.step === name) {
        issues.push(error(at('inputs', input), `step '${name}' reads its own output '${source.output}'`, 'an output of another step'));
      } else if (producer === undefined) {
        issues.push(error(at('inputs', input), `step '${name}': ${String(value)} names step '${source.step}', which the pipeline does not have`, list(Object.keys(steps), 'steps')));
      } else if (!runsComponent(producer) && !Object.keys(producer.outputs ?? {}).includes(source.output)) {
        // A component's outputs are known once it is resolved; an inline step's are here.
        issues.push(
          error(
            at('inputs', input),
            `step '${name}': ${String(value)} names output '${source.output}' of step '${source.step}', which declares no such output`,
            list(Object.keys(producer.outputs ?? {}), `outputs of '${source.step}'`),
          ),
        );
      } else {
        const produced = stepOutputType(spec, source.step, source.output);
        const wanted = componentOf(step)?.inputs?.[input]?.type;
        if (produced !== undefined && typeof wanted === 'string' && !acceptsOutput(wanted, produced)) {
          issues.push(error(at('inputs', input), `step '${name}': input '${input}' (${wanted}) cannot take ${String(value)}, a ${produced} output`, `an output of type ${wanted}`));
        }
      }
    }
    for (const [output, value] of Object.entries(step.outputs ?? {})) {
      if (typeof value !== 'string') continue;
      const bound = PARENT_OUTPUT.exec(value);
      if (!bound) issues.push(error(at('outputs', output), `step '${name}': '${value}' is not an output binding`, '${{parent.outputs.<name>}}, or an output declaration'));
      else if (!pipelineOutputs.includes(bound[1] as string))
        issues.push(error(at('outputs', output), `step '${name}': ${value} names pipeline output '${bound[1] as string}', which the pipeline does not declare`, list(pipelineOutputs, 'outputs')));
    }
    if (step.compute !== undefined && findBindings(step.compute).length > 0) {
      const bound = PARENT_INPUT.exec(step.compute);
      if (!bound || !pipelineInputs.includes(bound[1] as string)) issues.push(error(at('compute'), `step '${name}': ${step.compute} is not a pipeline input`, list(pipelineInputs, 'inputs')));
    }
    if (typeof step.command === 'string') {
      for (const issue of bindingIssues({ command: step.command, inputs: step.inputs ?? {}, outputs: step.outputs ?? {} }, `step '${name}'`)) issues.push({ ...issue, path: at('command') });
    }
  }
  return issues;
}

// A step running a component (a sweep step's trial may be one) has the outputs the component declares.
function runsComponent(step: PipelineStep): boolean {
  if (step.component !== undefined) return true;
  const trial = step.trial;
  return typeof trial === 'string' || (trial !== undefined && 'component' in trial);
}

interface PortTypes {
  inputs?: Record<string, { type?: unknown } | undefined>;
  outputs?: Record<string, { type?: unknown } | undefined>;
}

// The inline component a step runs (its own, or its sweep trial's), whose ports declare types; a
// registered one (`azureml:`) is known to the server only.
function componentOf(step: PipelineStep): PortTypes | undefined {
  const trial = step.trial;
  const component = step.component ?? (trial !== undefined && typeof trial === 'object' ? trial.component : undefined);
  return component !== null && typeof component === 'object' ? (component as PortTypes) : undefined;
}

/**
 * The type of a step's output where the pipeline says it: the step's own declaration, the
 * pipeline output it is bound to, or its inline component's; `undefined` when only a registered
 * component would tell.
 */
export function stepOutputType(pipeline: PipelineGraph, step: string, output: string): string | undefined {
  const producer = pipeline.jobs[step];
  const declared = producer?.outputs?.[output];
  if (declared && typeof declared === 'object' && typeof declared.type === 'string') return declared.type;
  const bound = pipelineOutputOf(declared);
  const type = bound === undefined ? undefined : pipeline.outputs?.[bound]?.type;
  if (type !== undefined) return type;
  const fromComponent = producer ? componentOf(producer)?.outputs?.[output]?.type : undefined;
  return typeof fromComponent === 'string' ? fromComponent : undefined;
}

// A file is not a folder: a uri_file input takes a uri_file output only, and a folder-like input
// (uri_folder, mltable, a model) takes any output but a single file. A literal input takes none.
const FOLDER_TYPES = new Set(['uri_folder', 'mltable', 'custom_model', 'mlflow_model', 'triton_model']);
function acceptsOutput(input: string, output: string): boolean {
  if (input === 'uri_file') return output === 'uri_file';
  if (FOLDER_TYPES.has(input)) return output !== 'uri_file';
  return false;
}

// A cycle is reported once, at the first of its steps in the file, naming the whole loop.
function cycleIssues(spec: PipelineGraph): Issue[] {
  const steps = spec.jobs ?? {};
  const state = new Map<string, 'visiting' | 'done'>();
  const issues: Issue[] = [];
  const reported = new Set<string>();
  const visit = (name: string, path: string[]): void => {
    if (state.get(name) === 'done') return;
    if (state.get(name) === 'visiting') {
      const loop = [...path.slice(path.indexOf(name)), name];
      const first = Object.keys(steps).find((s) => loop.includes(s)) as string;
      if (!reported.has(first)) {
        reported.add(first);
        issues.push({
          severity: 'error',
          path: ['jobs', first],
          at: 'key',
          message: `steps ${loop.map((s) => `'${s}'`).join(' → ')} wait for each other's outputs: a pipeline cannot have a cycle`,
          expected: 'steps that read only outputs of steps before them',
        });
      }
      return;
    }
    state.set(name, 'visiting');
    const step = steps[name];
    for (const next of step ? stepDependencies(step) : []) if (steps[next] && next !== name) visit(next, [...path, name]);
    state.set(name, 'done');
  };
  for (const name of Object.keys(steps)) visit(name, []);
  return issues;
}
