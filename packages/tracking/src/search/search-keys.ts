/**
 * The names MLflow's search grammar knows (mlflow/utils/search_utils.py, MLflow 3.6): entity
 * prefixes and their aliases, searchable and orderable attributes, and the comparators each kind
 * of field accepts.
 */

/** What a filter clause or sort key refers to. */
export type SearchEntityType = 'metric' | 'param' | 'tag' | 'attribute' | 'dataset';

/** Entity prefixes of runs/search and the type each means (MLflow compares them case-sensitively). */
export const RUN_ENTITY_PREFIXES: Readonly<Record<string, SearchEntityType>> = {
  metric: 'metric',
  metrics: 'metric',
  parameter: 'param',
  parameters: 'param',
  param: 'param',
  params: 'param',
  tag: 'tag',
  tags: 'tag',
  attribute: 'attribute',
  attributes: 'attribute',
  attr: 'attribute',
  run: 'attribute',
  dataset: 'dataset',
  datasets: 'dataset',
};

/**
 * Entity prefixes of experiments/search. MLflow's code accepts `attribute`, `tag` and `tags`; its
 * documentation writes `attributes.name`, so that is accepted too.
 */
export const EXPERIMENT_ENTITY_PREFIXES: Readonly<Record<string, 'attribute' | 'tag'>> = {
  attribute: 'attribute',
  attributes: 'attribute',
  tag: 'tag',
  tags: 'tag',
};

/** Numeric run attributes, with MLflow's aliases for start_time. */
export const RUN_NUMERIC_ATTRIBUTES: readonly string[] = ['start_time', 'end_time', 'created', 'Created'];

/** Run attributes a filter may name (RunInfo's searchable attributes plus MLflow's aliases). */
export const RUN_SEARCH_ATTRIBUTES: readonly string[] = ['run_id', 'run_name', 'status', 'user_id', 'artifact_uri', 'start_time', 'end_time', 'created', 'Created', 'run name', 'Run name', 'Run Name'];

/** Run attributes an order_by may name (the `run name` aliases are not among them, as in MLflow). */
export const RUN_ORDER_BY_ATTRIBUTES: readonly string[] = ['run_id', 'run_name', 'status', 'user_id', 'artifact_uri', 'start_time', 'end_time', 'created', 'Created'];

/** Keys of `datasets.<key>`. */
export const DATASET_KEYS: readonly string[] = ['name', 'digest', 'context'];

/** Experiment attributes a filter may name. */
export const EXPERIMENT_SEARCH_ATTRIBUTES: readonly string[] = ['name', 'creation_time', 'last_update_time'];

/** Numeric experiment attributes. */
export const EXPERIMENT_NUMERIC_ATTRIBUTES: readonly string[] = ['creation_time', 'last_update_time'];

/** Experiment attributes an order_by may name. */
export const EXPERIMENT_ORDER_BY_ATTRIBUTES: readonly string[] = ['name', 'experiment_id', 'creation_time', 'last_update_time'];

/** Comparators for metrics and numeric attributes. */
export const NUMERIC_COMPARATORS: readonly string[] = ['=', '!=', '>', '>=', '<', '<='];
/** Comparators for params and tags. */
export const STRING_COMPARATORS: readonly string[] = ['=', '!=', 'LIKE', 'ILIKE'];
/** Comparators for string run attributes and dataset fields: strings, plus IN lists. */
export const SET_COMPARATORS: readonly string[] = ['=', '!=', 'LIKE', 'ILIKE', 'IN', 'NOT IN'];

/**
 * The canonical name of a run attribute: MLflow's `translate_key_alias`
 * (`created`/`Created` → `start_time`, `run name`/`Run name`/`Run Name` → `run_name`).
 */
export function canonicalRunAttribute(key: string): string {
  if (key === 'created' || key === 'Created') return 'start_time';
  if (key === 'run name' || key === 'Run name' || key === 'Run Name') return 'run_name';
  return key;
}

/** Entity prefixes of logged-models/search (MLflow 3 accepts exactly these four). */
export const LOGGED_MODEL_ENTITY_PREFIXES: Readonly<Record<string, 'attribute' | 'metric' | 'param' | 'tag'>> = {
  attributes: 'attribute',
  metrics: 'metric',
  params: 'param',
  tags: 'tag',
};

/** Numeric logged-model attributes (canonical names). */
export const LOGGED_MODEL_NUMERIC_ATTRIBUTES: readonly string[] = ['creation_timestamp', 'last_updated_timestamp'];

/** Logged-model attributes a filter or order_by may name (canonical names). */
export const LOGGED_MODEL_SEARCH_ATTRIBUTES: readonly string[] = ['name', 'model_id', 'model_type', 'status', 'source_run_id', ...LOGGED_MODEL_NUMERIC_ATTRIBUTES];

/** The canonical name of a logged-model attribute: MLflow's aliases `creation_time` and `last_updated_time`. */
export function canonicalLoggedModelAttribute(key: string): string {
  if (key === 'creation_time') return 'creation_timestamp';
  if (key === 'last_updated_time') return 'last_updated_timestamp';
  return key;
}
