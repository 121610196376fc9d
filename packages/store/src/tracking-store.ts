import type { JobStatus } from '@lathe/core';
import type { LifecycleStage, LoggedModelFilterClause, LoggedModelOrderKey, RunFilterClause, RunOrderKey, RunStatus } from '@lathe/tracking';

/** Which experiments or runs a search sees, by lifecycle stage (MLflow's `ViewType`). */
export type ViewType = 'ACTIVE_ONLY' | 'DELETED_ONLY' | 'ALL';

/** An MLflow experiment. Times are milliseconds since the epoch. */
export interface Experiment {
  experimentId: string;
  name: string;
  artifactLocation: string;
  lifecycleStage: LifecycleStage;
  creationTime: number;
  lastUpdateTime: number;
  tags: KeyValue[];
}

/** A param or tag. */
export interface KeyValue {
  key: string;
  value: string;
}

/** One metric point. `value` may be NaN or ±Infinity. */
export interface MetricPoint {
  key: string;
  value: number;
  timestamp: number;
  step: number;
}

/**
 * A metric point as MLflow 3 logs it: optionally for a logged model (autolog and
 * `mlflow.evaluate` do this) and measured on a dataset. A point with `modelId` is also the
 * model's (`LoggedModel.metrics`).
 */
export interface LoggedMetricPoint extends MetricPoint {
  modelId?: string;
  datasetName?: string;
  datasetDigest?: string;
}

/** A metric point of a logged model, with the run that logged it and the dataset it was measured on. */
export interface LoggedModelMetric extends MetricPoint {
  runId: string | null;
  datasetName: string | null;
  datasetDigest: string | null;
}

/** One metric of a run as parallel columns, each the text of a JSON array. */
export interface MetricSeriesJson {
  steps: string;
  /** Absent when not asked for. */
  timestamps?: string;
  values: string;
}

/** The attributes of a run (MLflow's `RunInfo`). */
export interface RunInfo {
  runId: string;
  runName: string;
  experimentId: string;
  userId: string;
  status: RunStatus;
  startTime: number | null;
  endTime: number | null;
  artifactUri: string;
  lifecycleStage: LifecycleStage;
  /** The job this run belongs to, when a Lathe job created it (the job's name equals `runId`). */
  job: string | null;
}

/** A dataset logged as a run input (MLflow's `DatasetInput`). */
export interface DatasetInput {
  dataset: {
    name: string;
    digest: string;
    sourceType: string;
    source: string;
    schema: string | null;
    profile: string | null;
  };
  tags: KeyValue[];
}

/** A run with its latest metrics, params, tags, inputs and model outputs. */
export interface Run {
  info: RunInfo;
  data: { metrics: MetricPoint[]; params: KeyValue[]; tags: KeyValue[] };
  inputs: { datasetInputs: DatasetInput[]; modelInputs: { modelId: string }[] };
  outputs: { modelOutputs: { modelId: string; step: number }[] };
}

/** Input for {@link TrackingStore.createExperiment}. */
export interface CreateExperimentInput {
  name: string;
  /** Default: `mlflow-artifacts:/<experiment_id>`. */
  artifactLocation?: string;
  tags?: KeyValue[];
  at: number;
}

/** Input for {@link TrackingStore.createRun}. */
export interface CreateRunInput {
  experimentId: string;
  /** Default: a random 32-hex-digit id. */
  runId?: string;
  runName?: string;
  userId?: string;
  startTime?: number | null;
  status?: RunStatus;
  tags?: KeyValue[];
  job?: string | null;
}

/** Fields of {@link TrackingStore.updateRun}; absent ones are left alone. */
export interface UpdateRunInput {
  status?: RunStatus;
  endTime?: number | null;
  runName?: string;
}

/** A batch of values for one run ({@link TrackingStore.logBatch}). */
export interface LogBatchInput {
  metrics?: LoggedMetricPoint[];
  params?: KeyValue[];
  tags?: KeyValue[];
}

/**
 * Conditions on the job behind a run (Lathe's addition to MLflow's search). A run that no job
 * created has no type, so `types` excludes it; its `statuses` are its run status read as the job
 * status a job's run would have (RUNNING → Running, FINISHED → Completed, …).
 */
export interface RunJobFilter {
  types?: string[];
  statuses?: JobStatus[];
}

