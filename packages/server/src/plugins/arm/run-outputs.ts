import type { JobRecord } from '@lathe/core';
import { jobArtifactPrefix } from '../../shared/job-artifact-names.js';
import type { ServerContext } from '../../server-context.js';

const OUTPUT_ASSET = /^azureml:\/\/jobs\/([^/]+)\/outputs\/([^/]+)$/;

/**
 * A job's named outputs as run history's `runMetadata.outputs`: each stored output but `default`
 * (the job's artifacts, which the SDK finds at `ExperimentRun/dcid.<job>/` on its own) as a
 * `UriFolder` asset whose id is Lathe's reference to it, `azureml://jobs/<job>/outputs/<name>`.
 * The SDK resolves these ids through the data plane ({@link resolveOutputAsset}).
 */
export async function runOutputsOf(ctx: ServerContext, job: JobRecord): Promise<Record<string, { assetId: string; type: string }>> {
  // A reused step's outputs are the files of the job it reused.
  const holder = job.reusedFrom ?? job.name;
  const stored = await ctx.artifacts.listOutputs({ workspace: job.workspace, job: holder });
  const outputs: Record<string, { assetId: string; type: string }> = {};
  for (const name of stored) if (name !== 'default') outputs[name] = { assetId: `azureml://jobs/${holder}/outputs/${name}`, type: 'UriFolder' };
  return outputs;
}

/**
 * Where the Blob endpoint serves the output an asset id of {@link runOutputsOf} names:
 * `azureml://datastores/workspaceartifactstore/paths/azureml/<job>/<output>/`, read-only, from
 * Lathe's own copy of the output. `undefined` for any other id.
 */
export function resolveOutputAsset(assetId: string): string | undefined {
  const match = OUTPUT_ASSET.exec(assetId);
  if (match === null) return undefined;
  const [, job = '', output = ''] = match;
  return `azureml://datastores/workspaceartifactstore/paths/${jobArtifactPrefix(job, output)}`;
}
