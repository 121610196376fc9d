import { LatheError, type JobSpecDocument } from '@lathe/core';
import type { LineageEdge } from '@lathe/store';
import { isPipelineComponent, stepInputSource, validateComponent, validatePipelineJob, type CommandJobSpec, type ComponentSpec, type PipelineJob, type PipelineStep } from '@lathe/spec';
import type { JobKind, ResolvedJob } from '../job-kind.js';
import { registeredComponent } from '../resolve-component.js';
import { resolveInputs } from '../resolve-inputs.js';
import type { JobsContext } from '../jobs-context.js';
import { PipelineController } from './pipeline-controller.js';
import { stepSpec } from './step-spec.js';

/**
 * `type: pipeline`: a DAG of command, sweep and pipeline steps, run by a {@link PipelineController}.
 * At submit the pipeline's inputs are resolved to snapshots (so every step reads the same data),
 * a pipeline step's component is put in the spec, and each step is checked as the job it will be
 * — its code, environment, component and inputs, a nested pipeline's steps too — so a pipeline
 * whose step could not run is refused before any step exists.
 */
export const pipelineKind: JobKind = {
  type: 'pipeline',
  description: 'a graph of steps (commands, sweeps, nested pipelines), each started when the steps whose outputs it reads have completed',
  validate(document, field) {
    const { spec, warnings } = validatePipelineJob(document, field);
    return { spec: { ...spec, type: 'pipeline' }, warnings };
  },
  async resolve(ctx, workspace, document, options = {}): Promise<ResolvedJob> {
    const pipeline = structuredClone(document) as JobSpecDocument & PipelineJob;
    // A nested pipeline checked at its parent's submit may read inputs that earlier steps of the
    // parent will produce: those are left as they are, and the steps reading them wait too.
    const pending = new Set(options.pending ?? []);
    const resolvable = Object.fromEntries(Object.entries(pipeline.inputs ?? {}).filter(([input]) => !pending.has(input)));
    const consumed = await resolveInputs(ctx, workspace, { inputs: resolvable } as CommandJobSpec);
    const warnings: string[] = [];
    for (const [name, step] of Object.entries(pipeline.jobs)) {
      if (step.type === 'pipeline') consumed.push(...(await inStep(name, step, () => resolvePipelineComponent(ctx, workspace, step))));
      const resolved = await inStep(name, step, () => checkStep(ctx, workspace, pipeline, name, pending));
      warnings.push(...resolved.warnings.map((w) => `jobs.${name}: ${w}`));
    }
    return { spec: pipeline, consumed, warnings };
  },
  controller: new PipelineController(),
  // Steps are `<pipeline>_<step>`, step names at most 64 characters.
  maxNameLength: 190,
};

/**
 * Resolves one step as the job it will be (a command, a sweep, a nested pipeline), but for the
 * inputs it reads from earlier steps (or from pipeline inputs that are themselves pending), which
 * do not exist yet: a component checks them as the data inputs they will be, then they are left
 * out of the rest (snapshots, environment).
 */
async function checkStep(ctx: JobsContext, workspace: string, pipeline: PipelineJob, name: string, pendingInputs: ReadonlySet<string>): Promise<ResolvedJob> {
  const step = pipeline.jobs[name] as PipelineStep;
  const kind = ctx.kinds.require(step.type ?? 'command', 'spec');
  const spec = kind.validate(stepSpec('pipeline', pipeline, name), 'spec').spec;
  const pending = Object.entries(step.inputs ?? {})
    .filter(([, value]) => {
      const source = stepInputSource(value);
      return source?.kind === 'step-output' || (source?.kind === 'pipeline-input' && pendingInputs.has(source.input));
    })
    .map(([input]) => input);
  return kind.resolve(ctx, workspace, spec, { pending });
}

/**
 * A `type: pipeline` step's component, put in the step in place of its reference so the step's
 * graph is in the pipeline's spec (a restarted server, and the step's own job, need nothing else):
 * a registered pipeline component by version or `@latest`, or an inline one (a file the client
 * read). Returns the registered version used, for lineage.
 */
async function resolvePipelineComponent(ctx: JobsContext, workspace: string, step: PipelineStep): Promise<Omit<LineageEdge, 'job'>[]> {
  const given = step.component;
  if (typeof given === 'string') {
    const { component, consumed } = await registeredComponent(ctx, workspace, given);
    // Validated when it was registered; it may hold what its registration kept beside it.
    const registered = component as unknown as ComponentSpec;
    if (!isPipelineComponent(registered)) throw notPipeline(registered);
    const { jobs, inputs, outputs, description } = registered;
    const { name, version } = consumed[0] as { name: string; version: string };
    step.component = { type: 'pipeline', name, version, jobs, ...(inputs ? { inputs } : {}), ...(outputs ? { outputs } : {}), ...(description ? { description } : {}) };
    return consumed;
  }
  const { spec } = validateComponent(given, 'spec: component');
  if (!isPipelineComponent(spec)) throw notPipeline(spec);
  step.component = spec as Record<string, unknown>;
  return [];
}

function notPipeline(spec: ComponentSpec): LatheError {
  const message = `'${spec.name ?? 'the component'}' is a ${spec.type} component; a pipeline step runs a pipeline component (type: pipeline)`;
  return new LatheError('LATHE_INVALID_SPEC', `spec: component: ${message}`, { details: { field: 'component' } });
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
