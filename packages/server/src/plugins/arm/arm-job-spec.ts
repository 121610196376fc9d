import { LatheError } from '@lathe/core';
import type { ServerContext } from '../../server-context.js';

/** The `properties` every job type has as the Azure ML SDK PUTs them (`JobBase`, camelCase). */
export interface ArmJobBase {
  jobType: string;
  computeId?: string | null;
  displayName?: string | null;
  description?: string | null;
  experimentName?: string | null;
  tags?: Record<string, string> | null;
  properties?: Record<string, string> | null;
  inputs?: Record<string, ArmJobInput | null> | null;
  outputs?: Record<string, ArmJobOutput | null> | null;
}

/** The `properties` of a command job as the Azure ML SDK PUTs it (`CommandJob`). */
export interface ArmCommandJob extends ArmJobBase {
  command: string;
  codeId?: string | null;
  environmentId?: string | null;
  environmentVariables?: Record<string, string> | null;
}

interface ArmJobInput {
  jobInputType: string;
  uri?: string;
  value?: string;
  mode?: string;
  description?: string | null;
}

interface ArmJobOutput {
  jobOutputType: string;
  uri?: string | null;
  mode?: string;
  description?: string | null;
}

const INPUT_MODES: Record<string, string> = { ReadOnlyMount: 'ro_mount', ReadWriteMount: 'rw_mount', Download: 'download', Direct: 'direct', EvalMount: 'eval_mount', EvalDownload: 'eval_download' };
const OUTPUT_MODES: Record<string, string> = { ReadWriteMount: 'rw_mount', Upload: 'upload', Direct: 'direct' };

/**
 * The Lathe command job spec of an ARM command job: `codeId` (an ARM code version id) becomes the
 * code asset's snapshot, ARM ids of data, environments and computes become `azureml:` references
 * (resolved, and an unknown compute warned about, by `submitJob` as for any job), `azureml:` and
 * `azureml://` references pass through. Spec errors come back from `submitJob` naming Lathe's
 * field names; errors of the translation name ARM's (`properties.codeId`).
 */
export async function armJobToSpec(ctx: ServerContext, workspace: string, job: ArmJobBase): Promise<Record<string, unknown>> {
  if (job.jobType !== 'Command') {
    throw new LatheError('LATHE_BAD_REQUEST', `properties.jobType: '${String(job.jobType).slice(0, 50)}' jobs are not served here yet; Command, Sweep and Pipeline jobs are`, {
      details: { field: 'properties.jobType' },
    });
  }
  const command = job as ArmCommandJob;
  const spec: Record<string, unknown> = { type: 'command', command: command.command };
  if (command.codeId) spec.code = await codeSnapshot(ctx, workspace, command.codeId);
  if (command.environmentId) spec.environment = environmentRef(command.environmentId);
  if (command.environmentVariables) spec.environment_variables = command.environmentVariables;
  copyJobFields(command, spec);
  return spec;
}

/**
 * What every job type shares — compute, names, tags, inputs and outputs — copied from ARM's
 * spelling to Lathe's into `spec`.
 */
export function copyJobFields(job: ArmJobBase, spec: Record<string, unknown>): void {
  if (job.computeId) spec.compute = `azureml:${lastSegment(job.computeId, 'computes')}`;
  copyString(job.displayName, spec, 'display_name');
  copyString(job.description, spec, 'description');
  copyString(job.experimentName, spec, 'experiment_name');
  if (job.tags) spec.tags = job.tags;
  if (job.properties) spec.properties = job.properties;
  if (job.inputs) spec.inputs = mapEntries(job.inputs, toInput);
  if (job.outputs) spec.outputs = mapEntries(job.outputs, toOutput);
}

/** An environment's ARM id as an `azureml:<name>:<version>` reference; other references as given. */
export function environmentRef(id: string): string {
  return assetRef(id, 'environments');
}

/** The snapshot (`blob://…`) of the code version an ARM id names; `LATHE_BAD_REQUEST` naming `field` when there is none. */
export async function codeSnapshot(ctx: ServerContext, workspace: string, codeId: string, field = 'properties.codeId'): Promise<string> {
  const match = /\/codes\/([^/]+)\/versions\/([^/]+)$/i.exec(codeId);
  if (match === null) throw badReference(field, codeId, 'an ARM code version id, …/codes/<name>/versions/<version>');
  const [, name = '', version = ''] = match;
  const asset = await ctx.registry.getAssetVersion(workspace, 'code', name, version).catch((error: unknown) => {
    if (error instanceof LatheError && error.code === 'LATHE_NOT_FOUND') {
      throw new LatheError('LATHE_BAD_REQUEST', `${field}: code '${name}' version '${version}' does not exist in workspace '${workspace}'; register it first`, {
        details: { field },
      });
    }
    throw error;
  });
  return String(asset.spec.path);
}

/**
 * An ARM id `/subscriptions/…/<plural>/<name>/versions/<v>` → `azureml:<name>:<v>`; anything else
 * (`azureml:x@latest`, `azureml://registries/…`, `azureml://datastores/…`) as given.
 */
export function assetRef(id: string, plural: string): string {
  const match = new RegExp(`^/subscriptions/.*/${plural}/([^/]+)/versions/([^/]+)$`, 'i').exec(id);
  return match === null ? id : `azureml:${match[1] ?? ''}:${match[2] ?? ''}`;
}

function lastSegment(id: string, plural: string): string {
  const match = new RegExp(`/${plural}/([^/]+)$`, 'i').exec(id);
  return match?.[1] ?? id.replace(/^azureml:/, '');
}

function toInput(input: ArmJobInput, name: string): unknown {
  if (input.jobInputType === 'literal') {
    if (input.value === undefined) throw badReference(`properties.inputs.${name}.value`, '', 'a literal value');
    return input.value;
  }
  if (typeof input.uri !== 'string' || input.uri === '') throw badReference(`properties.inputs.${name}.uri`, '', 'a data id, azureml:// URI or URL');
  return {
    type: input.jobInputType,
    path: assetRef(input.uri, 'data'),
    ...(input.mode !== undefined ? { mode: INPUT_MODES[input.mode] ?? input.mode } : {}),
    ...(input.description ? { description: input.description } : {}),
  };
}

function toOutput(output: ArmJobOutput): unknown {
  return {
    type: output.jobOutputType,
    ...(output.mode !== undefined ? { mode: OUTPUT_MODES[output.mode] ?? output.mode } : {}),
    ...(output.uri ? { path: output.uri } : {}),
    ...(output.description ? { description: output.description } : {}),
  };
}

function mapEntries<T>(entries: Record<string, T | null>, map: (value: T, name: string) => unknown): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(entries)) if (value !== null) out[name] = map(value, name);
  return out;
}

function copyString(value: string | null | undefined, spec: Record<string, unknown>, key: string): void {
  if (typeof value === 'string' && value !== '') spec[key] = value;
}

function badReference(field: string, given: string, expected: string): LatheError {
  return new LatheError('LATHE_BAD_REQUEST', `${field}: '${given.slice(0, 200)}' is not ${expected}`, { details: { field } });
}
