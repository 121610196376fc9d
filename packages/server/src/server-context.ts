import type { ArtifactStore, AssetStore, MetadataStore, ModelRegistryStore, TrackingStore } from '@lathe/store';
import type { Scheduler } from '@lathe/scheduler';
import type { JobKindRegistry } from './job-kinds/job-kind-registry.js';

/** What route plugins share: the stores and the scheduler. Built once by `startServer`. */
export interface ServerContext {
  store: MetadataStore;
  /** MLflow tracking data; every job is also a run in it. */
  tracking: TrackingStore;
  /** Versioned assets (data, models, environments, components, datastores) and lineage. */
  registry: AssetStore;
  /** MLflow's model registry over the `model` assets of {@link ServerContext.registry}. */
  modelRegistry: ModelRegistryStore;
  /** Where the built-in datastores' folders live (`<LATHE_HOME>/datastores/<ws>/<name>`). */
  datastoreRoot: string;
  /** Folders `type: local` datastores must lie in (`LATHE_DATASTORE_ROOTS`). */
  datastoreRoots: readonly string[];
  artifacts: ArtifactStore;
  scheduler: Scheduler;
  /** The job kinds this server runs. */
  kinds: JobKindRegistry;
  /** The compute jobs run on when theirs is not defined here. */
  defaultCompute: string;
  /** The interpreter jobs run with (`LATHE_PYTHON`), named in warnings. */
  python: string;
  version: string;
  /** The built Studio's folder, or `undefined` when Studio is not built (then `/` is plain text). */
  studioRoot?: string | undefined;
}