/** Input for {@link TrackingStore.searchRuns}. */
export interface SearchRunsQuery {
  /** The experiments to search; ignored with `everyExperiment`. */
  experimentIds: string[];
  /** Search every experiment of the workspace (cheaper than naming them all). */
  everyExperiment?: boolean;
  filter: RunFilterClause[];
  orderBy: RunOrderKey[];
  viewType: ViewType;
  maxResults: number;
  pageToken?: string;
  jobs?: RunJobFilter;
  /**
   * Free-text words (Studio's filter box): each must appear, ignoring case and taken literally
   * (`%` and `_` are plain characters), in the run's name or its id — the job's name, for a job's
   * run. What MLflow's grammar cannot say, having no `or`.
   */
  text?: string[];
}

/** An experiment with how many runs it holds and when one last started or ended. */
export interface ExperimentSummary {
  experiment: Experiment;
  /** Active runs. */
  runCount: number;
  /** Milliseconds since the epoch: the latest run start or end, else the experiment's last update. */
  lastActivity: number;
}

/** Input for {@link TrackingStore.searchExperiments}. */
export interface SearchExperimentsQuery {
  /** Already parsed by `parseExperimentFilter`. */
  filter: ExperimentFilterClause[];
  orderBy: ExperimentOrderKey[];
  viewType: ViewType;
  maxResults: number;
  pageToken?: string;
}

/** A clause of an experiment filter (see `@lathe/tracking`). */
export interface ExperimentFilterClause {
  type: 'attribute' | 'tag';
  key: string;
  comparator: string;
  value: string | number | null;
}

/** An experiment sort key. */
export interface ExperimentOrderKey {
  key: string;
  ascending: boolean;
}

/** A page of something, with the token for the next one. */
export interface Page<T> {
  items: T[];
  nextPageToken?: string;
}

/** A model logged by a run (MLflow 3's `LoggedModel`). */
export interface LoggedModel {
  modelId: string;
  experimentId: string;
  name: string;
  artifactLocation: string;
  creationTimestamp: number;
  lastUpdatedTimestamp: number;
  status: string;
  statusMessage: string | null;
  lifecycleStage: LifecycleStage;
  modelType: string | null;
  sourceRunId: string | null;
  params: KeyValue[];
  tags: KeyValue[];
  /** Every point logged with this model, by key, then step and timestamp. */
  metrics: LoggedModelMetric[];
}

/** Input for {@link TrackingStore.searchLoggedModels}. */
export interface SearchLoggedModelsQuery {
  experimentIds: string[];
  /** Already parsed by `parseLoggedModelFilter`. */
  filter?: LoggedModelFilterClause[];
  /**
   * Metric filters and the models kept count only points on one of these datasets (a name, and a
   * digest when given); with no metric filter, a model must have some point on one of them.
   */
  datasets?: { datasetName: string; datasetDigest?: string }[];
  /** Already parsed by `parseLoggedModelOrderBy`; then newest first, then by model id. */
  orderBy?: LoggedModelOrderKey[];
  maxResults: number;
  pageToken?: string;
}

/** Input for {@link TrackingStore.createLoggedModel}. */
export interface CreateLoggedModelInput {
  experimentId: string;
  name: string;
  modelType?: string | null;
  sourceRunId?: string | null;
  params?: KeyValue[];
  tags?: KeyValue[];
  at: number;
}

/**
 * MLflow's tracking data for one workspace at a time: experiments, runs and what runs log.
 * Every write is durable and atomic when its promise resolves; a write that fails validation
 * writes nothing. Missing things throw `LATHE_NOT_FOUND`, taken names `LATHE_CONFLICT`, bad
 * input `LATHE_BAD_REQUEST`. All implementations pass `describeTrackingStore`.
 */
export interface TrackingStore {
  createExperiment(workspace: string, input: CreateExperimentInput): Promise<Experiment>;
  getExperiment(workspace: string, experimentId: string): Promise<Experiment>;
  /** The experiment of that name, or `undefined`. */
  findExperimentByName(workspace: string, name: string): Promise<Experiment | undefined>;
  /** The experiment of that name, created (with the default artifact location) if missing. */
  ensureExperiment(workspace: string, name: string, at: number): Promise<Experiment>;
  searchExperiments(workspace: string, query: SearchExperimentsQuery): Promise<Page<Experiment>>;
  renameExperiment(workspace: string, experimentId: string, newName: string, at: number): Promise<void>;
  /**
   * Deletes (`deleted`) or restores (`active`) an experiment and its runs' visibility. Deleting a
   * deleted experiment or restoring an active one is `LATHE_NOT_FOUND`, as in MLflow.
   */
  setExperimentLifecycle(workspace: string, experimentId: string, stage: LifecycleStage, at: number): Promise<void>;
  setExperimentTag(workspace: string, experimentId: string, tag: KeyValue, at: number): Promise<void>;
  deleteExperimentTag(workspace: string, experimentId: string, key: string, at: number): Promise<void>;

