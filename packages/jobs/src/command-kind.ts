import { LatheError, hasUriScheme, parseBlobRef } from '@lathe/core';
import { asCommandJob, dataInputs, validateCommandJob, type CommandJob, type CommandJobSpec } from '@lathe/spec';
import type { JobsContext } from './jobs-context.js';
import { resolveComponent } from './resolve-component.js';
import { environmentWarnings, resolveEnvironment } from './resolve-environment.js';
import { resolveInputs } from './resolve-inputs.js';
import { reuseKeyOf } from './reuse-key.js';
import type { JobKind, ResolvedJob } from './job-kind.js';

/** `type: command`: one process on the job's compute, run by the launcher. */
export const commandKind: JobKind = {
  type: 'command',
  description: 'a command (with code, inputs, outputs and an environment) run as one process on a compute',
  validate(document, field) {
    const { spec, warnings } = validateCommandJob(document, field);
    return { spec: { ...spec, type: 'command' }, warnings };
  },
  async resolve(ctx, workspace, document, options = {}): Promise<ResolvedJob> {
    const spec: CommandJobSpec = asCommandJob(document, 'spec');
    const component = await resolveComponent(ctx, workspace, spec, options.sampled);
    for (const input of options.pending ?? []) delete spec.inputs?.[input];
    const consumed = [...component.consumed, ...(await resolveInputs(ctx, workspace, spec))];
    // After the component, which may bring the environment.
    const environment = await resolveEnvironment(ctx, workspace, spec);
    consumed.push(...environment.consumed);
    await checkSnapshots(ctx, spec);
    const warnings = [...environmentWarnings(environment.environment, ctx.python), ...runtimeWarnings(spec)];
    const resolved: CommandJob = { ...spec, type: 'command', ...(environment.environment ? { resolved_environment: environment.environment } : {}) };
    return { spec: resolved, consumed, warnings, ...(component.deterministic ? { reuseKey: reuseKeyOf(resolved) } : {}) };
  },
};

async function checkSnapshots(ctx: JobsContext, spec: CommandJobSpec): Promise<void> {
  const refs: [string, string][] = [];
  if (spec.code !== undefined) refs.push(['code', spec.code]);
  for (const { name, input } of dataInputs(spec)) {
    // Another job's output, found and digested by `resolveInputs`, is read in place.
    if ((input as { digest?: unknown }).digest !== undefined && input.path.startsWith('azureml://jobs/')) continue;
    refs.push([`inputs.${name}.path`, input.path]);
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

function runtimeWarnings(spec: CommandJobSpec): string[] {
  const out: string[] = [];
  const instances = spec.resources?.instance_count ?? 1;
  if (instances > 1 || spec.distribution) {
    out.push(`resources.instance_count ${instances} / distribution are not applied on local compute; the job runs as one process`);
  }
  return out;
}
