import type { FastifyInstance, FastifyRequest } from 'fastify';
import { notFound, type JobRecord } from '@lathe/core';
import type { ServerContext } from '../../server-context.js';
import { armScope } from './arm-scope.js';
import { STD_LOG } from './log-file-routes.js';
import type { LogFileUrls } from './log-file-urls.js';
import { runDetailsOf, runOf } from './run-history-resource.js';
import { runOutputsOf } from './run-outputs.js';

/** Where run history is mounted, before the workspace's ARM path (the discovery's `history` base). */
export const RUN_HISTORY_PREFIX = '/history/v1.0';

const DEFAULT_TOP = 100;
const RunParams = { type: 'object', properties: { run: { type: 'string', maxLength: 255 } } };
const ChildrenQuery = {
  type: 'object',
  properties: { $top: { type: 'integer', minimum: 1, maximum: 1000 }, $continuationtoken: { type: 'string', maxLength: 1024 } },
};
const RunDataBody = {
  type: 'object',
  required: ['runId'],
  properties: {
    runId: { type: 'string', minLength: 1, maxLength: 255 },
    selectRunMetadata: { type: ['boolean', 'null'] },
    selectRunDefinition: { type: ['boolean', 'null'] },
    selectJobSpecification: { type: ['boolean', 'null'] },
  },
};

/**
 * Run history, the second service the Azure ML SDK reaches (at the discovery's `api` base) for
 * `jobs.stream`, `jobs.download`, `jobs.list(parent_job_name=)` and `jobs.show_services`: every
 * Lathe job is a run of the same name. Mounted on the ARM workspace path, so it takes the same
 * bearer check and answers the same error envelope.
 */
export async function runHistoryRoutes(app: FastifyInstance, ctx: ServerContext, logUrls: LogFileUrls): Promise<void> {
  const requireRun = async (request: FastifyRequest, name: string): Promise<JobRecord> => {
    const job = await ctx.store.getJob(armScope(request).workspace, name);
    if (job === undefined) throw notFound('run', name);
    return job;
  };

  app.get<{ Params: { run: string } }>('/runs/:run', { schema: { params: RunParams } }, async (request) => runOf(await requireRun(request, request.params.run)));

  app.get<{ Params: { run: string } }>('/runs/:run/details', { schema: { params: RunParams } }, async (request) => {
    const job = await requireRun(request, request.params.run);
    const scope = armScope(request);
    const log = await logUrls.sign(scope.baseUrl, { workspace: scope.workspace, job: job.name, file: STD_LOG });
    return runDetailsOf(job, { [STD_LOG]: log });
  });

  app.get<{ Params: { run: string }; Querystring: { $top?: number; $continuationtoken?: string } }>(
    '/runs/:run/children',
    { schema: { params: RunParams, querystring: ChildrenQuery } },
    async (request) => {
      const parent = await requireRun(request, request.params.run);
      const { $top, $continuationtoken } = request.query;
      const page = await ctx.store.listJobs({
        workspace: parent.workspace,
        parent: parent.name,
        limit: $top ?? DEFAULT_TOP,
        ...($continuationtoken !== undefined ? { pageToken: $continuationtoken } : {}),
      });
      const value = page.jobs.map(runOf);
      if (page.nextPageToken === undefined) return { value };
      const next = new URL(request.url, `${request.protocol}://${request.host}`);
      next.searchParams.set('$continuationtoken', page.nextPageToken);
      return { value, continuationToken: page.nextPageToken, nextLink: next.toString() };
    },
  );

  app.post<{ Body: { runId: string } }>('/rundata', { schema: { body: RunDataBody } }, async (request) => {
    const job = await requireRun(request, request.body.runId);
    return { runMetadata: { ...runOf(job), outputs: await runOutputsOf(ctx, job) }, runDefinition: null, jobSpecification: null };
  });

  // Lathe jobs expose no interactive services (Jupyter, SSH, TensorBoard) yet; the SDK answers None.
  app.get<{ Params: { run: string; node: string } }>(
    '/runs/:run/serviceinstances/:node',
    { schema: { params: { type: 'object', properties: { run: RunParams.properties.run, node: { type: 'integer', minimum: 0 } } } } },
    async (request) => {
      await requireRun(request, request.params.run);
      return { instances: {} };
    },
  );
}
