import type { FastifyInstance, FastifyRequest } from 'fastify';
import { LatheError } from '@lathe/core';
import {
  isRunStatus,
  parseRunFilter,
  parseRunOrderBy,
  resolveRunName,
  validateBatchLimits,
  validateBatchRequestSize,
  validateMetric,
  validateParam,
  validateParamKeysUnique,
  validateTag,
} from '@lathe/tracking';
import type { DatasetInput, LoggedMetricPoint } from '@lathe/store';
import { maxResults, pageToken, viewType } from './experiment-routes.js';
import { runInfoJson, runJson } from './mlflow-json.js';
import type { RequestFields } from './request-fields.js';
import { fieldsOf, type TrackingScope } from './tracking-scope.js';

const RUNS_MAX_RESULTS = 50000;

/** runs/*: create, get, update, delete, restore, search, and everything a run logs. */
export async function runRoutes(app: FastifyInstance, scope: TrackingScope): Promise<void> {
  const { tracking } = scope;
  const ws = (request: FastifyRequest) => scope.workspaceOf(request);

  app.post('/runs/create', async (request) => {
    const f = fieldsOf(request);
    const tags = f.keyValues('tags').map((entry) => validateTag(entry));
    const runName = resolveRunName(f.optionalString('run_name'), tags);
    const workspace = ws(request);
    const experimentId = f.optionalString('experiment_id') || (await defaultExperimentId(scope, workspace));
    const userId = f.optionalString('user_id');
    const run = await tracking.createRun(workspace, {
      experimentId,
      ...(runName ? { runName } : {}),
      ...(userId ? { userId } : {}),
      startTime: f.optionalInteger('start_time') ?? scope.now(),
      tags,
    });
    return { run: runJson(run) };
  });

  app.get('/runs/get', async (request) => {
    const f = fieldsOf(request);
    return { run: runJson(await tracking.getRun(ws(request), f.stringOf('run_id', 'run_uuid'))) };
  });

  app.post('/runs/update', async (request) => {
    const f = fieldsOf(request);
    const status = f.optionalString('status');
    if (status !== undefined && !isRunStatus(status)) {
      throw new LatheError('LATHE_BAD_REQUEST', `Invalid value ${JSON.stringify(status)} for parameter 'status' supplied: expected RUNNING, SCHEDULED, FINISHED, FAILED or KILLED.`);
    }
    const endTime = f.optionalInteger('end_time');
    const runName = f.optionalString('run_name');
    const info = await tracking.updateRun(ws(request), f.stringOf('run_id', 'run_uuid'), {
      ...(status !== undefined ? { status } : {}),
      ...(endTime !== undefined ? { endTime } : {}),
      ...(runName ? { runName } : {}),
    });
    return { run_info: runInfoJson(info) };
  });

  app.post('/runs/delete', async (request) => {
    await tracking.setRunLifecycle(ws(request), fieldsOf(request).string('run_id'), 'deleted', scope.now());
    return {};
  });

  app.post('/runs/restore', async (request) => {
    await tracking.setRunLifecycle(ws(request), fieldsOf(request).string('run_id'), 'active', scope.now());
    return {};
  });

  app.post('/runs/search', async (request) => {
    const f = fieldsOf(request);
    const page = await tracking.searchRuns(ws(request), {
      experimentIds: f.strings('experiment_ids'),
      filter: parseRunFilter(f.optionalString('filter')),
      orderBy: parseRunOrderBy(f.strings('order_by')),
      viewType: viewType(f, 'run_view_type'),
      maxResults: maxResults(f, 1000, RUNS_MAX_RESULTS),
      ...pageToken(f),
    });
    return { runs: page.items.map(runJson), ...(page.nextPageToken ? { next_page_token: page.nextPageToken } : {}) };
  });

  app.post('/runs/log-metric', async (request) => {
    const f = fieldsOf(request);
    const metric = { ...validateMetric(metricOf(f, scope.now())), ...modelFieldsOf(f) };
    const runId = f.stringOf('run_id', 'run_uuid');
    await tracking.logBatch(ws(request), runId, { metrics: [metric] });
    scope.ctx.scheduler.events.emitMetrics(ws(request), runId, [metric.key]);
    return {};
  });

  app.post('/runs/log-parameter', async (request) => {
    const f = fieldsOf(request);
    const param = validateParam({ key: f.string('key'), value: f.optionalString('value') ?? '' });
    await tracking.logBatch(ws(request), f.stringOf('run_id', 'run_uuid'), { params: [param] });
    return {};
  });

  app.post('/runs/set-tag', async (request) => {
    const f = fieldsOf(request);
    const tag = validateTag({ key: f.string('key'), value: f.optionalString('value') ?? '' });
    await tracking.logBatch(ws(request), f.stringOf('run_id', 'run_uuid'), { tags: [tag] });
    return {};
  });

  app.post('/runs/delete-tag', async (request) => {
    const f = fieldsOf(request);
    await tracking.deleteRunTag(ws(request), f.string('run_id'), f.string('key'));
    return {};
  });

  app.post('/runs/log-batch', async (request) => {
    // MLflow's limit on the body, as its client splits batches by it.
    const length = Number(request.headers['content-length']);
    if (Number.isFinite(length)) validateBatchRequestSize(length);
    const f = fieldsOf(request);
    const runId = f.string('run_id');
    const now = scope.now();
    const metricFields = f.objects('metrics');
    const params = f.keyValues('params');
    const tags = f.keyValues('tags');
    validateBatchLimits({ metrics: metricFields.length, params: params.length, tags: tags.length });
    const metrics = metricFields.map((m, i) => ({ ...validateMetric(metricOf(m, now), `metrics[${i}]`), ...modelFieldsOf(m) }));
    const checkedParams = params.map((entry, i) => validateParam(entry, `params[${i}]`));
    validateParamKeysUnique(checkedParams);
    const checkedTags = tags.map((entry, i) => validateTag(entry, `tags[${i}]`));
    await tracking.logBatch(ws(request), runId, { metrics, params: checkedParams, tags: checkedTags });
    scope.ctx.scheduler.events.emitMetrics(ws(request), runId, [...new Set(metrics.map((m) => m.key))]);
    return {};
  });

  app.post('/runs/log-inputs', async (request) => {
    const f = fieldsOf(request);
    const datasets: DatasetInput[] = f.objects('datasets').map((input) => {
      const d = input.object('dataset');
      if (d === undefined) throw new LatheError('LATHE_BAD_REQUEST', "Missing value for required parameter 'dataset'.");
      return {
        dataset: {
          name: d.string('name'),
          digest: d.string('digest'),
          sourceType: d.string('source_type'),
          source: d.string('source'),
          schema: d.optionalString('schema') ?? null,
          profile: d.optionalString('profile') ?? null,
        },
        tags: input.keyValues('tags'),
      };
    });
    const models = f.objects('models').map((m) => ({ modelId: m.string('model_id') }));
    await tracking.logInputs(ws(request), f.string('run_id'), datasets, models);
    return {};
  });

  app.post('/runs/outputs', async (request) => {
    const f = fieldsOf(request);
    const models = f.objects('models').map((m) => ({ modelId: m.string('model_id'), step: m.optionalInteger('step') ?? 0 }));
    await tracking.logOutputs(ws(request), f.string('run_id'), models);
    return {};
  });

  // MLflow 2's record of a logged model: appended to the run's `mlflow.log-model.history` tag.
  app.post('/runs/log-model', async (request) => {
    const f = fieldsOf(request);
    const runId = f.string('run_id');
    const modelJson = f.string('model_json');
    let model: unknown;
    try {
      model = JSON.parse(modelJson);
    } catch {
      throw new LatheError('LATHE_BAD_REQUEST', "Invalid value for parameter 'model_json': not JSON");
    }
    await tracking.appendLoggedModel(ws(request), runId, model);
    return {};
  });
}

function metricOf(f: RequestFields, now: number): LoggedMetricPoint {
  return { key: f.string('key'), value: f.double('value'), timestamp: f.optionalInteger('timestamp') ?? now, step: f.optionalInteger('step') ?? 0 };
}

/** MLflow 3's optional fields of a metric: the logged model it is for and the dataset it was measured on. */
function modelFieldsOf(f: RequestFields): Pick<LoggedMetricPoint, 'modelId' | 'datasetName' | 'datasetDigest'> {
  const modelId = f.optionalString('model_id');
  const datasetName = f.optionalString('dataset_name');
  const datasetDigest = f.optionalString('dataset_digest');
  return { ...(modelId ? { modelId } : {}), ...(datasetName ? { datasetName } : {}), ...(datasetDigest ? { datasetDigest } : {}) };
}

async function defaultExperimentId(scope: TrackingScope, workspace: string): Promise<string> {
  return (await scope.tracking.ensureExperiment(workspace, 'Default', scope.now())).experimentId;
}
