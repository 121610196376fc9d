/**
 * MLflow's limits (mlflow/utils/validation.py and mlflow/store/tracking/__init__.py, MLflow 3.6).
 * Lengths count Unicode code points, as Python's `len` does.
 */

/** Longest metric, param or run-tag key. */
export const MAX_ENTITY_KEY_LENGTH = 250;
/** Longest param value; longer ones are truncated (or refused, see `validateParam`). */
export const MAX_PARAM_VAL_LENGTH = 6000;
/** Longest run-tag value; longer ones are truncated (or refused, see `validateTag`). */
export const MAX_TAG_VAL_LENGTH = 8000;
/** Longest experiment name. */
export const MAX_EXPERIMENT_NAME_LENGTH = 500;
/** Longest experiment-tag key. */
export const MAX_EXPERIMENT_TAG_KEY_LENGTH = 250;
/** Longest experiment-tag value (never truncated). */
export const MAX_EXPERIMENT_TAG_VAL_LENGTH = 5000;
/**
 * Longest run name. MLflow has no explicit check; its `runs.name` column is VARCHAR(250), so a
 * longer name fails in the database there. Lathe refuses it up front.
 */
export const MAX_RUN_NAME_LENGTH = 250;

/** Most metrics in one log-batch request. */
export const MAX_METRICS_PER_BATCH = 1000;
/** Most params, and most tags, in one log-batch request. */
export const MAX_PARAMS_TAGS_PER_BATCH = 100;
/** Most metrics, params and tags together in one log-batch request. */
export const MAX_ENTITIES_PER_BATCH = 1000;
/** Largest log-batch request body, in bytes. */
export const MAX_BATCH_LOG_REQUEST_SIZE = 1_000_000;

/** runs/search and experiments/search `max_results` when the request has none. */
export const SEARCH_MAX_RESULTS_DEFAULT = 1000;
/** Largest `max_results` runs/search and experiments/search accept. */
export const SEARCH_MAX_RESULTS_THRESHOLD = 50_000;

/** The tag that holds a run's name. */
export const MLFLOW_RUN_NAME_TAG = 'mlflow.runName';
