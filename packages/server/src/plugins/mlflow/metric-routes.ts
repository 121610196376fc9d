import type { FastifyInstance } from 'fastify';
import { LatheError } from '@lathe/core';
import { metricJson } from './mlflow-json.js';
import { pageToken } from './experiment-routes.js';
import { fieldsOf, type TrackingScope } from './tracking-scope.js';

/** Points a history page may hold; the MLflow client asks for 25,000. */
const HISTORY_MAX_RESULTS = 1_000_000;
const BULK_MAX_RESULTS = 2500;

/** metrics/get-history (paged) and metrics/get-history-bulk-interval. */
export async function metricRoutes(app: FastifyInstance, scope: TrackingScope): Promise<void> {
  app.get('/metrics/get-history', async (request) => {
    const f = fieldsOf(request);
    const runId = f.stringOf('run_id', 'run_uuid');
    const key = f.string('metric_key');
    const max = f.optionalInteger('max_results') ?? HISTORY_MAX_RESULTS;
    if (max < 1 || max > HISTORY_MAX_RESULTS) {
      throw new LatheError('LATHE_BAD_REQUEST', `Invalid value ${max} for parameter 'max_results' supplied. It must be between 1 and ${HISTORY_MAX_RESULTS}.`);
    }
    const page = await scope.tracking.getMetricHistory(scope.workspaceOf(request), runId, key, { maxResults: max, ...pageToken(f) });
    return { metrics: page.items.map(metricJson), ...(page.nextPageToken ? { next_page_token: page.nextPageToken } : {}) };
  });

  app.get('/metrics/get-history-bulk-interval', async (request) => {
    const f = fieldsOf(request);
    const runIds = f.strings('run_ids');
    if (runIds.length === 0) throw new LatheError('LATHE_BAD_REQUEST', "Missing value for required parameter 'run_ids'.");
    if (runIds.length > 100) throw new LatheError('LATHE_BAD_REQUEST', `GetMetricHistoryBulkInterval request must specify at most 100 run_ids. Received ${runIds.length} run_ids.`);
    const max = f.optionalInteger('max_results') ?? BULK_MAX_RESULTS;
    if (max < 1 || max > BULK_MAX_RESULTS) {
      throw new LatheError('LATHE_BAD_REQUEST', `max_results must be between 1 and ${BULK_MAX_RESULTS}.`);
    }
    const startStep = f.optionalInteger('start_step');
    const endStep = f.optionalInteger('end_step');
    if ((startStep === undefined) !== (endStep === undefined)) {
      throw new LatheError('LATHE_BAD_REQUEST', 'If either start step or end step are specified, both must be specified.');
    }
    if (startStep !== undefined && endStep !== undefined && startStep > endStep) {
      throw new LatheError('LATHE_BAD_REQUEST', `end_step must be greater than start_step. Found start_step=${startStep} and end_step=${endStep}.`);
    }
    const points = await scope.tracking.getMetricHistoryBulk(scope.workspaceOf(request), runIds, f.string('metric_key'), {
      maxResults: max,
      ...(startStep !== undefined ? { startStep } : {}),
      ...(endStep !== undefined ? { endStep } : {}),
    });
    return { metrics: points.map((p) => ({ ...metricJson(p), run_id: p.runId })) };
  });
}
