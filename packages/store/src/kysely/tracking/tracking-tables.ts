import type { LifecycleStage, RunStatus } from '@lathe/tracking';
import type { Selectable } from 'kysely';
import type { MillisColumn, NullableMillisColumn } from '../schema.js';

/**
 * A BIGINT id or counter: written as a number, read back as a number (SQLite) or a decimal string
 * (PostgreSQL), so readers convert with `Number()`.
 */
export type BigIntColumn = MillisColumn;

/** `sequences`: counters handed out inside the writing transaction (`experiment`, `run`). */
export interface SequencesTable {
  name: string;
  value: BigIntColumn;
}

/** `experiments`: one row per MLflow experiment; ids are global, names unique per workspace. */
export interface ExperimentsTable {
  experiment_id: BigIntColumn;
  workspace: string;
  name: string;
  artifact_location: string;
  lifecycle_stage: LifecycleStage;
  creation_time: MillisColumn;
  last_update_time: MillisColumn;
}

/** `experiment_tags`, `run_params`, `run_tags`, `logged_model_*`: key/value rows of an owner. */
export interface ExperimentTagsTable {
  experiment_id: BigIntColumn;
  key: string;
  value: string;
}

/** `runs`: one row per run; `run_key` is the internal key child rows use. */
export interface RunsTable {
  run_key: BigIntColumn;
  workspace: string;
  run_uuid: string;
  experiment_id: BigIntColumn;
  name: string;
  user_id: string;
  status: RunStatus;
  start_time: MillisColumn;
  end_time: NullableMillisColumn;
  lifecycle_stage: LifecycleStage;
  deleted_time: NullableMillisColumn;
  artifact_uri: string;
  job: string | null;
}

/** `run_params` and `run_tags`. */
export interface RunKeyValueTable {
  run_key: BigIntColumn;
  key: string;
  value: string;
}

/** `metrics` (every point) and `latest_metrics` (one per run and key). */
export interface MetricsTable {
  run_key: BigIntColumn;
  key: string;
  step: BigIntColumn;
  timestamp: MillisColumn;
  value: number;
  is_nan: number;
}

/** `run_inputs`: datasets a run consumed. */
export interface RunInputsTable {
  run_key: BigIntColumn;
  name: string;
  digest: string;
  source_type: string;
  source: string;
  schema: string | null;
  profile: string | null;
  context: string | null;
  tags_json: string;
}

/** `logged_models`: MLflow 3 logged models. */
export interface LoggedModelsTable {
  model_id: string;
  workspace: string;
  experiment_id: BigIntColumn;
  name: string;
  artifact_location: string;
  creation_timestamp: MillisColumn;
  last_updated_timestamp: MillisColumn;
  status: string;
  status_message: string | null;
  lifecycle_stage: LifecycleStage;
  model_type: string | null;
  source_run_id: string | null;
}

/** `logged_model_params` and `logged_model_tags`. */
export interface LoggedModelKeyValueTable {
  model_id: string;
  key: string;
  value: string;
}

/** `run_outputs`: models a run produced, at a step. */
export interface RunOutputsTable {
  run_key: BigIntColumn;
  model_id: string;
  step: BigIntColumn;
}

/** `logged_model_metrics`: points logged with a model id; '' stands for an absent run or dataset field. */
export interface LoggedModelMetricsTable {
  model_id: string;
  key: string;
  step: BigIntColumn;
  timestamp: MillisColumn;
  value: number;
  is_nan: number;
  run_id: string;
  dataset_name: string;
  dataset_digest: string;
}

/** `run_model_inputs`: logged models a run consumed. */
export interface RunModelInputsTable {
  run_key: BigIntColumn;
  model_id: string;
}

/** The tracking tables as Kysely sees them. */
export interface TrackingTables {
  sequences: SequencesTable;
  experiments: ExperimentsTable;
  experiment_tags: ExperimentTagsTable;
  runs: RunsTable;
  run_params: RunKeyValueTable;
  run_tags: RunKeyValueTable;
  metrics: MetricsTable;
  latest_metrics: MetricsTable;
  run_inputs: RunInputsTable;
  logged_models: LoggedModelsTable;
  logged_model_params: LoggedModelKeyValueTable;
  logged_model_tags: LoggedModelKeyValueTable;
  run_outputs: RunOutputsTable;
  logged_model_metrics: LoggedModelMetricsTable;
  run_model_inputs: RunModelInputsTable;
}

/** A `runs` row as selected. */
export type RunRow = Selectable<RunsTable>;
/** An `experiments` row as selected. */
export type ExperimentRow = Selectable<ExperimentsTable>;
/** A `logged_models` row as selected. */
export type LoggedModelRow = Selectable<LoggedModelsTable>;
