import type { FastifyInstance } from 'fastify';
import type { ServerContext } from '../../server-context.js';

type SeriesParams = { workspace: string; run: string; key: string };

/**
 * `GET /runs/:run/metrics/:key`: every point of a metric as three columns (steps, timestamps,
 * values) — a `MetricSeriesResource`, the shape a chart draws. A third of the bytes of MLflow's
 * get-history objects and no paging for the client. Mounted under `/api/v1/workspaces/:workspace`.
 */
export async function metricSeriesRoutes(app: FastifyInstance, ctx: ServerContext): Promise<void> {
  app.get<{ Params: SeriesParams }>('/runs/:run/metrics/:key', async (request, reply) => {
    const { workspace, run, key } = request.params;
    const series = await ctx.tracking.getMetricSeries(workspace, run, key);
    // The store's arrays are JSON already: spliced in, not parsed and serialised again.
    const body = `{"run_id":${JSON.stringify(run)},"key":${JSON.stringify(key)},"steps":${series.steps},"timestamps":${series.timestamps},"values":${series.values}}`;
    void reply.type('application/json; charset=utf-8').header('cache-control', 'no-store');
    return body;
  });
}
