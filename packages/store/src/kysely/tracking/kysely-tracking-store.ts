import { randomUUID } from 'node:crypto';
import { LatheError, notFound } from '@lathe/core';
import type { LifecycleStage } from '@lathe/tracking';
import { sql, type Kysely, type Transaction } from 'kysely';
import type {
  CreateExperimentInput,
  CreateLoggedModelInput,
  CreateRunInput,
  DatasetInput,
  Experiment,
  ExperimentSummary,
  KeyValue,
  LogBatchInput,
  LoggedModel,
  MetricPoint,
  MetricSeriesJson,
  Page,
  Run,
  RunInfo,
  SearchExperimentsQuery,
  SearchLoggedModelsQuery,
  SearchRunsQuery,
  TrackingStore,
  UpdateRunInput,
  ViewType,
} from '../../tracking-store.js';
import type { Database } from '../schema.js';
import { afterCursorSql, decodeCursor, encodeCursor, type SortKey } from './keyset.js';
import { writeBatch } from './log-batch.js';
import { loadRuns, toMetricPoint, toRunInfo } from './load-runs.js';
import { loadModelMetrics, writeModelMetrics } from './model-metrics.js';
import { searchLoggedModelRows } from './search-logged-models.js';
import { searchExperiments } from './search-experiments.js';
import { countRuns, searchRuns } from './search-runs.js';
import type { ExperimentRow, LoggedModelRow, RunRow } from './tracking-tables.js';

type Db = Kysely<Database> | Transaction<Database>;

type SeriesRow = { steps: string; timestamps: string | null; values: string };

/** Tells a unique-key violation from other driver errors. */
export type UniqueViolationTest = (error: unknown) => boolean;

/**
 * {@link TrackingStore} over the metadata database (SQLite or PostgreSQL). It shares the
 * {@link KyselyMetadataStore}'s connection, which owns and closes it.
 */
