import { formatBlobRef, type JobRecord } from '@lathe/core';
import type { CommandJobSpec } from '@lathe/spec';
import { readAssetRef } from '@lathe/spec';
import type { ServerContext } from '../../server-context.js';
import { openDatastore } from '../../shared/datastores.js';

/**
 * What a Completed job's outputs ask for, as Azure ML does at the end of a job: an output with a
 * datastore `path` (`azureml://datastores/<ds>/paths/<p>`) is written there, and an output with
 * a `name` (and optional `version`) is registered as a data asset of the output's type, with
 * lineage back to the job. Failures are logged and reported by the returned list; the job
 * stays Completed.
 */
export async function publishOutputs(ctx: ServerContext, job: JobRecord): Promise<string[]> {
  const spec = job.spec as unknown as CommandJobSpec;
  const problems: string[] = [];
  const ref = { workspace: job.workspace, job: job.name };
  const stored = new Set(await ctx.artifacts.listOutputs(ref));
  for (const [port, output] of Object.entries(spec.outputs ?? {})) {
    if (!stored.has(port)) continue;
    try {
      const target = output.path === undefined ? undefined : readAssetRef(output.path);
      if (target?.ok && target.ref.kind === 'datastore') {
        const datastore = await openDatastore(ctx, job.workspace, target.ref.datastore);
        await datastore.writeArchive(target.ref.path, await ctx.artifacts.packOutput(ref, port));
      }
      if (output.name !== undefined) {
        const packed = await ctx.artifacts.packOutputPath(ref, port, '');
        const { sha256 } = await ctx.artifacts.putBlob(packed.archive as never);
        const source = `azureml://jobs/${job.name}/outputs/${port}/paths/`;
        const { asset, created } = await ctx.registry.createAssetVersion(job.workspace, {
          kind: 'data',
          name: output.name,
          ...(output.version !== undefined ? { version: String(output.version) } : {}),
          spec: { type: output.type ?? 'uri_folder', path: formatBlobRef({ sha256 }), source_path: source, description: output.description ?? `output ${port} of job ${job.name}` },
          contentHash: sha256,
          createdAt: Date.now(),
        });
        if (created) await ctx.registry.recordLineage(job.workspace, [{ job: job.name, direction: 'output', port, kind: 'data', name: asset.name, version: asset.version }]);
      }
    } catch (error) {
      problems.push(`output ${port}: ${(error as Error).message}`);
    }
  }
  return problems;
}
