import type { FastifyInstance } from 'fastify';
import type { JobRecord } from '@lathe/core';
import { RunQuery, type ExperimentSummaryResource, type RunPageResource, type RunRowResource } from '@lathe/api';
import { jobStatusForRun, parseRunFilter, parseRunOrderBy } from '@lathe/tracking';
import type { Run, SearchRunsQuery, ViewType } from '@lathe/store';
import type { ServerContext } from '../../server-context.js';
import { jsonDouble } from '../../shared/json-double.js';
import { listParam, statusParam } from '../query-lists.js';

type WorkspaceParams = { workspace: string };

/**
 * `GET /runs`: what Studio's job list pages through — MLflow's run search (filter and order_by
 * grammar, keyset pages) over the chosen experiments, narrowed by job type, status and plain
 * words of the run's name or id (`text`, which MLflow's grammar cannot say: it has no `or`), each row
 * with its job's fields. `GET /experiments`: experiments with run counts and last activity.
 * Mounted under `/api/v1/workspaces/:workspace`.
 */
export async function runQueryRoutes(app: FastifyInstance, ctx: ServerContext): Promise<void> {
  app.get<{ Params: WorkspaceParams; Querystring: RunQuery }>('/runs', { schema: { querystring: RunQuery } }, async (request): Promise<RunPageResource> => {
    const { workspace } = request.params;
    const q = request.query;
    const names = listParam(q.experiment);
    const experiments = await experimentsNamed(ctx, workspace, names);
    const types = listParam(q.type);
    const statuses = statusParam(q.status);
    const words = (q.text ?? '').split(/\s+/).filter(Boolean);
    const query: SearchRunsQuery = {
      experimentIds: [...experiments.keys()],
      everyExperiment: names.length === 0,
      filter: parseRunFilter(q.filter),
      orderBy: parseRunOrderBy(listParam(q.order_by, false)),
      viewType: (q.view_type ?? 'ACTIVE_ONLY') as ViewType,
      maxResults: q.max_results ?? 100,
      ...(q.page_token ? { pageToken: q.page_token } : {}),
      jobs: { ...(types.length ? { types } : {}), ...(statuses.length ? { statuses } : {}) },
      ...(words.length ? { text: words } : {}),
    };
    const [page, total] = await Promise.all([ctx.tracking.searchRuns(workspace, query), q.count ? ctx.tracking.countRuns(workspace, query) : Promise.resolve(undefined)]);
    for (const id of new Set(page.items.map((run) => run.info.experimentId))) {
      if (!experiments.has(id)) experiments.set(id, (await ctx.tracking.getExperiment(workspace, id)).name);
    }
    const jobNames = page.items.flatMap((run) => (run.info.job ? [run.info.job] : []));
    const jobs = new Map((await ctx.store.getJobs(workspace, jobNames)).map((job) => [job.name, job]));
    const now = Date.now();
    return {
      value: page.items.map((run) => toRow(run, experiments.get(run.info.experimentId) ?? '', run.info.job ? jobs.get(run.info.job) : undefined, now)),
      ...(page.nextPageToken ? { next_page_token: page.nextPageToken } : {}),
      ...(total !== undefined ? { total } : {}),
    };
  });

  app.get<{ Params: WorkspaceParams; Querystring: { view_type?: ViewType } }>(
    '/experiments',
    {
      schema: {
        querystring: {
          type: 'object',
          properties: { view_type: { enum: ['ACTIVE_ONLY', 'DELETED_ONLY', 'ALL'] } },
          additionalProperties: false,
        },
      },
    },
    async (request): Promise<{ value: ExperimentSummaryResource[] }> => {
      const summaries = await ctx.tracking.summarizeExperiments(request.params.workspace, request.query.view_type ?? 'ACTIVE_ONLY');
      return {
        value: summaries.map(({ experiment: e, runCount, lastActivity }) => ({
          experiment_id: e.experimentId,
          name: e.name,
          lifecycle_stage: e.lifecycleStage,
          creation_time: e.creationTime,
          last_activity: lastActivity,
          run_count: runCount,
          tags: Object.fromEntries(e.tags.map((t) => [t.key, t.value])),
        })),
      };
    },
  );
}

/** Experiment id → name for the named experiments that exist. */
async function experimentsNamed(ctx: ServerContext, workspace: string, names: string[]): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for (const name of names) {
    const experiment = await ctx.tracking.findExperimentByName(workspace, name);
    if (experiment) out.set(experiment.experimentId, experiment.name);
  }
  return out;
}

function toRow(run: Run, experimentName: string, job: JobRecord | undefined, now: number): RunRowResource {
  const { info, data } = run;
  return {
    run_id: info.runId,
    run_name: info.runName,
    experiment_id: info.experimentId,
    experiment_name: experimentName,
    status: job?.status ?? jobStatusForRun(info.status),
    user_id: info.userId,
    start_time: info.startTime,
    end_time: info.endTime,
    job: job
      ? {
          name: job.name,
          type: job.type,
          status: job.status,
          display_name: job.displayName,
          compute: job.compute,
          created_at: new Date(job.createdAt).toISOString(),
          duration_seconds: job.startedAt === null ? null : ((job.endedAt ?? now) - job.startedAt) / 1000,
        }
      : null,
    metrics: Object.fromEntries(data.metrics.map((m) => [m.key, jsonDouble(m.value)])) as RunRowResource['metrics'],
    params: Object.fromEntries(data.params.map((p) => [p.key, p.value])),
    tags: Object.fromEntries(data.tags.map((t) => [t.key, t.value])),
  };
}