export class KyselyTrackingStore implements TrackingStore {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly isUniqueViolation: UniqueViolationTest,
    private readonly dialect: 'sqlite' | 'postgres',
  ) {}

  // ---- experiments ----------------------------------------------------------------------

  async createExperiment(workspace: string, input: CreateExperimentInput): Promise<Experiment> {
    try {
      const id = await this.db.transaction().execute(async (trx) => {
        if (await findExperimentRow(trx, workspace, input.name)) throw experimentExists(input.name);
        return insertExperiment(trx, workspace, input);
      });
      return this.getExperiment(workspace, id);
    } catch (error) {
      if (this.isUniqueViolation(error)) throw experimentExists(input.name, error);
      throw error;
    }
  }

  async getExperiment(workspace: string, experimentId: string): Promise<Experiment> {
    const row = await experimentRow(this.db, workspace, experimentId);
    return (await loadExperiments(this.db, [row]))[0] as Experiment;
  }

  async findExperimentByName(workspace: string, name: string): Promise<Experiment | undefined> {
    const row = await findExperimentRow(this.db, workspace, name);
    return row === undefined ? undefined : (await loadExperiments(this.db, [row]))[0];
  }

  async ensureExperiment(workspace: string, name: string, at: number): Promise<Experiment> {
    const found = await this.findExperimentByName(workspace, name);
    if (found !== undefined) return found;
    try {
      return await this.createExperiment(workspace, { name, at });
    } catch (error) {
      // Another writer created it in between.
      if (error instanceof LatheError && error.code === 'LATHE_CONFLICT') return (await this.findExperimentByName(workspace, name)) as Experiment;
      throw error;
    }
  }

  async searchExperiments(workspace: string, query: SearchExperimentsQuery): Promise<Page<Experiment>> {
    const page = await searchExperiments(this.db, workspace, query);
    return { items: await loadExperiments(this.db, page.rows), ...(page.nextPageToken ? { nextPageToken: page.nextPageToken } : {}) };
  }

  async renameExperiment(workspace: string, experimentId: string, newName: string, at: number): Promise<void> {
    try {
      await this.db.transaction().execute(async (trx) => {
        const row = await experimentRow(trx, workspace, experimentId);
        if (row.lifecycle_stage !== 'active') throw notActive('experiment', experimentId, row.lifecycle_stage);
        if (row.name === newName) return;
        if (await findExperimentRow(trx, workspace, newName)) throw experimentExists(newName);
        await trx.updateTable('experiments').set({ name: newName, last_update_time: at }).where('experiment_id', '=', Number(experimentId)).execute();
      });
    } catch (error) {
      if (this.isUniqueViolation(error)) throw experimentExists(newName, error);
      throw error;
    }
  }

  async setExperimentLifecycle(workspace: string, experimentId: string, stage: LifecycleStage, at: number): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      const row = await experimentRow(trx, workspace, experimentId);
      if (stage === 'deleted' && Number(row.experiment_id) === 0) {
        throw new LatheError('LATHE_BAD_REQUEST', 'Cannot delete the default experiment (ID 0). This is an internally reserved experiment.');
      }
      // As in MLflow, delete looks among active experiments and restore among deleted ones.
      if (row.lifecycle_stage === stage) throw experimentNotFound(experimentId);
      await trx.updateTable('experiments').set({ lifecycle_stage: stage, last_update_time: at }).where('experiment_id', '=', Number(experimentId)).execute();
      // MLflow deletes and restores the experiment's runs with it.
      await trx
        .updateTable('runs')
        .set({ lifecycle_stage: stage, deleted_time: stage === 'deleted' ? at : null })
        .where('experiment_id', '=', Number(experimentId))
        .where('lifecycle_stage', '!=', stage)
        .execute();
    });
  }

  async setExperimentTag(workspace: string, experimentId: string, tag: KeyValue, at: number): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      const row = await experimentRow(trx, workspace, experimentId);
      if (row.lifecycle_stage !== 'active') throw notActive('experiment', experimentId, row.lifecycle_stage);
      await trx
        .insertInto('experiment_tags')
        .values({ experiment_id: Number(experimentId), key: tag.key, value: tag.value })
        .onConflict((oc) => oc.columns(['experiment_id', 'key']).doUpdateSet({ value: tag.value }))
        .execute();
      await trx.updateTable('experiments').set({ last_update_time: at }).where('experiment_id', '=', Number(experimentId)).execute();
    });
  }

  async deleteExperimentTag(workspace: string, experimentId: string, key: string, at: number): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      const row = await experimentRow(trx, workspace, experimentId);
      if (row.lifecycle_stage !== 'active') throw notActive('experiment', experimentId, row.lifecycle_stage);
      const result = await trx.deleteFrom('experiment_tags').where('experiment_id', '=', Number(experimentId)).where('key', '=', key).executeTakeFirst();
      if (Number(result.numDeletedRows) === 0) throw notFound('tag', key, { experimentId });
      await trx.updateTable('experiments').set({ last_update_time: at }).where('experiment_id', '=', Number(experimentId)).execute();
    });
  }

  // ---- runs -----------------------------------------------------------------------------

  async createRun(workspace: string, input: CreateRunInput): Promise<Run> {
    const runId = input.runId ?? randomUUID().replace(/-/g, '');
    try {
      // A new run has nothing but its info and tags, so it is returned as written, not re-read.
      const { row, tags } = await this.db.transaction().execute((trx) => insertRun(trx, workspace, runId, input));
      return {
        info: toRunInfo(row),
        data: { metrics: [], params: [], tags: tags.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0)) },
        inputs: { datasetInputs: [], modelInputs: [] },
        outputs: { modelOutputs: [] },
      };
    } catch (error) {
      if (this.isUniqueViolation(error)) throw runExists(runId, error);
      throw error;
    }
  }

  async getRun(workspace: string, runId: string): Promise<Run> {
    return (await loadRuns(this.db, [await runRow(this.db, workspace, runId)]))[0] as Run;
  }

  async getRunInfo(workspace: string, runId: string): Promise<RunInfo> {
    return toRunInfo(await runRow(this.db, workspace, runId));
  }

  async updateRun(workspace: string, runId: string, input: UpdateRunInput): Promise<RunInfo> {
    return this.db.transaction().execute(async (trx) => {
      const row = await runRow(trx, workspace, runId);
      checkActiveRun(row);
      const set: Partial<{ status: RunInfo['status']; end_time: number | null; name: string }> = {};
      // A job's run follows its job: only the scheduler ends it, so no caller can make a running
      // job look finished. An MLflow client's end_run() inside the job changes nothing.
      if (row.job === null && input.status !== undefined) set.status = input.status;
      if (row.job === null && input.endTime !== undefined) set.end_time = input.endTime;
      if (input.runName !== undefined && input.runName !== '') set.name = input.runName;
      if (Object.keys(set).length > 0) await trx.updateTable('runs').set(set).where('run_key', '=', Number(row.run_key)).execute();
      if (set.name !== undefined) {
        await trx
          .insertInto('run_tags')
          .values({ run_key: Number(row.run_key), key: 'mlflow.runName', value: set.name })
          .onConflict((oc) => oc.columns(['run_key', 'key']).doUpdateSet({ value: set.name as string }))
          .execute();
      }
      return toRunInfo(await runRow(trx, workspace, runId));
    });
  }

  async setRunLifecycle(workspace: string, runId: string, stage: LifecycleStage, at: number): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      const row = await runRow(trx, workspace, runId);
      if (stage === 'active' && row.lifecycle_stage === 'active') return;
      await trx
        .updateTable('runs')
        .set({ lifecycle_stage: stage, deleted_time: stage === 'deleted' ? at : null })
        .where('run_key', '=', Number(row.run_key))
        .execute();
    });
  }

  async logBatch(workspace: string, runId: string, batch: LogBatchInput): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      const row = await runRow(trx, workspace, runId);
      checkActiveRun(row);
      await writeBatch(trx, Number(row.run_key), runId, batch);
      await writeModelMetrics(trx, workspace, runId, batch.metrics ?? []);
    });
  }

  async appendLoggedModel(workspace: string, runId: string, model: unknown): Promise<void> {
    const key = 'mlflow.log-model.history';
    await this.db.transaction().execute(async (trx) => {
      const row = await runRow(trx, workspace, runId);
      checkActiveRun(row);
      const runKey = Number(row.run_key);
      // SQLite's write transactions are exclusive already; PostgreSQL's need the run's row lock.
      if (this.dialect === 'postgres') await trx.selectFrom('runs').select('run_key').where('run_key', '=', runKey).forUpdate().execute();
      const previous = await trx.selectFrom('run_tags').select('value').where('run_key', '=', runKey).where('key', '=', key).executeTakeFirst();
      const parsed: unknown = previous ? JSON.parse(previous.value) : [];
      const history = Array.isArray(parsed) ? parsed : [parsed];
      history.push(model);
      await writeBatch(trx, runKey, runId, { tags: [{ key, value: JSON.stringify(history) }] });
    });
  }

  async deleteRunTag(workspace: string, runId: string, key: string): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      const row = await runRow(trx, workspace, runId);
      checkActiveRun(row);
      const result = await trx.deleteFrom('run_tags').where('run_key', '=', Number(row.run_key)).where('key', '=', key).executeTakeFirst();
      if (Number(result.numDeletedRows) === 0) {
        throw new LatheError('LATHE_NOT_FOUND', `No tag with name: ${key} in run with id ${runId}`, { details: { kind: 'tag', name: key } });
      }
    });
  }

  async logInputs(workspace: string, runId: string, datasets: DatasetInput[], models: { modelId: string }[] = []): Promise<void> {
    if (datasets.length === 0 && models.length === 0) return;
    await this.db.transaction().execute(async (trx) => {
      const row = await runRow(trx, workspace, runId);
      checkActiveRun(row);
      // As in MLflow, a model input is kept as named: the model need not be known here.
      if (models.length > 0) {
        await trx
          .insertInto('run_model_inputs')
          .values(models.map((m) => ({ run_key: Number(row.run_key), model_id: m.modelId })))
          .onConflict((oc) => oc.doNothing())
          .execute();
      }
      if (datasets.length === 0) return;
      const values = datasets.map(({ dataset, tags }) => ({
        run_key: Number(row.run_key),
        name: dataset.name,
        digest: dataset.digest,
        source_type: dataset.sourceType,
        source: dataset.source,
        schema: dataset.schema,
        profile: dataset.profile,
        context: tags.find((t) => t.key === 'mlflow.data.context')?.value ?? null,
        tags_json: JSON.stringify(tags),
      }));
      await trx
        .insertInto('run_inputs')
        .values(values)
        .onConflict((oc) => oc.columns(['run_key', 'name', 'digest']).doNothing())
        .execute();
    });
  }

  async logOutputs(workspace: string, runId: string, models: { modelId: string; step: number }[]): Promise<void> {
    if (models.length === 0) return;
    await this.db.transaction().execute(async (trx) => {
      const row = await runRow(trx, workspace, runId);
      checkActiveRun(row);
      await trx
        .insertInto('run_outputs')
        .values(models.map((m) => ({ run_key: Number(row.run_key), model_id: m.modelId, step: m.step })))
        .onConflict((oc) => oc.columns(['run_key', 'model_id']).doUpdateSet({ step: (eb) => eb.ref('excluded.step') }))
        .execute();
    });
  }

  async searchRuns(workspace: string, query: SearchRunsQuery): Promise<Page<Run>> {
    return searchRuns(this.db, { ...query, workspace, experimentIds: await this.ownedExperiments(workspace, query.experimentIds) });
  }

  async countRuns(workspace: string, query: Omit<SearchRunsQuery, 'orderBy' | 'maxResults' | 'pageToken'>): Promise<number> {
    return countRuns(this.db, { ...query, workspace, experimentIds: await this.ownedExperiments(workspace, query.experimentIds) });
  }

  /** Those of `ids` that are experiments of `workspace`: a search never reaches another workspace's runs. */
  private async ownedExperiments(workspace: string, ids: readonly string[]): Promise<string[]> {
    const numeric = ids.filter((id) => /^\d+$/.test(id)).map(Number);
    if (numeric.length === 0) return [];
    const owned = await this.db.selectFrom('experiments').select('experiment_id').where('workspace', '=', workspace).where('experiment_id', 'in', numeric).execute();
    return owned.map((e) => String(e.experiment_id));
  }

  async summarizeExperiments(workspace: string, viewType: ViewType): Promise<ExperimentSummary[]> {
    let query = this.db.selectFrom('experiments').selectAll().where('workspace', '=', workspace);
    if (viewType !== 'ALL') query = query.where('lifecycle_stage', '=', viewType === 'DELETED_ONLY' ? 'deleted' : 'active');
    const rows = await query.orderBy('name').execute();
    if (rows.length === 0) return [];
    // One grouped scan of the runs' (experiment_id, …) index for every experiment at once.
    const { rows: stats } = await sql<{ experiment_id: number | string; n: number | string; last: number | string | null }>`
      select experiment_id, count(*) as n, max(coalesce(end_time, start_time)) as last
      from runs where workspace = ${workspace} and lifecycle_stage = 'active' group by experiment_id`.execute(this.db);
    const byId = new Map(stats.map((s) => [String(s.experiment_id), s]));
    const experiments = await loadExperiments(this.db, rows);
    return experiments.map((experiment) => {
      const s = byId.get(experiment.experimentId);
      const last = s?.last === null || s?.last === undefined ? 0 : Number(s.last);
      return { experiment, runCount: Number(s?.n ?? 0), lastActivity: Math.max(last, experiment.lastUpdateTime) };
    });
  }

  async getMetricHistory(workspace: string, runId: string, key: string, page: { maxResults: number; pageToken?: string }): Promise<Page<MetricPoint>> {
    const row = await runRow(this.db, workspace, runId);
    const keys: SortKey[] = [
      { expr: sql.ref('step'), ascending: true, nullable: false },
      { expr: sql.ref('timestamp'), ascending: true, nullable: false },
      { expr: sql.ref('is_nan'), ascending: true, nullable: false },
    ];
    const tiebreak = sql.ref('value');
    let query = this.db.selectFrom('metrics').select(['key', 'value', 'is_nan', 'timestamp', 'step']).where('run_key', '=', Number(row.run_key)).where('key', '=', key);
    if (page.pageToken !== undefined) {
      const cursor = decodeCursor('history', page.pageToken, 4);
      query = query.where(afterCursorSql(keys, tiebreak, cursor) as never);
    }
    const rows = await query
      .orderBy('step')
      .orderBy('timestamp')
      .orderBy('is_nan')
      .orderBy('value')
      .limit(page.maxResults + 1)
      .execute();
    const more = rows.length > page.maxResults;
    const items = (more ? rows.slice(0, page.maxResults) : rows).map(toMetricPoint);
    if (!more) return { items };
    const last = rows[page.maxResults - 1] as (typeof rows)[number];
    return { items, nextPageToken: encodeCursor('history', [Number(last.step), Number(last.timestamp), Number(last.is_nan), Number(last.value)]) };
  }

  async getMetricSeries(workspace: string, runId: string, key: string, options: { timestamps?: boolean } = {}): Promise<MetricSeriesJson> {
    const row = await runRow(this.db, workspace, runId);
    const runKey = Number(row.run_key);
    const withTimes = options.timestamps !== false;
    // The database builds the arrays itself: handing 100,000 rows to JavaScript one by one costs
    // five times what aggregating them in SQL does. Both render doubles exactly (shortest
    // round-trip or 17 digits) and non-finite values as the strings MLflow's JSON uses.
    const { rows } = await (
      this.dialect === 'postgres'
        ? sql<SeriesRow>`
          select coalesce(json_agg(step order by step, timestamp, value, is_nan), '[]')::text as steps,
                 ${withTimes ? sql`coalesce(json_agg(timestamp order by step, timestamp, value, is_nan), '[]')::text` : sql`null`} as timestamps,
                 coalesce(json_agg(case when is_nan = 1 then to_json('NaN'::text) else to_json(value) end order by step, timestamp, value, is_nan), '[]')::text as "values"
          from metrics where run_key = ${runKey} and key = ${key}`
        : sql<SeriesRow>`
          select json_group_array(step) as steps, ${withTimes ? sql`json_group_array(timestamp)` : sql`null`} as timestamps,
                 json_group_array(case when is_nan = 1 then 'NaN' when value = 9e999 then 'Infinity' when value = -9e999 then '-Infinity' else value end) as "values"
          from (select step, timestamp, value, is_nan from metrics where run_key = ${runKey} and key = ${key} order by step, timestamp, value, is_nan)`
    ).execute(this.db);
    const first = rows[0];
    const series: MetricSeriesJson = { steps: first?.steps ?? '[]', values: first?.values ?? '[]' };
    if (withTimes) series.timestamps = first?.timestamps ?? '[]';
    return series;
  }

  async getMetricHistoryBulk(workspace: string, runIds: string[], key: string, range: { startStep?: number; endStep?: number; maxResults: number }): Promise<(MetricPoint & { runId: string })[]> {
    const out: (MetricPoint & { runId: string })[] = [];
    for (const runId of runIds) {
      const row = await runRow(this.db, workspace, runId);
      let query = this.db.selectFrom('metrics').select(['key', 'value', 'is_nan', 'timestamp', 'step']).where('run_key', '=', Number(row.run_key)).where('key', '=', key);
      if (range.startStep !== undefined) query = query.where('step', '>=', range.startStep);
      if (range.endStep !== undefined) query = query.where('step', '<=', range.endStep);
      const points = (await query.orderBy('step').orderBy('timestamp').execute()).map(toMetricPoint);
      for (const point of sampleEvenly(points, range.maxResults)) out.push({ ...point, runId });
    }
    return out;
  }

  // ---- logged models --------------------------------------------------------------------

  async createLoggedModel(workspace: string, input: CreateLoggedModelInput): Promise<LoggedModel> {
    const modelId = `m-${randomUUID().replace(/-/g, '')}`;
    await this.db.transaction().execute(async (trx) => {
      const experiment = await experimentRow(trx, workspace, input.experimentId);
      if (experiment.lifecycle_stage !== 'active') throw notActive('experiment', input.experimentId, experiment.lifecycle_stage);
      if (input.sourceRunId) await runRow(trx, workspace, input.sourceRunId);
      await trx
        .insertInto('logged_models')
        .values({
          model_id: modelId,
          workspace,
          experiment_id: Number(input.experimentId),
          name: input.name,
          artifact_location: `${experiment.artifact_location}/models/${modelId}/artifacts`,
          creation_timestamp: input.at,
          last_updated_timestamp: input.at,
          status: 'LOGGED_MODEL_PENDING',
          status_message: null,
          lifecycle_stage: 'active',
          model_type: input.modelType ?? null,
          source_run_id: input.sourceRunId ?? null,
        })
        .execute();
      await upsertModelKeyValues(trx, 'logged_model_params', modelId, input.params ?? []);
      await upsertModelKeyValues(trx, 'logged_model_tags', modelId, input.tags ?? []);
    });
    return this.getLoggedModel(workspace, modelId);
  }

  async getLoggedModel(workspace: string, modelId: string): Promise<LoggedModel> {
    const row = await loggedModelRow(this.db, workspace, modelId);
    return (await loadLoggedModels(this.db, [row]))[0] as LoggedModel;
  }

  async finalizeLoggedModel(workspace: string, modelId: string, status: string, at: number): Promise<LoggedModel> {
    await loggedModelRow(this.db, workspace, modelId);
    await this.db.updateTable('logged_models').set({ status, last_updated_timestamp: at }).where('model_id', '=', modelId).execute();
    return (await loadLoggedModels(this.db, [await loggedModelRow(this.db, workspace, modelId)]))[0] as LoggedModel;
  }

  async setLoggedModelTags(workspace: string, modelId: string, tags: KeyValue[], at: number): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      await loggedModelRow(trx, workspace, modelId);
      await upsertModelKeyValues(trx, 'logged_model_tags', modelId, tags);
      await trx.updateTable('logged_models').set({ last_updated_timestamp: at }).where('model_id', '=', modelId).execute();
    });
  }

  async deleteLoggedModelTag(workspace: string, modelId: string, key: string): Promise<void> {
    await loggedModelRow(this.db, workspace, modelId);
    const result = await this.db.deleteFrom('logged_model_tags').where('model_id', '=', modelId).where('key', '=', key).executeTakeFirst();
    if (Number(result.numDeletedRows) === 0) throw notFound('tag', key, { modelId });
  }

  async logLoggedModelParams(workspace: string, modelId: string, params: KeyValue[]): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      await loggedModelRow(trx, workspace, modelId);
      await upsertModelKeyValues(trx, 'logged_model_params', modelId, params);
    });
  }

  async deleteLoggedModel(workspace: string, modelId: string, at: number): Promise<void> {
    await loggedModelRow(this.db, workspace, modelId);
    await this.db.updateTable('logged_models').set({ lifecycle_stage: 'deleted', last_updated_timestamp: at }).where('model_id', '=', modelId).execute();
  }

  async searchLoggedModels(workspace: string, query: SearchLoggedModelsQuery): Promise<Page<LoggedModel>> {
    const { rows, nextPageToken } = await searchLoggedModelRows(this.db, workspace, query);
    return { items: await loadLoggedModels(this.db, rows), ...(nextPageToken ? { nextPageToken } : {}) };
  }
}

