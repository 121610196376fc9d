import type { FastifyInstance, FastifyRequest } from 'fastify';
import { LatheError } from '@lathe/core';
import { parseLoggedModelFilter, parseLoggedModelOrderBy, validateParam, validateTag } from '@lathe/tracking';
import { loggedModelJson } from './mlflow-json.js';
import { pageToken } from './experiment-routes.js';
import type { RequestFields } from './request-fields.js';
import { fieldsOf, type TrackingScope } from './tracking-scope.js';

const STATUSES = new Set(['LOGGED_MODEL_PENDING', 'LOGGED_MODEL_READY', 'LOGGED_MODEL_UPLOAD_FAILED']);
const STATUS_NUMBERS: Record<string, string> = { '1': 'LOGGED_MODEL_PENDING', '2': 'LOGGED_MODEL_READY', '3': 'LOGGED_MODEL_UPLOAD_FAILED' };

/** An entry of logged-models/search `datasets`: a name, and optionally a digest. */
function datasetFilterOf(d: RequestFields): { datasetName: string; datasetDigest?: string } {
  const datasetName = d.optionalString('dataset_name');
  if (!datasetName) throw new LatheError('LATHE_BAD_REQUEST', '`dataset_name` in the `datasets` clause must be specified.');
  const datasetDigest = d.optionalString('dataset_digest');
  return { datasetName, ...(datasetDigest ? { datasetDigest } : {}) };
}

/** MLflow 3's logged models, which its client needs to log a model at all. */
export async function loggedModelRoutes(app: FastifyInstance, scope: TrackingScope): Promise<void> {
  const { tracking } = scope;
  const idOf = (request: FastifyRequest) => (request.params as { model_id: string }).model_id;

  app.post('/logged-models', async (request) => {
    const f = fieldsOf(request);
    const params = f.keyValues('params');
    const tags = f.keyValues('tags');
    params.forEach((entry) => validateParam(entry));
    tags.forEach((entry) => validateTag(entry));
    const model = await tracking.createLoggedModel(scope.workspaceOf(request), {
      experimentId: f.string('experiment_id'),
      name: f.optionalString('name') || `model-${Date.now().toString(36)}`,
      modelType: f.optionalString('model_type') ?? null,
      sourceRunId: f.optionalString('source_run_id') || null,
      params,
      tags,
      at: scope.now(),
    });
    return { model: loggedModelJson(model) };
  });

  app.post('/logged-models/search', async (request) => {
    const f = fieldsOf(request);
    const max = f.optionalInteger('max_results') ?? 50;
    if (max < 1 || max > 50000) throw new LatheError('LATHE_BAD_REQUEST', `Invalid value ${max} for parameter 'max_results' supplied.`);
    const page = await tracking.searchLoggedModels(scope.workspaceOf(request), {
      experimentIds: f.strings('experiment_ids'),
      filter: parseLoggedModelFilter(f.optionalString('filter')),
      datasets: f.objects('datasets').map(datasetFilterOf),
      orderBy: parseLoggedModelOrderBy(f.raw('order_by')),
      maxResults: max,
      ...pageToken(f),
    });
    return { models: page.items.map(loggedModelJson), ...(page.nextPageToken ? { next_page_token: page.nextPageToken } : {}) };
  });

  app.get('/logged-models/:model_id', async (request) => ({ model: loggedModelJson(await tracking.getLoggedModel(scope.workspaceOf(request), idOf(request))) }));

  app.patch('/logged-models/:model_id', async (request) => {
    const raw = fieldsOf(request).string('status');
    const status = STATUS_NUMBERS[raw] ?? raw.toUpperCase();
    if (!STATUSES.has(status)) throw new LatheError('LATHE_BAD_REQUEST', `Invalid value ${JSON.stringify(raw)} for parameter 'status' supplied.`);
    return { model: loggedModelJson(await tracking.finalizeLoggedModel(scope.workspaceOf(request), idOf(request), status, scope.now())) };
  });

  app.delete('/logged-models/:model_id', async (request) => {
    await tracking.deleteLoggedModel(scope.workspaceOf(request), idOf(request), scope.now());
    return {};
  });

  app.patch('/logged-models/:model_id/tags', async (request) => {
    const tags = fieldsOf(request).keyValues('tags');
    tags.forEach((entry) => validateTag(entry));
    const workspace = scope.workspaceOf(request);
    await tracking.setLoggedModelTags(workspace, idOf(request), tags, scope.now());
    return { model: loggedModelJson(await tracking.getLoggedModel(workspace, idOf(request))) };
  });

  app.delete('/logged-models/:model_id/tags/:tag_key', async (request) => {
    await tracking.deleteLoggedModelTag(scope.workspaceOf(request), idOf(request), (request.params as { tag_key: string }).tag_key);
    return {};
  });

  app.post('/logged-models/:model_id/params', async (request) => {
    const params = fieldsOf(request).keyValues('params');
    params.forEach((entry) => validateParam(entry));
    await tracking.logLoggedModelParams(scope.workspaceOf(request), idOf(request), params);
    return {};
  });
}
