import type { FastifyInstance } from 'fastify';
import type { ServerContext } from '../../server-context.js';

type SeriesParams = { workspace: string; run: string; key: string };

/** `columns`: steps and values always; timestamps unless left out (`steps,values`). */
const COLUMNS = '^(steps,timestamps,values|steps,values)$';

/**
 * `GET /runs/:run/metrics/:key`: every point of a metric as three columns (steps, timestamps,
 * values; `?columns=steps,values` leaves timestamps out) — a `MetricSeriesResource`, the shape a
 * chart draws. A third of the bytes of MLflow's
 * get-history objects and no paging for the client. Mounted under `/api/v1/workspaces/:workspace`.
 */
export async function metricSeriesRoutes(app: FastifyInstance, ctx: ServerContext): Promise<void> {
  app.get<{ Params: SeriesParams; Querystring: { columns?: string } }>(
    '/runs/:run/metrics/:key',
    { schema: { querystring: { type: 'object', properties: { columns: { type: 'string', pattern: COLUMNS } }, additionalProperties: false } } },
    async (request, reply) => {
      const { workspace, run, key } = request.params;
      const columns = new Set((request.query.columns ?? 'steps,timestamps,values').split(','));
      const series = await ctx.tracking.getMetricSeries(workspace, run, key, { timestamps: columns.has('timestamps') });
      // The store's arrays are JSON already: spliced in, not parsed and serialised again.
      const times = series.timestamps === undefined ? '' : `,"timestamps":${series.timestamps}`;
      const body = `{"run_id":${JSON.stringify(run)},"key":${JSON.stringify(key)},"steps":${series.steps}${times},"values":${series.values}}`;
      void reply.type('application/json; charset=utf-8').header('cache-control', 'no-store');
      return body;
    },
  );
}