  createRun(workspace: string, input: CreateRunInput): Promise<Run>;
  getRun(workspace: string, runId: string): Promise<Run>;
  getRunInfo(workspace: string, runId: string): Promise<RunInfo>;
  updateRun(workspace: string, runId: string, input: UpdateRunInput): Promise<RunInfo>;
  setRunLifecycle(workspace: string, runId: string, stage: LifecycleStage, at: number): Promise<void>;
  /**
   * Appends metric points (an identical point is ignored; a point with a `modelId` is the
   * model's too, and an unknown or deleted model is `LATHE_NOT_FOUND`), adds params (re-logging a param
   * with another value is `LATHE_BAD_REQUEST`, as in MLflow) and sets tags, in one transaction.
   */
  logBatch(workspace: string, runId: string, batch: LogBatchInput): Promise<void>;
  /**
   * MLflow 2's record of a logged model: appends `model` to the JSON list in the run's
   * `mlflow.log-model.history` tag, reading and writing it in one transaction so that concurrent
   * appends all land.
   */
  appendLoggedModel(workspace: string, runId: string, model: unknown): Promise<void>;
  deleteRunTag(workspace: string, runId: string, key: string): Promise<void>;
  logInputs(workspace: string, runId: string, datasets: DatasetInput[], models?: { modelId: string }[]): Promise<void>;
  logOutputs(workspace: string, runId: string, models: { modelId: string; step: number }[]): Promise<void>;
  searchRuns(workspace: string, query: SearchRunsQuery): Promise<Page<Run>>;
  /** How many runs a search matches, over every page. */
  countRuns(workspace: string, query: Omit<SearchRunsQuery, 'orderBy' | 'maxResults' | 'pageToken'>): Promise<number>;
  /** The workspace's experiments of `viewType` with their run counts and last activity, by name. */
  summarizeExperiments(workspace: string, viewType: ViewType): Promise<ExperimentSummary[]>;
  /** Every point of one metric of one run, by step then timestamp, paged. */
  getMetricHistory(workspace: string, runId: string, key: string, page: { maxResults: number; pageToken?: string }): Promise<Page<MetricPoint>>;
  /**
   * Every point of one metric of one run as three JSON arrays, by step then timestamp — what a
   * chart draws, serialised by the database (the fast path for 100,000-point series). Values are
   * numbers, or the strings `NaN`, `Infinity`, `-Infinity`. `timestamps: false` leaves them out
   * (a chart over steps needs none: a third of the work and bytes).
   */
  getMetricSeries(workspace: string, runId: string, key: string, options?: { timestamps?: boolean }): Promise<MetricSeriesJson>;
  /** The metric's points of several runs with step in [startStep, endStep], at most maxResults per run. */
  getMetricHistoryBulk(workspace: string, runIds: string[], key: string, range: { startStep?: number; endStep?: number; maxResults: number }): Promise<(MetricPoint & { runId: string })[]>;

  createLoggedModel(workspace: string, input: CreateLoggedModelInput): Promise<LoggedModel>;
  getLoggedModel(workspace: string, modelId: string): Promise<LoggedModel>;
  finalizeLoggedModel(workspace: string, modelId: string, status: string, at: number): Promise<LoggedModel>;
  setLoggedModelTags(workspace: string, modelId: string, tags: KeyValue[], at: number): Promise<void>;
  deleteLoggedModelTag(workspace: string, modelId: string, key: string): Promise<void>;
  logLoggedModelParams(workspace: string, modelId: string, params: KeyValue[]): Promise<void>;
  deleteLoggedModel(workspace: string, modelId: string, at: number): Promise<void>;
  /** Active models of the workspace's `experimentIds` that match, in order, keyset-paged. */
  searchLoggedModels(workspace: string, query: SearchLoggedModelsQuery): Promise<Page<LoggedModel>>;
}
