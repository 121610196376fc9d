import { LatheError } from '@lathe/core';
import type { AssetResource, AssetSummaryResource, CuratedEnvironmentResource } from '@lathe/api';
import type { LatheClient } from '@lathe/sdk';

/** A row of `lathe environment list`: a workspace environment, or a curated one (`curated: true`). */
export type EnvironmentRow = AssetSummaryResource & { curated?: true; description?: string };

/** The workspace's environments, then the curated ones whose names the workspace does not use. */
export async function withCuratedEnvironments(client: LatheClient, list: AssetSummaryResource[]): Promise<EnvironmentRow[]> {
  const taken = new Set(list.map((a) => a.name.toLowerCase()));
  const curated = (await client.listCuratedEnvironments()).filter((c) => !taken.has(c.name.toLowerCase()));
  return [
    ...list,
    ...curated.map((c): EnvironmentRow => ({ kind: 'environment', name: c.name, latest_version: c.version, version_count: 1, created_at: c.created_at, curated: true, description: c.description })),
  ];
}

/** The workspace environment `get` finds, or else the curated one of that name. */
export async function environmentOrCurated(client: LatheClient, name: string, get: () => Promise<AssetResource>): Promise<AssetResource | CuratedEnvironmentResource> {
  try {
    return await get();
  } catch (error) {
    if (!(error instanceof LatheError) || error.code !== 'LATHE_NOT_FOUND') throw error;
    return client.getCuratedEnvironment(name).catch(() => Promise.reject(error));
  }
}

/** What `environment show` prints under a curated environment's table. */
export function curatedText(env: CuratedEnvironmentResource): string {
  return (
    [
      `Curated: Lathe's local equivalent of ${env.image} (not run: jobs run on the host)`,
      `Packages: ${env.packages.join(', ') || 'none'} (from the machine's Python, checked when a job uses it)`,
      `Use as: azureml://registries/azureml/environments/${env.name}/labels/latest or azureml:AzureML-${env.name}@latest`,
    ].join('\n') + '\n'
  );
}
