import type { FastifyInstance } from 'fastify';
import type { LiveEventResource } from '@lathe/api';
import type { ServerContext } from '../../server-context.js';

/** A run's metric writes within this window reach a listener as one event. */
const METRICS_COALESCE_MS = 250;
/** A comment line this often keeps proxies from closing an idle stream. */
const HEARTBEAT_MS = 15_000;

/**
 * `GET /events`: the workspace's live events as server-sent events — `job` when a job's status
 * changes, `metrics` when a run logs points (coalesced per run) — for Studio's live views. The
 * stream stays open until the client goes away. Mounted under `/api/v1/workspaces/:workspace`.
 */
export async function liveEventRoutes(app: FastifyInstance, ctx: ServerContext): Promise<void> {
  // Open streams never go idle, so closing the server ends them first or it would wait forever.
  const open = new Set<() => void>();
  app.addHook('preClose', async () => {
    for (const end of open) end();
  });
  app.get<{ Params: { workspace: string } }>('/events', async (request, reply) => {
    const { workspace } = request.params;
    const raw = reply.raw;
    reply.hijack();
    raw.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-store',
      connection: 'keep-alive',
      'x-accel-buffering': 'no',
    });
    raw.write(': connected\n\n');
    const send = (event: LiveEventResource) => raw.write(`event: ${event.type}\ndata: ${JSON.stringify(event)}\n\n`);

    const pending = new Map<string, Set<string>>();
    let flushTimer: NodeJS.Timeout | undefined;
    const flush = () => {
      flushTimer = undefined;
      for (const [runId, keys] of pending) send({ type: 'metrics', run_id: runId, keys: [...keys] });
      pending.clear();
    };
    const offMetrics = ctx.scheduler.events.onMetrics((ws, runId, keys) => {
      if (ws !== workspace) return;
      const set = pending.get(runId) ?? new Set<string>();
      for (const key of keys) set.add(key);
      pending.set(runId, set);
      flushTimer ??= setTimeout(flush, METRICS_COALESCE_MS);
    });
    const offStatus = ctx.scheduler.events.onStatus((job) => {
      if (job.workspace !== workspace) return;
      const last = job.history[job.history.length - 1];
      send({
        type: 'job',
        job: job.name,
        run_id: job.name,
        status: job.status,
        experiment_name: job.experimentName,
        time: new Date(last?.time ?? Date.now()).toISOString(),
      });
    });
    const heartbeat = setInterval(() => raw.write(': ping\n\n'), HEARTBEAT_MS);
    const end = () => raw.end();
    open.add(end);
    const stop = () => {
      open.delete(end);
      offMetrics();
      offStatus();
      clearInterval(heartbeat);
      if (flushTimer) clearTimeout(flushTimer);
    };
    // A client that left before the handler ran has already closed: 'close' will not come again.
    if (raw.destroyed || request.raw.destroyed) stop();
    else raw.on('close', stop);
  });
}
