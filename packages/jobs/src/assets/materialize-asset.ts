import { LatheError, formatBlobRef } from '@lathe/core';
import type { AssetKindName } from '@lathe/api';
import { readAssetRef } from '@lathe/spec';
import type { JobsContext } from '../jobs-context.js';
import { completedJob } from '../job-output-input.js';
import { storedOutput } from '../output-source.js';
import { checkDatastoreRoot } from './datastore-root.js';
import { openDatastore } from './datastores.js';
import { findTrackingContent } from './tracking-snapshot.js';

/** Where an asset's content came from when a job produced it. */
export interface ProducedBy {
  job: string;
  port: string;
}

/**
 * The spec as stored: the content an asset names becomes an immutable snapshot (`blob://`), so
 * a version keeps its bytes whatever happens to where they came from. Accepted `path`s:
 * an uploaded snapshot, a datastore path, a job's output (`azureml://jobs/<job>/outputs/<output>/paths/<p>`, the
 * job must have ended) and a run's artifacts (`runs:/<run>/<p>`). The original is kept as
 * `source_path`, and a job output names the job that produced the asset. A `type: local`
 * datastore's folder must lie in `LATHE_DATASTORE_ROOTS` (`checkDatastoreRoot`).
 */
export async function materializeAssetSpec(
  ctx: JobsContext,
  workspace: string,
  kind: AssetKindName,
  name: string,
  spec: Record<string, unknown>,
): Promise<{ spec: Record<string, unknown>; produced?: ProducedBy }> {
  if (spec.name !== undefined && spec.name !== name) {
    throw new LatheError('LATHE_INVALID_SPEC', `spec.name '${String(spec.name)}' does not match the asset name '${name}' in the request path`, { details: { field: 'name' } });
  }
  if (kind === 'datastore' && spec.type === 'local' && typeof spec.path === 'string') await checkDatastoreRoot(spec.path, ctx.datastoreRoots);
  if ((kind !== 'data' && kind !== 'model' && kind !== 'code') || spec.path === undefined) return { spec };
  if (typeof spec.path !== 'string' || spec.path === '') {
    throw new LatheError('LATHE_INVALID_SPEC', 'spec.path: expected a string', { details: { field: 'path' } });
  }
  const resolved = await snapshotOf(ctx, workspace, spec.path, 'path');
  const stored: Record<string, unknown> = { ...spec, path: resolved.blob };
  if (resolved.blob !== spec.path) stored.source_path = spec.path;
  return resolved.produced ? { spec: stored, produced: resolved.produced } : { spec: stored };
}

/**
 * The snapshot a path names, copying job outputs and tracking artifacts into the blob store:
 * besides the paths {@link materializeAssetSpec} accepts, the MLflow ones
 * ({@link findTrackingContent}: `mlflow-artifacts:/…`, `models:/…`, and `runs:/…` resolved to a
 * logged model when the run has no such artifacts). `mlflowModel` says the content has an
 * `MLmodel` file, where that is known.
 */
export async function snapshotOf(ctx: JobsContext, workspace: string, path: string, field: string): Promise<{ blob: string; produced?: ProducedBy; mlflowModel?: boolean }> {
  const ref = readAssetRef(path);
  if (ref.ok && ref.ref.kind === 'blob') {
    if (!(await ctx.artifacts.statBlob(ref.ref.sha256))) {
      throw new LatheError('LATHE_INVALID_SPEC', `${field}: snapshot ${ref.ref.sha256} has not been uploaded`, { details: { field, sha256: ref.ref.sha256 } });
    }
    return { blob: path };
  }
  if (ref.ok && ref.ref.kind === 'job-output') {
    const { job, output, path: sub } = ref.ref;
    const record = await completedJob(ctx, workspace, job, field);
    // A pipeline's output is its step's; a reused step's, the files of the job it reused.
    const source = await storedOutput(ctx.store, record, output === 'artifacts' ? 'default' : output);
    const packed = await ctx.artifacts.packOutputPath({ workspace, job: source.job }, source.output, sub.replace(/\/+$/, ''));
    return { blob: await store(ctx, packed), produced: { job, port: output } };
  }
  if (ref.ok && ref.ref.kind === 'datastore') {
    const datastore = await openDatastore(ctx, workspace, ref.ref.datastore);
    return { blob: await store(ctx, await datastore.pack(ref.ref.path.replace(/\/+$/, ''))) };
  }
  const tracking = await findTrackingContent(ctx, workspace, path, field);
  if (tracking !== undefined) {
    const blob = 'blob' in tracking.at ? tracking.at.blob : await store(ctx, await ctx.artifacts.packTrackingPath(workspace, tracking.at.trackingPath));
    return { blob, mlflowModel: tracking.mlflowModel, ...(tracking.produced ? { produced: tracking.produced } : {}) };
  }
  throw new LatheError(
    'LATHE_INVALID_SPEC',
    `${field}: '${path}' cannot be used here: expected an uploaded local path (blob://), azureml://datastores/<datastore>/paths/<path>, azureml://jobs/<job>/outputs/<output>/paths/<path>, runs:/<run>/<path>, mlflow-artifacts:/<path> or models:/<model>`,
    { details: { field } },
  );
}

async function store(ctx: JobsContext, packed: { archive: NodeJS.ReadableStream; file?: string }): Promise<string> {
  const { sha256 } = await ctx.artifacts.putBlob(packed.archive as never);
  return formatBlobRef(packed.file !== undefined ? { sha256, file: packed.file } : { sha256 });
}