// ---- helpers ------------------------------------------------------------------------------

/** The next value of a `sequences` counter, inside the caller's transaction. @internal */
export async function nextSequence(trx: Db, name: 'experiment' | 'run'): Promise<number> {
  const row = await trx
    .updateTable('sequences')
    .set({ value: sql<number>`value + 1` })
    .where('name', '=', name)
    .returning('value')
    .executeTakeFirstOrThrow();
  return Number(row.value);
}

/** Inserts an experiment and its tags; returns its id. `id` forces one (the Default experiment, 0). @internal */
export async function insertExperiment(trx: Db, workspace: string, input: CreateExperimentInput, id?: number): Promise<string> {
  const experimentId = id ?? (await nextSequence(trx, 'experiment'));
  await trx
    .insertInto('experiments')
    .values({
      experiment_id: experimentId,
      workspace,
      name: input.name,
      artifact_location: input.artifactLocation || `mlflow-artifacts:/${experimentId}`,
      lifecycle_stage: 'active',
      creation_time: input.at,
      last_update_time: input.at,
    })
    .execute();
  const tags = dedupe(input.tags ?? []);
  if (tags.length > 0) {
    await trx
      .insertInto('experiment_tags')
      .values(tags.map((t) => ({ experiment_id: experimentId, key: t.key, value: t.value })))
      .execute();
  }
  return String(experimentId);
}

