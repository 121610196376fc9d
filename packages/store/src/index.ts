export type { CreateJobInput, FindJobsFilter, JobPage, JobProgressInput, ListJobsQuery, MetadataStore, TransitionInput, TransitionPatch } from './metadata-store.js';
export { KyselyMetadataStore } from './kysely/kysely-metadata-store.js';
export type { SqlDialect } from './kysely/kysely-metadata-store.js';
export { openPostgresStore } from './kysely/open-postgres-store.js';
export type { OpenPostgresStoreOptions } from './kysely/open-postgres-store.js';
export { openSqliteStore } from './kysely/open-sqlite-store.js';
export type { Database } from './kysely/schema.js';
export type { ArtifactStore, BlobInfo, FolderEntry, JobRef, OutputFile, PackedPath } from './artifacts/artifact-store.js';
export { LocalArtifactStore, extractPlainFiles } from './artifacts/local-artifact-store.js';
export { confinePath } from './artifacts/confine-path.js';
export { packPath } from './artifacts/pack-path.js';
export type { ByteRange, ListObjectsOptions, ObjectInfo, ObjectPage, ObjectStore } from './objects/object-store.js';
export { LocalObjectStore } from './objects/local-object-store.js';
export type { LocalObjectStoreOptions } from './objects/local-object-store.js';
export { checkObjectKey } from './objects/object-key.js';
export { deleteObjects, listAllObjects, moveObject } from './objects/object-helpers.js';
export type {
  CreateExperimentInput,
  CreateLoggedModelInput,
  CreateRunInput,
  DatasetInput,
  Experiment,
  ExperimentFilterClause,
  ExperimentOrderKey,
  KeyValue,
  LogBatchInput,
  LoggedMetricPoint,
  LoggedModel,
  LoggedModelMetric,
  MetricPoint,
  MetricSeriesJson,
  Page,
  Run,
  RunInfo,
  SearchExperimentsQuery,
  SearchLoggedModelsQuery,
  ExperimentSummary,
  RunJobFilter,
  SearchRunsQuery,
  TrackingStore,
  UpdateRunInput,
  ViewType,
} from './tracking-store.js';
export { KyselyTrackingStore } from './kysely/tracking/kysely-tracking-store.js';
export { ASSET_KINDS } from './asset-store.js';
export type { AssetKind, AssetStore, AssetSummary, AssetVersion, CreateAssetVersionInput, LineageEdge } from './asset-store.js';
export { KyselyAssetStore } from './kysely/assets/kysely-asset-store.js';
export type { ComputeRecord, PutComputeInput, WorkspaceRecord, WorkspaceStore } from './workspace-store.js';
export { KyselyWorkspaceStore } from './kysely/workspaces/kysely-workspace-store.js';
export type { PutScheduleInput, RecordFireInput, ScheduleRecord, ScheduleStore } from './schedule-store.js';
export { KyselyScheduleStore } from './kysely/schedules/kysely-schedule-store.js';
export type { ServicePrincipalRecord, ServicePrincipalStore } from './service-principal-store.js';
export { KyselyServicePrincipalStore } from './kysely/workspaces/kysely-service-principal-store.js';
export type {
  CreateModelVersionInput,
  CreateRegisteredModelInput,
  ModelRegistryStore,
  ModelVersion,
  ModelVersionRef,
  RegisteredModel,
  SearchRegistryQuery,
  UpdateModelVersionInput,
} from './model-registry-store.js';
export { KyselyModelRegistryStore } from './kysely/registry/kysely-model-registry-store.js';
export type { Datastore } from './datastores/datastore.js';
export { LocalDatastore } from './datastores/local-datastore.js';
export { isWithin, realPath } from './datastores/real-path.js';
