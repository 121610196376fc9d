import { LatheError } from '@lathe/core';
import type { AssetResource, AssetSummaryResource, BuiltinDatastoreResource } from '@lathe/api';
import type { LatheClient } from '@lathe/sdk';

/** A row of `lathe datastore list`: a created datastore, or a built-in one (`builtin: true`). */
export type DatastoreRow = AssetSummaryResource & { builtin?: true; description?: string };

/** The workspace's built-in datastores, then those created with `lathe datastore create`. */
export async function withBuiltinDatastores(client: LatheClient, list: AssetSummaryResource[]): Promise<DatastoreRow[]> {
  const builtin = await client.listBuiltinDatastores();
  return [
    ...builtin.map((d): DatastoreRow => ({ kind: 'datastore', name: d.name, latest_version: d.version, version_count: 1, created_at: d.created_at, builtin: true, description: d.description })),
    ...list,
  ];
}

/** The built-in datastore of that name, or else the created one `get` finds. */
export async function builtinOrDatastore(client: LatheClient, name: string, get: () => Promise<AssetResource>): Promise<AssetResource | BuiltinDatastoreResource> {
  try {
    return await client.getBuiltinDatastore(name);
  } catch (error) {
    if (!(error instanceof LatheError) || error.code !== 'LATHE_NOT_FOUND') throw error;
    return get();
  }
}
