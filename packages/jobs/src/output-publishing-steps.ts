import { formatBlobRef, type JobRecord } from '@lathe/core';
import type { FinalizationStep } from '@lathe/scheduler';
import { isCommandJob, readAssetRef } from '@lathe/spec';
import type { JobsContext } from './jobs-context.js';
import { openDatastore } from './assets/datastores.js';

/**
 * The steps that publish a Completed job's outputs, as Azure ML does at the end of a job: an
 * output with a datastore `path` (`azureml://datastores/<ds>/paths/<p>`) is written there, and an
 * output with a `name` (and optional `version`) is registered as a data asset of the output's
 * type, with lineage back to the job. The scheduler runs them while the job is Finalizing and
 * records each one done, so a crash resumes at the next; each is safe to run again (a datastore
 * copy overwrites itself, a registration of the same content returns the version it made).
 */
export async function outputPublishingSteps(ctx: JobsContext, job: JobRecord): Promise<FinalizationStep[]> {
  const spec = job.spec;
  if (job.type !== 'command' || !isCommandJob(spec)) return [];
  const ref = { workspace: job.workspace, job: job.name };
  const stored = new Set(await ctx.artifacts.listOutputs(ref));
  const steps: FinalizationStep[] = [];
  for (const [port, output] of Object.entries(spec.outputs ?? {})) {
    if (!stored.has(port)) continue;
    const target = output.path === undefined ? undefined : readAssetRef(output.path);
    if (target?.ok && target.ref.kind === 'datastore') {
      const { datastore: name, path } = target.ref;
      steps.push({
        name: `output:${port}:datastore`,
        run: async () => {
          const datastore = await openDatastore(ctx, job.workspace, name);
          await datastore.writeArchive(path, await ctx.artifacts.packOutput(ref, port));
        },
      });
    }
    if (output.name !== undefined) {
      const assetName = output.name;
      steps.push({
        name: `output:${port}:asset`,
        run: async () => {
          const packed = await ctx.artifacts.packOutputPath(ref, port, '');
          const { sha256 } = await ctx.artifacts.putBlob(packed.archive as never);
          const source = `azureml://jobs/${job.name}/outputs/${port}/paths/`;
          // A crash after the registration and before its step was recorded: the version this
          // job made is there already (an unversioned output would otherwise get a second one).
          const made = (await ctx.registry.listAssetVersions(job.workspace, 'data', assetName, { includeArchived: true }).catch(() => [])).find(
            (v) => v.spec.source_path === source && v.contentHash === sha256,
          );
          const asset =
            made ??
            (
              await ctx.registry.createAssetVersion(job.workspace, {
                kind: 'data',
                name: assetName,
                ...(output.version !== undefined ? { version: String(output.version) } : {}),
                spec: { type: output.type ?? 'uri_folder', path: formatBlobRef({ sha256 }), source_path: source, description: output.description ?? `output ${port} of job ${job.name}` },
                contentHash: sha256,
                createdAt: Date.now(),
              })
            ).asset;
          // Also when the version already existed: a crash may have come between the two writes.
          await ctx.registry.recordLineage(job.workspace, [{ job: job.name, direction: 'output', port, kind: 'data', name: asset.name, version: asset.version }]);
        },
      });
    }
  }
  return steps;
}
