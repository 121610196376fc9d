import { join } from 'node:path';
import { LatheError } from '@lathe/core';
import { LocalDatastore, type Datastore } from '@lathe/store';
import { checkDatastoreRoot } from './datastore-root.js';
import type { JobsContext } from '../jobs-context.js';

/** Azure ML's built-in datastores, which every workspace has: folders under the data directory here. */
export const BUILTIN_DATASTORES = ['workspaceblobstore', 'workspacefilestore', 'workspaceartifactstore', 'workspaceworkingdirectory'] as const;

/**
 * The datastore `name` of a workspace: a built-in one (a folder under `LATHE_HOME/datastores/`),
 * or a `type: local` datastore created with `lathe datastore create` (its latest version). Azure
 * storage datastores are recorded but cannot be reached from here: `LATHE_BAD_REQUEST` says so.
 * A local datastore whose folder is no longer in `LATHE_DATASTORE_ROOTS` is `LATHE_PATH_ESCAPE`.
 */
export async function openDatastore(ctx: JobsContext, workspace: string, name: string): Promise<Datastore> {
  if ((BUILTIN_DATASTORES as readonly string[]).includes(name)) {
    const store = new LocalDatastore(name, join(ctx.datastoreRoot, workspace, name));
    await store.ensureRoot();
    return store;
  }
  const asset = await ctx.registry.getLatestAssetVersion(workspace, 'datastore', name).catch((error: unknown) => {
    if (error instanceof LatheError && error.code === 'LATHE_NOT_FOUND') {
      throw new LatheError('LATHE_NOT_FOUND', `datastore '${name}' does not exist in workspace '${workspace}' (built in: ${BUILTIN_DATASTORES.join(', ')})`, {
        details: { kind: 'datastore', name },
      });
    }
    throw error;
  });
  if (asset.spec.type !== 'local' || typeof asset.spec.path !== 'string') {
    throw new LatheError('LATHE_BAD_REQUEST', `datastore '${name}' is of type ${String(asset.spec.type)}, which Lathe records but cannot reach yet; use a type: local datastore`, {
      details: { kind: 'datastore', name },
    });
  }
  // Checked again at use: the roots may have narrowed, or a link moved, since it was created.
  await checkDatastoreRoot(asset.spec.path, ctx.datastoreRoots).catch((error: unknown) => {
    throw new LatheError('LATHE_PATH_ESCAPE', `datastore '${name}': ${(error as Error).message}`, { details: { kind: 'datastore', name, allowed_roots: [...ctx.datastoreRoots] } });
  });
  return new LocalDatastore(name, asset.spec.path);
}
