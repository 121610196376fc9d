import { LatheError, generateJobName, hasUriScheme, isValidName, parseBlobRef, type JobRecord } from '@lathe/core';
import type { CreateJobRequest } from '@lathe/api';
import { validateCommandJob, type CommandJobSpec } from '@lathe/spec';
import type { ServerContext } from '../../server-context.js';
import { resolveComponent } from './resolve-component.js';
import { environmentWarnings, resolveEnvironment } from './resolve-environment.js';
import { resolveInputs } from './resolve-inputs.js';

/**
 * Creates a job from a REST request: validates the spec (field-named errors), checks that every
 * uploaded snapshot it names exists, resolves the compute, and stores the job Queued. Nothing is
 * written when any check fails.
 */
export async function createJob(ctx: ServerContext, workspace: string, body: CreateJobRequest): Promise<JobRecord> {
  // A client that read the YAML sends the same spec warnings with file positions; keep those.
  const { spec, warnings: specWarnings } = validateCommandJob(body.spec, 'spec');
  const warnings: string[] = [];
  const name = body.name ?? spec.name ?? generateJobName();
  if (!isValidName(name)) {
    throw new LatheError('LATHE_INVALID_SPEC', `name: '${name}' is not a valid job name (letters, digits, _ and -)`, { details: { field: 'name' } });
  }
  const consumed = [...(await resolveComponent(ctx, workspace, spec)), ...(await resolveInputs(ctx, workspace, spec))];
  // After the component, which may bring the environment.
  const environment = await resolveEnvironment(ctx, workspace, spec);
  consumed.push(...environment.consumed);
  await checkSnapshots(ctx, spec);
  const compute = resolveCompute(ctx, spec, warnings);
  warnings.push(...environmentWarnings(environment.environment, ctx.python), ...runtimeWarnings(spec));
  const job = await ctx.store.createJob({
    workspace,
    name,
    type: 'command',
    displayName: spec.display_name ?? null,
    experimentName: spec.experiment_name ?? 'Default',
    description: spec.description ?? null,
    compute,
    tags: spec.tags ?? {},
    spec: { ...spec, name, type: 'command', ...(environment.environment ? { resolved_environment: environment.environment } : {}) },
    warnings: [...(body.client_warnings ?? specWarnings), ...warnings],
    createdAt: Date.now(),
  });
  await ctx.registry.recordLineage(workspace, consumed.map((c) => ({ ...c, job: name })));
  return job;
}

async function checkSnapshots(ctx: ServerContext, spec: CommandJobSpec): Promise<void> {
  const refs: [string, string][] = [];
  if (spec.code !== undefined) refs.push(['code', spec.code]);
  for (const [name, input] of Object.entries(spec.inputs ?? {})) {
    if (typeof input === 'object') refs.push([`inputs.${name}.path`, input.path]);
  }
  for (const [field, path] of refs) {
    const ref = parseBlobRef(path);
    if (!ref) throw unsupportedPath(field, path);
    if (!(await ctx.artifacts.statBlob(ref.sha256))) {
      throw new LatheError('LATHE_INVALID_SPEC', `spec: ${field}: snapshot ${ref.sha256} has not been uploaded`, { details: { field, sha256: ref.sha256 } });
    }
  }
}

function unsupportedPath(field: string, path: string): LatheError {
  const hint = hasUriScheme(path)
    ? 'datastore URIs and URLs are not supported as inputs yet (workspace assets, job outputs and runs:/ are)'
    : 'local paths are uploaded by the client (lathe job create, or submitJobFile in the SDK)';
  return new LatheError('LATHE_INVALID_SPEC', `spec: ${field}: '${path}' cannot be used here: ${hint}`, {
    details: { field, expected: 'an uploaded snapshot, blob://<sha256>' },
  });
}

function resolveCompute(ctx: ServerContext, spec: CommandJobSpec, warnings: string[]): string {
  if (spec.compute === undefined) return ctx.defaultCompute;
  const name = spec.compute.replace(/^azureml:/, '');
  if (ctx.scheduler.computeNames.includes(name)) return name;
  warnings.push(`compute '${spec.compute}' is not defined in this workspace; the job runs on '${ctx.defaultCompute}'`);
  return ctx.defaultCompute;
}

function runtimeWarnings(spec: CommandJobSpec): string[] {
  const out: string[] = [];
  const instances = spec.resources?.instance_count ?? 1;
  if (instances > 1 || spec.distribution) {
    out.push(`resources.instance_count ${instances} / distribution are not applied on local compute; the job runs as one process`);
  }
  return out;
}