/** Inserts a run with its tags (adding `mlflow.runName` and `mlflow.user`); returns what it wrote. @internal */
export async function insertRun(trx: Db, workspace: string, runId: string, input: CreateRunInput): Promise<{ row: RunRow; tags: KeyValue[] }> {
  const experiment = await experimentRow(trx, workspace, input.experimentId);
  if (experiment.lifecycle_stage !== 'active') throw notActive('experiment', input.experimentId, experiment.lifecycle_stage);
  const existing = await trx.selectFrom('runs').select('run_key').where('workspace', '=', workspace).where('run_uuid', '=', runId).executeTakeFirst();
  if (existing !== undefined) throw runExists(runId);
  const tags = new Map((input.tags ?? []).map((t) => [t.key, t.value]));
  const runName = input.runName || tags.get('mlflow.runName') || runId;
  tags.set('mlflow.runName', runName);
  const userId = input.userId || tags.get('mlflow.user') || '';
  if (userId !== '' && !tags.has('mlflow.user')) tags.set('mlflow.user', userId);
  const runKey = await nextSequence(trx, 'run');
  const row = {
    run_key: runKey,
    workspace,
    run_uuid: runId,
    experiment_id: Number(experiment.experiment_id),
    name: runName,
    user_id: userId,
    status: input.status ?? ('RUNNING' as const),
    start_time: input.startTime ?? Date.now(),
    end_time: null,
    lifecycle_stage: 'active' as const,
    deleted_time: null,
    artifact_uri: `${experiment.artifact_location}/${runId}/artifacts`,
    job: input.job ?? null,
  };
  await trx.insertInto('runs').values(row).execute();
  const tagList = [...tags].map(([key, value]) => ({ key, value }));
  await trx
    .insertInto('run_tags')
    .values(tagList.map((t) => ({ run_key: runKey, ...t })))
    .execute();
  return { row, tags: tagList };
}

