export {
  CommandJobSchema,
  DATA_INPUT_TYPES,
  DataInputSchema,
  DistributionSchema,
  INPUT_MODES,
  InlineEnvironmentSchema,
  JOB_INPUT_REFERENCES,
  JobInputSchema,
  JobOutputSchema,
  OUTPUT_MODES,
  OUTPUT_TYPES,
  ResourcesSchema,
} from './schema/command-job-schema.js';
export type { CommandJobSpec, DataInput, JobInput, JobOutput } from './schema/command-job-schema.js';
export { loadCommandJobFile, parseCommandJob, validateCommandJob } from './command-job.js';
export type { LoadedCommandJob, ParseCommandJobOptions } from './command-job.js';
export { asCommandJob, asLaunchedJob, dataInputs, isCommandJob, isPipelineJob, isSweepJob } from './job-spec.js';
export type { CommandJob, JobSpec, NamedDataInput, PipelineJob, SweepJob } from './job-spec.js';
export { SweepJobSchema, SweepLimitsSchema, SweepObjectiveSchema, SweepTrialSchema } from './schema/sweep-job-schema.js';
export type { SweepJobSpec, SweepTrial } from './schema/sweep-job-schema.js';
export { loadSweepJobFile, parseSweepJob, validateSweepJob } from './sweep-job.js';
export type { LoadedSweepJob } from './sweep-job.js';
export { loadJobFile, parseJobFile } from './job-file.js';
export { PIPELINE_STEP_TYPES, PipelineJobSchema, PipelineSettingsSchema, PipelineStepSchema } from './schema/pipeline-job-schema.js';
export type { PipelineJobSpec, PipelineStep } from './schema/pipeline-job-schema.js';
export {
  loadPipelineJobFile,
  PARALLEL_STEP_SETTINGS,
  parsePipelineJob,
  pipelineInputOf,
  pipelineOutputOf,
  stepDependencies,
  stepInputSource,
  stepOutputType,
  validatePipelineJob,
} from './pipeline-job.js';
export type { LoadedPipelineJob, StepInputSource } from './pipeline-job.js';
export type { LoadedJob } from './job-file.js';
export type { LoadedSpec, ParseSpecOptions } from './spec-loader.js';
export { ASSET_NAME_PATTERN, AssetName, AssetVersion } from './schema/asset-fields.js';
export { CODE_PATH_REFERENCES, CodeAssetSchema } from './schema/code-asset-schema.js';
export type { CodeAssetSpec } from './schema/code-asset-schema.js';
export { DATA_ASSET_TYPES, DATA_PATH_REFERENCES, DataAssetSchema } from './schema/data-asset-schema.js';
export type { DataAssetSpec } from './schema/data-asset-schema.js';
export { loadDataAssetFile, parseDataAsset, validateDataAsset } from './data-asset.js';
export { MODEL_PATH_REFERENCES, MODEL_TYPES, ModelAssetSchema } from './schema/model-asset-schema.js';
export type { ModelAssetSpec } from './schema/model-asset-schema.js';
export { loadModelAssetFile, parseModelAsset, validateModelAsset } from './model-asset.js';
export { BuildContextSchema, CondaFileSchema, EnvironmentSchema, InferenceConfigSchema } from './schema/environment-schema.js';
export type { EnvironmentSpec } from './schema/environment-schema.js';
export { loadEnvironmentFile, parseEnvironment, validateEnvironment } from './environment.js';
export { condaRequirements, normalizePackageName } from './conda-requirements.js';
export type { CondaRequirements } from './conda-requirements.js';
export { CURATED_ENVIRONMENTS, CURATED_VERSION, curatedEnvironmentSpec, findCuratedEnvironment } from './curated-environments.js';
export type { CuratedEnvironment } from './curated-environments.js';
export { environmentLabel, resolveEnvironmentSpec } from './resolved-environment.js';
export type { EnvironmentSource, ResolvedEnvironment } from './resolved-environment.js';
export {
  COMPONENT_DATA_TYPES,
  COMPONENT_INPUT_TYPES,
  COMPONENT_OUTPUT_TYPES,
  CommandComponentSchema,
  ComponentInputSchema,
  ComponentOutputSchema,
  ENVIRONMENT_REFERENCES,
  PRIMITIVE_INPUT_TYPES,
} from './schema/command-component-schema.js';
export type { CommandComponentSpec, ComponentInput, ComponentOutput } from './schema/command-component-schema.js';
export { loadCommandComponentFile, parseCommandComponent, validateCommandComponent } from './command-component.js';
export { isPipelineComponent, loadComponentFile, parseComponent, validateComponent } from './component.js';
export type { ComponentSpec } from './component.js';
export { appendRowOutput, loadParallelJobFile, parallelInputName, parseParallelJob, validateParallelJob } from './parallel-job.js';
export type { ParallelJobSpec } from './schema/parallel-job-schema.js';
export { loadPipelineComponentFile, parsePipelineComponent, validatePipelineComponent } from './pipeline-component.js';
export type { PipelineComponentSpec } from './schema/pipeline-component-schema.js';
export {
  AZURE_DATASTORE_TYPES,
  AccountCredentialsSchema,
  AzureBlobDatastoreSchema,
  AzureDataLakeGen1DatastoreSchema,
  AzureDataLakeGen2DatastoreSchema,
  AzureFileDatastoreSchema,
  DATASTORE_SCHEMAS,
  DATASTORE_TYPES,
  DatastoreSchema,
  LATHE_DATASTORE_TYPES,
  LocalDatastoreSchema,
  ServicePrincipalCredentialsSchema,
} from './schema/datastore-schema.js';
export type { DatastoreSpec, DatastoreType } from './schema/datastore-schema.js';
export { loadDatastoreFile, parseDatastore, validateDatastore } from './datastore.js';
export { AmlComputeSchema, APPLIED_COMPUTE_FIELDS, COMPUTE_NAME_PATTERN, COMPUTE_TYPES } from './schema/compute-schema.js';
export type { ComputeSpec } from './schema/compute-schema.js';
export { loadComputeFile, parseCompute, validateCompute } from './compute.js';
export { AZURE_ONLY_WORKSPACE_FIELDS, WORKSPACE_NAME_PATTERN, WorkspaceSchema } from './schema/workspace-schema.js';
export type { WorkspaceSpec } from './schema/workspace-schema.js';
export { loadWorkspaceFile, parseWorkspace, validateWorkspace } from './workspace.js';
export { ASSET_KINDS, loadAssetFile, parseAsset, validateAsset } from './asset-spec.js';
export type { AssetKind, AssetSpecs } from './asset-spec.js';
export { ASSET_REF_FORMS, ASSET_TYPE_PLURALS, URL_SCHEMES, parseAssetRef, readAssetRef } from './asset-ref.js';
export type {
  AssetRef,
  AssetRefKind,
  AssetRefResult,
  AssetSelector,
  AssetTypePlural,
  BlobContentRef,
  DatastorePathRef,
  JobOutputRef,
  LocalPathRef,
  ParseAssetRefOptions,
  RegistryAssetRef,
  RunArtifactRef,
  UrlRef,
  WorkspaceAssetRef,
  WorkspaceScope,
} from './asset-ref.js';
export { checkBindings, findBindings, renderCommand } from './bindings.js';
export type { Binding, BindingProblem, BindingScope, RenderContext } from './bindings.js';
export { parseSetOverrides } from './set-overrides.js';
export { MAX_SPEC_ALIASES, MAX_SPEC_CHARS, MAX_SPEC_NODES, parseYamlData } from './yaml/source-document.js';
export type { SetOverride } from './set-overrides.js';
export { formatFinding } from './spec-report.js';
export type { SpecFinding } from './spec-report.js';
export { JSON_SCHEMAS } from './json-schemas.js';
export { RECURRENCE_FREQUENCIES, SCHEDULE_NAME_PATTERN, ScheduleSchema, TRIGGER_TYPES, TriggerSchema, WEEK_DAYS } from './schema/schedule-schema.js';
export type { ScheduleSpec, TriggerSpec } from './schema/schedule-schema.js';
export { loadScheduleFile, parseSchedule, validateSchedule } from './schedule.js';
export type { LoadedSchedule } from './schedule.js';
export { loadScheduleJob } from './schedule-job.js';
export { parseCronExpression } from './cron-expression.js';
export type { CronExpression, CronProblem } from './cron-expression.js';
export { daysInMonth, parseLocalDateTime } from './local-date-time.js';
export type { LocalDateTime } from './local-date-time.js';
export { EXAMPLE_TIME_ZONES, resolveTimeZoneName } from './time-zone-name.js';
export { WINDOWS_TIME_ZONES } from './windows-time-zones.js';
