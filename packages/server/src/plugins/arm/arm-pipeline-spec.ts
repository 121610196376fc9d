import { LatheError } from '@lathe/core';
import { assetRef, copyJobFields, type ArmJobBase } from './arm-job-spec.js';

/** One node of an ARM pipeline's `jobs`, as the SDK serialises it (snake_case inside). */
export interface ArmPipelineNode {
  type?: string;
  componentId?: string;
  /** A sweep node's trial: the ARM id of the component each trial runs. */
  trial?: unknown;
  sampling_algorithm?: unknown;
  search_space?: unknown;
  objective?: unknown;
  limits?: unknown;
  early_termination?: unknown;
  computeId?: string | null;
  display_name?: string | null;
  inputs?: Record<string, { job_input_type?: string; value?: string; uri?: string; mode?: string } | null> | null;
  outputs?: Record<string, { job_output_type?: string; type?: string; value?: string; mode?: string; uri?: string } | null> | null;
  environment_variables?: Record<string, string> | null;
}

/** The `properties` of a pipeline job as the Azure ML SDK PUTs it (`PipelineJob`). */
export interface ArmPipelineJob extends ArmJobBase {
  jobs?: Record<string, ArmPipelineNode | null> | null;
  settings?: Record<string, unknown> | null;
}

const INPUT_MODES: Record<string, string> = { ReadOnlyMount: 'ro_mount', ReadWriteMount: 'rw_mount', Download: 'download', Direct: 'direct' };

/**
 * The Lathe pipeline spec of an ARM pipeline job (`@dsl.pipeline` submitted with
 * `jobs.create_or_update`): each node runs the component it names — a nested `@dsl.pipeline`
 * is a pipeline node running the pipeline component the SDK registered for it (the SDK registers an
 * anonymous component for each `command(...)` first: `componentId` is that version's ARM id,
 * read as `azureml:<name>:<version>`), its inputs are the literal bindings the SDK writes
 * (`${{parent.inputs.x}}`, `${{parent.jobs.<node>.outputs.<o>}}`) or data inputs, and its
 * outputs are declarations or bindings to the pipeline's outputs. The pipeline kind validates
 * the whole spec, naming Lathe's fields; errors of this translation name ARM's.
 */
export function armPipelineToSpec(job: ArmPipelineJob): Record<string, unknown> {
  const jobs = armPipelineSteps(job.jobs ?? {}, 'properties.jobs');
  const settings = Object.fromEntries(Object.entries(job.settings ?? {}).filter(([key]) => !key.startsWith('_')));
  const spec: Record<string, unknown> = { type: 'pipeline', jobs, ...(Object.keys(settings).length > 0 ? { settings } : {}) };
  copyJobFields(job, spec);
  return spec;
}

/**
 * The Lathe steps of an ARM pipeline's `jobs` (a pipeline job's, or a pipeline component's):
 * command nodes and pipeline nodes (a pipeline component as a step), each running the component
 * version its `componentId` names. `field` prefixes the errors.
 */
export function armPipelineSteps(nodes: Record<string, ArmPipelineNode | null>, field: string): Record<string, unknown> {
  const jobs: Record<string, unknown> = {};
  for (const [name, node] of Object.entries(nodes)) {
    if (node === null) continue;
    const at = `${field}.${name}`;
    if (node.type !== undefined && !NODE_TYPES.includes(node.type)) {
      throw new LatheError('LATHE_BAD_REQUEST', `${at}.type: '${String(node.type).slice(0, 50)}' nodes are not served here yet; command, pipeline and sweep nodes are`, {
        details: { field: `${at}.type` },
      });
    }
    // A sweep node names its trial's component as `trial: {componentId}`; the others as `componentId`.
    const componentId = node.type === 'sweep' ? trialComponentId(node.trial) : node.componentId;
    const idField = node.type === 'sweep' ? `${at}.trial` : `${at}.componentId`;
    if (typeof componentId !== 'string' || componentId === '') {
      const got = JSON.stringify(node.type === 'sweep' ? node.trial : node.componentId) ?? 'nothing';
      throw new LatheError('LATHE_BAD_REQUEST', `${idField}: expected the ARM id of a component version, got ${got.slice(0, 300)}`, { details: { field: idField } });
    }
    const component = assetRef(componentId, 'components');
    jobs[name] = {
      ...(node.type === 'pipeline' ? { type: 'pipeline', component } : node.type === 'sweep' ? { type: 'sweep', trial: component, ...sweepSettings(node) } : { component }),
      ...(node.computeId ? { compute: `azureml:${node.computeId.split('/').at(-1) ?? ''}` } : {}),
      ...(node.display_name ? { display_name: node.display_name } : {}),
      ...(node.environment_variables ? { environment_variables: node.environment_variables } : {}),
      ...(node.inputs ? { inputs: nodeInputs(node.inputs, at) } : {}),
      ...(node.outputs ? { outputs: nodeOutputs(node.outputs) } : {}),
    };
  }
  return jobs;
}

const NODE_TYPES = ['command', 'pipeline', 'sweep'];

function trialComponentId(trial: unknown): unknown {
  if (typeof trial === 'string') return trial;
  return trial !== null && typeof trial === 'object' ? (trial as { componentId?: unknown }).componentId : undefined;
}

// A sweep node's settings are written as the sweep YAML's (snake_case); the sweep kind reads them.
function sweepSettings(node: ArmPipelineNode): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of ['sampling_algorithm', 'search_space', 'objective', 'limits', 'early_termination'] as const) {
    if (node[key] !== undefined && node[key] !== null) out[key] = node[key];
  }
  return out;
}

function nodeInputs(inputs: NonNullable<ArmPipelineNode['inputs']>, field: string): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [name, input] of Object.entries(inputs)) {
    if (input === null) continue;
    if (input.job_input_type === 'literal' || input.job_input_type === undefined) {
      if (input.value === undefined) throw new LatheError('LATHE_BAD_REQUEST', `${field}.inputs.${name}.value: expected a value`, { details: { field: `${field}.inputs.${name}.value` } });
      out[name] = input.value;
    } else {
      out[name] = { type: input.job_input_type, path: assetRef(input.uri ?? '', 'data'), ...(input.mode ? { mode: INPUT_MODES[input.mode] ?? input.mode } : {}) };
    }
  }
  return out;
}

function nodeOutputs(outputs: NonNullable<ArmPipelineNode['outputs']>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [name, output] of Object.entries(outputs)) {
    if (output === null) out[name] = null;
    else if (typeof output.value === 'string') out[name] = output.value;
    else out[name] = { type: output.job_output_type ?? output.type ?? 'uri_folder' };
  }
  return out;
}
