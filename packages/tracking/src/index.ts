/**
 * `@lathe/tracking`: Lathe's MLflow tracking domain logic, shared by the server and the store.
 * Pure: no database, no I/O. Every refusal is a `LatheError('LATHE_BAD_REQUEST', ...)` worded as
 * MLflow words it.
 */
export {
  LIFECYCLE_STAGES,
  RUN_STATUSES,
  TERMINATED_RUN_STATUSES,
  isLifecycleStage,
  isRunStatus,
  isTerminatedRunStatus,
  lifecycleStagesForViewType,
  jobStatusForRun,
  runStatusForJob,
} from './run-status.js';
export type { LifecycleStage, RunStatus, ViewType } from './run-status.js';

export { parseRunFilter } from './search/parse-run-filter.js';
export type { RunFilterClause } from './search/parse-run-filter.js';
export { parseExperimentFilter } from './search/parse-experiment-filter.js';
export type { ExperimentFilterClause } from './search/parse-experiment-filter.js';
export { parseExperimentOrderBy, parseRunOrderBy } from './search/parse-order-by.js';
export type { ExperimentOrderKey, RunOrderKey } from './search/parse-order-by.js';
export { parseLoggedModelFilter } from './search/parse-logged-model-filter.js';
export type { LoggedModelFilterClause } from './search/parse-logged-model-filter.js';
export { parseLoggedModelOrderBy } from './search/parse-logged-model-order-by.js';
export type { LoggedModelOrderKey } from './search/parse-logged-model-order-by.js';
export { parseModelVersionFilter, parseRegisteredModelFilter } from './search/parse-registry-filter.js';
export type { RegistryFilterClause } from './search/parse-registry-filter.js';
export { parseModelVersionOrderBy, parseRegisteredModelOrderBy } from './search/parse-registry-order-by.js';
export type { RegistryOrderKey } from './search/parse-registry-order-by.js';
export { ACTIVE_MODEL_STAGES, MODEL_STAGES, canonicalStage } from './registry/model-stages.js';
export type { ModelStage } from './registry/model-stages.js';
export { MAX_ALIAS_LENGTH, MAX_REGISTRY_TAG_KEY_LENGTH, MAX_REGISTRY_TAG_VALUE_LENGTH, validateAliasName, validateModelVersionNumber, validateRegistryTag } from './registry/validate-registry.js';
export {
  DATASET_KEYS,
  EXPERIMENT_NUMERIC_ATTRIBUTES,
  EXPERIMENT_ORDER_BY_ATTRIBUTES,
  EXPERIMENT_SEARCH_ATTRIBUTES,
  LOGGED_MODEL_ENTITY_PREFIXES,
  LOGGED_MODEL_NUMERIC_ATTRIBUTES,
  LOGGED_MODEL_SEARCH_ATTRIBUTES,
  NUMERIC_COMPARATORS,
  RUN_NUMERIC_ATTRIBUTES,
  RUN_ORDER_BY_ATTRIBUTES,
  RUN_SEARCH_ATTRIBUTES,
  SET_COMPARATORS,
  STRING_COMPARATORS,
  canonicalLoggedModelAttribute,
  canonicalRunAttribute,
} from './search/search-keys.js';
export type { SearchEntityType } from './search/search-keys.js';

export {
  MAX_BATCH_LOG_REQUEST_SIZE,
  MAX_ENTITIES_PER_BATCH,
  MAX_ENTITY_KEY_LENGTH,
  MAX_EXPERIMENT_NAME_LENGTH,
  MAX_EXPERIMENT_TAG_KEY_LENGTH,
  MAX_EXPERIMENT_TAG_VAL_LENGTH,
  MAX_METRICS_PER_BATCH,
  MAX_PARAMS_TAGS_PER_BATCH,
  MAX_PARAM_VAL_LENGTH,
  MAX_RUN_NAME_LENGTH,
  MAX_TAG_VAL_LENGTH,
  MLFLOW_RUN_NAME_TAG,
  SEARCH_MAX_RESULTS_DEFAULT,
  SEARCH_MAX_RESULTS_THRESHOLD,
} from './validation/limits.js';
export { KEY_NAME_PATTERN, isValidKeyName } from './validation/validate-key-name.js';
export { parseMetricValue, validateMetric } from './validation/validate-metric.js';
export type { Metric, MetricInput } from './validation/validate-metric.js';
export { validateParam } from './validation/validate-param.js';
export type { KeyValueInput, Param, ValueLengthOptions } from './validation/validate-param.js';
export { validateExperimentTag, validateTag } from './validation/validate-tag.js';
export type { Tag } from './validation/validate-tag.js';
export { validateBatchLimits, validateBatchRequestSize, validateLogBatch, validateParamKeysUnique } from './validation/validate-batch.js';
export type { BatchSizes, LogBatch, LogBatchInput } from './validation/validate-batch.js';
export { validateExperimentName } from './validation/validate-experiment-name.js';
export { resolveRunName, validateRunName } from './validation/resolve-run-name.js';
export { validateMaxResults } from './validation/validate-max-results.js';
export type { MaxResultsOptions } from './validation/validate-max-results.js';
export { EXPERIMENT_ID_PATTERN, RUN_ID_PATTERN, validateExperimentId, validateRunId } from './validation/validate-ids.js';
