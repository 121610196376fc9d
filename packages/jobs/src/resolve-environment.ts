import { LatheError } from '@lathe/core';
import type { LineageEdge } from '@lathe/store';
import {
  CURATED_VERSION,
  curatedEnvironmentSpec,
  findCuratedEnvironment,
  readAssetRef,
  resolveEnvironmentSpec,
  type CommandJobSpec,
  type EnvironmentSource,
  type ResolvedEnvironment,
} from '@lathe/spec';
import type { JobsContext } from './jobs-context.js';

/** What {@link resolveEnvironment} found: the environment to store, and the asset used (for lineage). */
export interface EnvironmentResolution {
  environment?: ResolvedEnvironment;
  consumed: Omit<LineageEdge, 'job'>[];
}

const FORMS = 'azureml:<name>:<version>, azureml:<name>@latest, azureml://registries/azureml/environments/<name>/labels/latest (or /versions/<n>), or an inline { image, conda_file }';
const FIELD = 'environment';

/**
 * Resolves a job's `environment` into a self-contained {@link ResolvedEnvironment}: a workspace
 * environment asset by version or `@latest`; a curated name (`azureml://registries/azureml/
 * environments/<name>/...`, or `azureml:AzureML-<name>` when the workspace has no such asset);
 * an inline object. Throws `LATHE_INVALID_SPEC` naming `environment` for anything else, before
 * the job exists.
 */
export async function resolveEnvironment(ctx: JobsContext, workspace: string, spec: CommandJobSpec): Promise<EnvironmentResolution> {
  const env = spec.environment;
  if (env === undefined) return { consumed: [] };
  if (typeof env !== 'string') return { environment: resolveEnvironmentSpec(env as EnvironmentSource, { reference: 'inline', source: 'inline' }, FIELD), consumed: [] };
  const read = readAssetRef(env);
  if (!read.ok) throw invalid(`${read.reason}; expected ${FORMS}`);
  const ref = read.ref;
  if (ref.kind === 'registry') {
    if (ref.type !== 'environments') throw invalid(`'${env}' names ${ref.type}, not an environment`);
    if (ref.registry.toLowerCase() !== 'azureml') throw invalid(`registry '${ref.registry}' is not available here; only the curated environments of registry 'azureml' are (lathe environment list)`);
    if (ref.label !== undefined && ref.label !== 'latest') throw invalid(`label '${ref.label}' is not known; use labels/latest or versions/<n>`);
    return { environment: curated(env, ref.name), consumed: [] };
  }
  if (ref.kind !== 'asset' || (ref.type !== undefined && ref.type !== 'environments')) throw invalid(`'${env}' is not an environment reference; expected ${FORMS}`);
  if (ref.label !== undefined && ref.label !== 'latest') throw invalid(`label '@${ref.label}' is not known; use @latest or :<version>`);
  const lookup = ref.version !== undefined ? ctx.registry.getAssetVersion(workspace, 'environment', ref.name, ref.version) : ctx.registry.getLatestAssetVersion(workspace, 'environment', ref.name);
  const asset = await lookup.catch((error: unknown) => {
    if (error instanceof LatheError && error.code === 'LATHE_NOT_FOUND') return undefined;
    throw error;
  });
  if (asset === undefined) {
    // Azure names its curated environments `AzureML-<name>` inside every workspace.
    if (/^azureml-/i.test(ref.name)) return { environment: curated(env, ref.name), consumed: [] };
    throw invalid(`'${env}' does not name an environment in this workspace (lathe environment list shows them, and the curated ones)`);
  }
  const origin = { reference: env, source: 'workspace' as const, name: asset.name, version: asset.version };
  return {
    environment: resolveEnvironmentSpec(asset.spec as EnvironmentSource, origin, FIELD),
    consumed: [{ direction: 'input', port: 'environment', kind: 'environment', name: asset.name, version: asset.version }],
  };
}

function curated(reference: string, name: string): ResolvedEnvironment {
  const found = findCuratedEnvironment(name);
  if (found === undefined) throw invalid(`'${reference}' is not a curated environment Lathe knows (lathe environment list shows them)`);
  return resolveEnvironmentSpec(curatedEnvironmentSpec(found), { reference, source: 'curated', name: found.name, version: CURATED_VERSION }, FIELD);
}

/**
 * What the job's log and `job show` should know: an image or build context is not run as a
 * container, and which Python runs the job instead.
 */
export function environmentWarnings(env: ResolvedEnvironment | undefined, python: string): string[] {
  if (env === undefined || env.source === 'curated') return [];
  const runs = env.requirements.length > 0 ? `the job runs on the host in a virtual environment over ${python} built from its conda file` : `the job runs on the host with ${python}`;
  if (env.image !== undefined) return [`environment image '${env.image}' is not run: Lathe runs jobs on the host, not in containers; ${runs}`];
  if (env.build !== undefined) return [`environment build context is not built: Lathe runs jobs on the host, not in containers; ${runs}`];
  return [];
}

function invalid(message: string): LatheError {
  return new LatheError('LATHE_INVALID_SPEC', `spec: ${FIELD}: ${message}`, { details: { field: FIELD } });
}