/** The experiment row; `LATHE_NOT_FOUND` in MLflow's words when missing. @internal */
export async function experimentRow(db: Db, workspace: string, experimentId: string): Promise<ExperimentRow> {
  const row = /^\d{1,15}$/.test(experimentId)
    ? await db.selectFrom('experiments').selectAll().where('experiment_id', '=', Number(experimentId)).where('workspace', '=', workspace).executeTakeFirst()
    : undefined;
  if (row === undefined) throw experimentNotFound(experimentId);
  return row;
}

function experimentNotFound(experimentId: string): LatheError {
  return new LatheError('LATHE_NOT_FOUND', `No Experiment with id=${experimentId} exists`, { details: { kind: 'experiment', name: experimentId } });
}

/** The experiment named `name` in the workspace, or `undefined`. @internal */
export function findExperimentRow(db: Db, workspace: string, name: string): Promise<ExperimentRow | undefined> {
  return db.selectFrom('experiments').selectAll().where('workspace', '=', workspace).where('name', '=', name).executeTakeFirst();
}

/** The run row; `LATHE_NOT_FOUND` in MLflow's words when missing. @internal */
export async function runRow(db: Db, workspace: string, runId: string): Promise<RunRow> {
  const row = await db.selectFrom('runs').selectAll().where('workspace', '=', workspace).where('run_uuid', '=', runId).executeTakeFirst();
  if (row === undefined) throw new LatheError('LATHE_NOT_FOUND', `Run with id=${runId} not found`, { details: { kind: 'run', name: runId } });
  return row;
}

