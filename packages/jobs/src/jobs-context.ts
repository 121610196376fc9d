import type { ArtifactStore, AssetStore, MetadataStore, ModelRegistryStore, TrackingStore, WorkspaceStore } from '@lathe/store';
import type { JobKindRegistry } from './job-kind-registry.js';

/**
 * What creating a job needs: the stores, where datastores live, the computes jobs can run on and
 * the job kinds. The server's context is one; nothing here knows about HTTP.
 */
export interface JobsContext {
  store: MetadataStore;
  /** MLflow tracking data; every job is also a run in it. */
  tracking: TrackingStore;
  /** Versioned assets (data, models, environments, components, datastores) and lineage. */
  registry: AssetStore;
  /** MLflow's model registry over the `model` assets of {@link JobsContext.registry}. */
  modelRegistry: ModelRegistryStore;
  artifacts: ArtifactStore;
  /** Where the built-in datastores' folders live (`<LATHE_HOME>/datastores/<ws>/<name>`). */
  datastoreRoot: string;
  /** Folders `type: local` datastores must lie in (`LATHE_DATASTORE_ROOTS`). */
  datastoreRoots: readonly string[];
  /** The computes jobs can run on. */
  scheduler: { readonly computeNames: readonly string[] };
  /** The named compute targets of each workspace (`compute create`); without it only the backends' names are computes. */
  workspaces?: Pick<WorkspaceStore, 'getCompute'>;
  /** The compute jobs run on when theirs is not defined here. */
  defaultCompute: string;
  /** The interpreter jobs run with (`LATHE_PYTHON`), named in warnings. */
  python: string;
  /** The job kinds this server runs. */
  kinds: JobKindRegistry;
}
