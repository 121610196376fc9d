import { LatheError, generateJobName, isValidName, type JobRecord } from '@lathe/core';
import { expandOutputPaths } from './expand-output-paths.js';
import type { JobsContext } from './jobs-context.js';

/** A job to create: the spec as a client (or a controller) sent it. */
export interface SubmitJobRequest {
  spec: Record<string, unknown>;
  /** Overrides `spec.name`. */
  name?: string | undefined;
  /** Warnings the client found while reading the YAML (with file positions); kept instead of the server's own spec warnings. */
  clientWarnings?: string[] | undefined;
  /** The controller job creating this one. */
  parent?: JobRecord | undefined;
  /**
   * For a pipeline step: `true` to reuse the outputs of an earlier Completed job that did the
   * same work (the kind's `reuseKey`) instead of running; `false` to run anyway (`force_rerun`).
   * Either way the step's key is recorded, so later steps may reuse it. Absent for other jobs,
   * which are neither reused nor reused from.
   */
  reuse?: boolean | undefined;
  /** The schedule firing this job; the job records it. */
  schedule?: string | undefined;
}

/**
 * Creates a job from a spec, for the REST route and for controllers' children alike: finds the
 * kind, validates (field-named errors), resolves references and checks snapshots, expands
 * `${{name}}` and `${{output_name}}` in output paths, resolves the compute, then stores the job
 * Queued with its lineage and its run in one transaction — or, for a step that may reuse an
 * earlier job's work, Completed at once with that job's outputs. Nothing is written when any
 * check fails. The caller announces the job and wakes the scheduler.
 */
export async function submitJob(ctx: JobsContext, workspace: string, request: SubmitJobRequest): Promise<JobRecord> {
  const kind = ctx.kinds.require(request.spec.type, 'spec');
  const { spec: validated, warnings: specWarnings } = kind.validate(request.spec, 'spec');
  const name = request.name ?? (typeof validated.name === 'string' ? validated.name : undefined) ?? generateJobName();
  if (!isValidName(name)) {
    throw new LatheError('LATHE_INVALID_SPEC', `name: '${name}' is not a valid job name (letters, digits, _ and -)`, { details: { field: 'name' } });
  }
  if (kind.maxNameLength !== undefined && name.length > kind.maxNameLength) {
    throw new LatheError(
      'LATHE_INVALID_SPEC',
      `name: a ${kind.type} job's name is at most ${kind.maxNameLength} characters, as its children are named after it; '${name.slice(0, 40)}…' has ${name.length}`,
      {
        details: { field: 'name' },
      },
    );
  }
  const resolved = await kind.resolve(ctx, workspace, validated);
  const spec = expandOutputPaths(resolved.spec, name);
  const warnings: string[] = [];
  const compute = await resolveCompute(ctx, workspace, spec.compute, warnings);
  const str = (value: unknown) => (typeof value === 'string' ? value : null);
  const parent = request.parent;
  const reuseKey = request.reuse !== undefined ? resolved.reuseKey : undefined;
  const original = reuseKey !== undefined && request.reuse === true ? await ctx.store.findReusableJob(workspace, reuseKey) : undefined;
  return ctx.store.createJob({
    workspace,
    name,
    type: kind.type,
    displayName: str(spec.display_name),
    experimentName: str(spec.experiment_name) ?? parent?.experimentName ?? 'Default',
    description: str(spec.description),
    compute,
    tags: (spec.tags as Record<string, string> | undefined) ?? {},
    spec: { ...spec, name, type: kind.type },
    warnings: [...(request.clientWarnings ?? specWarnings), ...warnings, ...resolved.warnings],
    createdAt: Date.now(),
    lineage: resolved.consumed,
    ...(parent ? { parent: { name: parent.name, root: parent.root } } : {}),
    ...(reuseKey !== undefined ? { reuseKey } : {}),
    ...(original !== undefined ? { reusedFrom: original.name } : {}),
    ...(request.schedule !== undefined ? { schedule: request.schedule } : {}),
  });
}

// A backend's name, or a compute target defined in the job's workspace, which queues its jobs.
async function resolveCompute(ctx: JobsContext, workspace: string, requested: unknown, warnings: string[]): Promise<string> {
  if (typeof requested !== 'string') return ctx.defaultCompute;
  const name = requested.replace(/^azureml:/, '');
  if (ctx.scheduler.computeNames.includes(name)) return name;
  if ((await ctx.workspaces?.getCompute(workspace, name)) !== undefined) return name;
  warnings.push(`compute '${requested}' is not defined in this workspace; the job runs on '${ctx.defaultCompute}'`);
  return ctx.defaultCompute;
}