// As in MLflow, a deleted logged model is not found, for reads and writes alike.
async function loggedModelRow(db: Db, workspace: string, modelId: string): Promise<LoggedModelRow> {
  const row = await db.selectFrom('logged_models').selectAll().where('workspace', '=', workspace).where('model_id', '=', modelId).where('lifecycle_stage', '=', 'active').executeTakeFirst();
  if (row === undefined) throw loggedModelNotFound(modelId);
  return row;
}

function loggedModelNotFound(modelId: string): LatheError {
  return new LatheError('LATHE_NOT_FOUND', `Logged model with ID '${modelId}' not found.`, { details: { kind: 'logged model', name: modelId } });
}

async function loadExperiments(db: Db, rows: ExperimentRow[]): Promise<Experiment[]> {
  if (rows.length === 0) return [];
  const ids = rows.map((r) => Number(r.experiment_id));
  const tags = await db.selectFrom('experiment_tags').selectAll().where('experiment_id', 'in', ids).orderBy('key').execute();
  return rows.map((row) => ({
    experimentId: String(row.experiment_id),
    name: row.name,
    artifactLocation: row.artifact_location,
    lifecycleStage: row.lifecycle_stage,
    creationTime: Number(row.creation_time),
    lastUpdateTime: Number(row.last_update_time),
    tags: tags.filter((t) => Number(t.experiment_id) === Number(row.experiment_id)).map((t) => ({ key: t.key, value: t.value })),
  }));
}

