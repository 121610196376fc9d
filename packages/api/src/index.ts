export type { ErrorResource, JobErrorResource, JobKindResource, JobResource, OutputFileResource, OutputResource, PageResource, StatusEventResource } from './job-resource.js';
export { CreateJobRequest, ListJobsQuery, RunQuery, RuntimeReportRequest } from './requests.js';
export { API_PREFIX, WORKSPACE_PREFIX, paths, workspacePath, workspaceRoutes } from './routes.js';
export * from './mlflow-resources.js';
export { ASSET_PLURALS } from './asset-resource.js';
export type { AssetKindName, AssetResource, AssetSummaryResource, CreateAssetRequest, LineageEdgeResource } from './asset-resource.js';
export type { ExperimentSummaryResource, JsonDouble, LiveEventResource, MetricSeriesResource, RunJobSummary, RunPageResource, RunRowResource } from './run-resources.js';
export type { CuratedEnvironmentResource } from './curated-environment-resource.js';
export type { BuiltinDatastoreResource } from './builtin-datastore-resource.js';
