import type { FastifyInstance } from 'fastify';
import { Type } from '@sinclair/typebox';
import { LatheError, notFound } from '@lathe/core';
import { CreateJobRequest, ListJobsQuery, workspaceRoutes, type SweepResource } from '@lathe/api';
import { isSweepJob } from '@lathe/spec';
import type { ServerContext } from '../../server-context.js';
import { statusParam } from '../query-lists.js';
import { describeSweep, submitJob, trackingTrialMetrics } from '@lathe/jobs';
import { requireJob, type JobParams } from '../../shared/require-job.js';
import { tagFilter } from '../../shared/tag-filter.js';
import { toJobResource } from './to-job-resource.js';

type WorkspaceParams = { workspace: string };

/** Jobs: create, get, list (a job's children too), a sweep's trials, cancel. Mounted under `/api/v1/workspaces/:workspace`. */
export async function jobRoutes(app: FastifyInstance, ctx: ServerContext): Promise<void> {
  app.post<{ Params: WorkspaceParams; Body: CreateJobRequest }>(workspaceRoutes.jobs, { schema: { body: CreateJobRequest } }, async (request, reply) => {
    const { spec, name, client_warnings: clientWarnings } = request.body;
    const job = await submitJob(ctx, request.params.workspace, { spec, name, clientWarnings });
    ctx.scheduler.events.emitStatus(job);
    ctx.scheduler.notify();
    void reply.status(201);
    return toJobResource(job);
  });

  app.get<{ Params: WorkspaceParams; Querystring: ListJobsQuery }>(workspaceRoutes.jobs, { schema: { querystring: ListJobsQuery } }, async (request) => {
    const q = request.query;
    const page = await ctx.store.listJobs({
      workspace: request.params.workspace,
      statuses: statusParam(q.status),
      ...(q.experiment_name ? { experimentName: q.experiment_name } : {}),
      ...(q.parent ? { parent: q.parent } : q.top_level ? { parent: null } : {}),
      ...(q.schedule ? { schedule: q.schedule } : {}),
      tags: tagFilter(q.tag),
      ...(q.view === 'all' ? {} : { archived: q.view === 'archived' }),
      limit: q.max_results ?? 50,
      ...(q.page_token ? { pageToken: q.page_token } : {}),
    });
    const now = Date.now();
    return { value: page.jobs.map((j) => toJobResource(j, now)), ...(page.nextPageToken ? { next_page_token: page.nextPageToken } : {}) };
  });

  app.get<{ Params: JobParams }>(workspaceRoutes.job, async (request) => {
    const job = await requireJob(ctx, request.params);
    return toJobResource(job, Date.now(), await ctx.registry.lineageOfJob(request.params.workspace, job.name));
  });

  app.get<{ Params: JobParams; Querystring: { max_results?: number; page_token?: string } }>(workspaceRoutes.jobChildren, { schema: { querystring: ChildrenQuery } }, async (request) => {
    const parent = await requireJob(ctx, request.params);
    const page = await ctx.store.listJobs({
      workspace: request.params.workspace,
      parent: parent.name,
      limit: request.query.max_results ?? 50,
      ...(request.query.page_token ? { pageToken: request.query.page_token } : {}),
    });
    const now = Date.now();
    return { value: page.jobs.map((j) => toJobResource(j, now)), ...(page.nextPageToken ? { next_page_token: page.nextPageToken } : {}) };
  });

  app.get<{ Params: JobParams }>(workspaceRoutes.sweep, async (request): Promise<SweepResource> => {
    const job = await requireJob(ctx, request.params);
    if (!isSweepJob(job.spec)) {
      throw new LatheError('LATHE_BAD_REQUEST', `job '${job.name}' is a ${job.type} job, not a sweep`, { details: { name: job.name, type: job.type } });
    }
    return describeSweep({ ...job, spec: job.spec }, await ctx.scheduler.childrenOf(job), trackingTrialMetrics(ctx.tracking));
  });

  app.post<{ Params: JobParams }>(workspaceRoutes.cancel, async (request) => {
    return toJobResource(await ctx.scheduler.requestCancel(request.params.workspace, request.params.name));
  });

  for (const [route, archived] of [
    [workspaceRoutes.archive, true],
    [workspaceRoutes.restore, false],
  ] as const) {
    app.post<{ Params: JobParams }>(route, async (request) => {
      const job = await ctx.store.setJobArchived(request.params.workspace, request.params.name, archived);
      if (job === undefined) throw notFound('job', request.params.name);
      return toJobResource(job);
    });
  }
}

const ChildrenQuery = Type.Object({ max_results: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000, default: 50 })), page_token: Type.Optional(Type.String()) }, { additionalProperties: false });