async function loadLoggedModels(db: Db, rows: LoggedModelRow[]): Promise<LoggedModel[]> {
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.model_id);
  const [params, tags, metrics] = await Promise.all([
    db.selectFrom('logged_model_params').selectAll().where('model_id', 'in', ids).orderBy('key').execute(),
    db.selectFrom('logged_model_tags').selectAll().where('model_id', 'in', ids).orderBy('key').execute(),
    loadModelMetrics(db, ids),
  ]);
  return rows.map((row) => ({
    modelId: row.model_id,
    experimentId: String(row.experiment_id),
    name: row.name,
    artifactLocation: row.artifact_location,
    creationTimestamp: Number(row.creation_timestamp),
    lastUpdatedTimestamp: Number(row.last_updated_timestamp),
    status: row.status,
    statusMessage: row.status_message,
    lifecycleStage: row.lifecycle_stage,
    modelType: row.model_type,
    sourceRunId: row.source_run_id,
    params: params.filter((p) => p.model_id === row.model_id).map((p) => ({ key: p.key, value: p.value })),
    tags: tags.filter((t) => t.model_id === row.model_id).map((t) => ({ key: t.key, value: t.value })),
    metrics: metrics.get(row.model_id) ?? [],
  }));
}

async function upsertModelKeyValues(trx: Db, table: 'logged_model_params' | 'logged_model_tags', modelId: string, entries: KeyValue[]): Promise<void> {
  const values = dedupe(entries).map((e) => ({ model_id: modelId, key: e.key, value: e.value }));
  if (values.length === 0) return;
  await trx
    .insertInto(table)
    .values(values)
    .onConflict((oc) => oc.columns(['model_id', 'key']).doUpdateSet({ value: (eb) => eb.ref('excluded.value') }))
    .execute();
}

