import { LatheError } from '@lathe/core';
import type { AssetKind, LineageEdge } from '@lathe/store';
import { dataInputs, parseAssetRef, type CommandJobSpec } from '@lathe/spec';
import type { JobsContext } from './jobs-context.js';
import { snapshotOf } from './assets/materialize-asset.js';
import { referJobOutput } from './job-output-input.js';

const MODEL_TYPES = new Set(['custom_model', 'mlflow_model', 'triton_model']);

/**
 * Replaces each input's reference by the snapshot it names, in place: a workspace asset by
 * version (`azureml:name:3`) or label (`azureml:name@latest`) — a data asset, or a model for
 * model-typed inputs — a datastore path or a run's artifacts (the original URI kept as the
 * input's `source_path`). A job's output stays a reference, read in place by the job, with the
 * digest of its content (see `referJobOutput`). Returns the asset versions consumed,
 * for lineage. Nothing is written when a reference does not resolve. Other references (blob
 * snapshots, URLs) are left for the snapshot check.
 */
export async function resolveInputs(ctx: JobsContext, workspace: string, spec: CommandJobSpec): Promise<Omit<LineageEdge, 'job'>[]> {
  const consumed: Omit<LineageEdge, 'job'>[] = [];
  for (const { name: port, input } of dataInputs(spec)) {
    const field = `spec: inputs.${port}.path`;
    const ref = parseAssetRef(input.path);
    if (ref.kind === 'job-output') {
      // Read in place by the job, not copied; the digest stands for the content.
      const source = input.path;
      const reference = await referJobOutput(ctx, workspace, source, field);
      input.path = reference.path;
      Object.assign(input, { source_path: source, digest: reference.digest });
      continue;
    }
    if (ref.kind === 'run' || ref.kind === 'datastore') {
      const source = input.path;
      input.path = (await snapshotOf(ctx, workspace, source, field)).blob;
      // Kept beside the snapshot, as an asset keeps its `source_path`: what users are shown,
      // and what a re-submitted copy names again.
      Object.assign(input, { source_path: source });
      continue;
    }
    if (ref.kind === 'registry') {
      throw new LatheError('LATHE_INVALID_SPEC', `${field}: registry assets ('${input.path}') are not available here yet`, { details: { field } });
    }
    if (ref.kind !== 'asset') continue;
    const kind: AssetKind = ref.type === 'models' || MODEL_TYPES.has(String(input.type)) ? 'model' : 'data';
    if (ref.label !== undefined && ref.label !== 'latest') {
      throw new LatheError('LATHE_INVALID_SPEC', `${field}: label '@${ref.label}' is not known; use @latest or :<version>`, { details: { field } });
    }
    const lookup = ref.version !== undefined ? ctx.registry.getAssetVersion(workspace, kind, ref.name, ref.version) : ctx.registry.getLatestAssetVersion(workspace, kind, ref.name);
    const asset = await lookup.catch((error: unknown) => {
      if (!(error instanceof LatheError) || error.code !== 'LATHE_NOT_FOUND') throw error;
      throw new LatheError('LATHE_INVALID_SPEC', `${field}: '${input.path}' does not name an asset in this workspace (${error.message})`, { details: { field }, cause: error });
    });
    if (typeof asset.spec.path !== 'string') {
      throw new LatheError('LATHE_INVALID_SPEC', `${field}: ${kind} ${ref.name}:${asset.version} has no path`, { details: { field } });
    }
    input.path = asset.spec.path;
    consumed.push({ direction: 'input', port, kind, name: ref.name, version: asset.version });
  }
  return consumed;
}