function dedupe(entries: KeyValue[]): KeyValue[] {
  return [...new Map(entries.map((e) => [e.key, e.value]))].map(([key, value]) => ({ key, value }));
}

function checkActiveRun(row: RunRow): void {
  if (row.lifecycle_stage !== 'active') {
    throw new LatheError('LATHE_BAD_REQUEST', `The run ${row.run_uuid} must be in the 'active' state. Current state is ${row.lifecycle_stage}.`, {
      details: { runId: row.run_uuid, lifecycleStage: row.lifecycle_stage },
    });
  }
}

function notActive(kind: string, id: string, stage: string): LatheError {
  return new LatheError('LATHE_BAD_REQUEST', `The ${kind} ${id} must be in the 'active' state. Current state is ${stage}.`);
}

function experimentExists(name: string, cause?: unknown): LatheError {
  return new LatheError('LATHE_CONFLICT', `Experiment '${name}' already exists.`, { details: { kind: 'experiment', name }, cause });
}

function runExists(runId: string, cause?: unknown): LatheError {
  return new LatheError('LATHE_CONFLICT', `Run '${runId}' already exists.`, { details: { kind: 'run', name: runId }, cause });
}

// At most `max` points, spread evenly and always keeping the first and last.
function sampleEvenly<T>(points: T[], max: number): T[] {
  if (points.length <= max) return points;
  if (max <= 1) return points.slice(-1);
  const out: T[] = [];
  for (let i = 0; i < max; i++) out.push(points[Math.round((i * (points.length - 1)) / (max - 1))] as T);
  return out;
}
