import type { FastifyInstance } from 'fastify';
import { isTerminal, LatheError, type JobRecord } from '@lathe/core';
import { submitJob } from '@lathe/jobs';
import type { ServerContext } from '../../server-context.js';
import { armJobResource } from './arm-job-resource.js';
import { armJobToSpec, type ArmCommandJob } from './arm-job-spec.js';
import { armSweepToSpec, type ArmSweepJob } from './arm-sweep-spec.js';
import { armPipelineToSpec, type ArmPipelineJob } from './arm-pipeline-spec.js';
import { LIST_VIEW_TYPES, type ListViewType } from './arm-list-view.js';
import { armScope } from './arm-scope.js';
import { requireJob } from '../../shared/require-job.js';
import { tagFilter } from '../../shared/tag-filter.js';

const StringMap = { type: ['object', 'null'], additionalProperties: { type: 'string' } };
const Entries = { type: ['object', 'null'], additionalProperties: { type: ['object', 'null'] } };

const JobBodySchema = {
  type: 'object',
  required: ['properties'],
  properties: {
    properties: {
      type: 'object',
      required: ['jobType'],
      properties: {
        jobType: { type: 'string' },
        isArchived: { type: ['boolean', 'null'] },
        command: { type: 'string' },
        codeId: { type: ['string', 'null'] },
        environmentId: { type: ['string', 'null'] },
        computeId: { type: ['string', 'null'] },
        displayName: { type: ['string', 'null'] },
        description: { type: ['string', 'null'] },
        experimentName: { type: ['string', 'null'] },
        tags: StringMap,
        properties: StringMap,
        environmentVariables: StringMap,
        inputs: {
          ...Entries,
          additionalProperties: {
            type: ['object', 'null'],
            required: ['jobInputType'],
            properties: { jobInputType: { type: 'string' }, uri: { type: 'string' }, value: { type: 'string' }, mode: { type: 'string' } },
          },
        },
        outputs: {
          ...Entries,
          additionalProperties: {
            type: ['object', 'null'],
            required: ['jobOutputType'],
            properties: { jobOutputType: { type: 'string' }, uri: { type: ['string', 'null'] }, mode: { type: 'string' } },
          },
        },
        // A sweep's parts; their contents are checked by the sweep kind, naming each field.
        trial: { type: ['object', 'null'] },
        searchSpace: { type: ['object', 'null'] },
        samplingAlgorithm: { type: ['object', 'null'] },
        objective: { type: ['object', 'null'] },
        limits: { type: ['object', 'null'] },
        earlyTermination: { type: ['object', 'null'] },
        // A pipeline's nodes and settings; checked by the pipeline kind.
        jobs: { type: ['object', 'null'] },
        settings: { type: ['object', 'null'] },
      },
    },
  },
};

interface JobListQuery {
  listViewType?: ListViewType;
  $skip?: string;
  jobType?: string;
  tag?: string;
}

const JobListQuerySchema = {
  type: 'object',
  properties: {
    listViewType: { type: 'string', enum: LIST_VIEW_TYPES },
    $skip: { type: 'string', maxLength: 1000 },
    jobType: { type: 'string', maxLength: 100 },
    tag: { type: 'string', maxLength: 1000 },
    scheduled: { type: 'boolean' },
    scheduleId: { type: 'string' },
  },
};

// How many jobs one page of the list holds; the SDK follows `nextLink` for more.
const JOB_PAGE_SIZE = 50;

/**
 * Jobs as the Azure ML SDK submits and reads them: `PUT jobs/{name}` turns a `Command` job into a
 * Lathe job through `submitJob`, the same path `/api/v1` jobs take, so it is queued, run and
 * tracked like any other; `GET jobs/{name}` answers any job of the workspace in ARM's shape;
 * `GET jobs` lists the jobs users submitted (children are listed through run history), newest
 * first; `POST jobs/{name}/cancel` is a long-running operation whose `Location` answers 202 until
 * the job has ended. A PUT of an existing job may only archive or restore it, which is how
 * `jobs.archive` and `jobs.restore` send it.
 */
export async function armJobRoutes(app: FastifyInstance, ctx: ServerContext): Promise<void> {
  app.get<{ Querystring: JobListQuery }>('/jobs', { schema: { querystring: JobListQuerySchema } }, async (request) => {
    const scope = armScope(request);
    const view = request.query.listViewType ?? 'ActiveOnly';
    const page = await ctx.store.listJobs({
      workspace: scope.workspace,
      parent: null,
      ...(view === 'All' ? {} : { archived: view === 'ArchivedOnly' }),
      ...(request.query.tag ? { tags: tagFilter(request.query.tag) } : {}),
      limit: JOB_PAGE_SIZE,
      ...(request.query.$skip ? { pageToken: request.query.$skip } : {}),
    });
    const jobType = request.query.jobType?.toLowerCase();
    const jobs = jobType === undefined ? page.jobs : page.jobs.filter((job) => job.type === jobType);
    const value = jobs.map((job) => armJobResource(scope, job, ctx.httpPort));
    if (page.nextPageToken === undefined) return { value };
    const next = new URL(request.url, scope.baseUrl);
    next.searchParams.set('$skip', page.nextPageToken);
    return { value, nextLink: next.toString() };
  });

  app.post<{ Params: { name: string } }>('/jobs/:name/cancel', async (request, reply) => {
    const scope = armScope(request);
    const job = await ctx.scheduler.requestCancel(scope.workspace, request.params.name);
    const location = `${scope.baseUrl}${scope.workspaceId}/jobs/${encodeURIComponent(job.name)}/cancelResult`;
    return reply.status(202).header('location', location).header('retry-after', '1').send();
  });

  // The operation `Location` of a cancel: 202 while the job is still ending, then 200.
  app.get<{ Params: { name: string } }>('/jobs/:name/cancelResult', async (request, reply) => {
    const scope = armScope(request);
    const job = await requireJob(ctx, { workspace: scope.workspace, name: request.params.name });
    if (!isTerminal(job.status)) return reply.status(202).header('location', `${scope.baseUrl}${request.url}`).header('retry-after', '1').send();
    return reply.status(200).send({ status: job.status });
  });

  app.put<{ Params: { name: string }; Body: { properties: ArmCommandJob & { isArchived?: boolean | null } } }>('/jobs/:name', { schema: { body: JobBodySchema } }, async (request, reply) => {
    const scope = armScope(request);
    const existing = await ctx.store.getJob(scope.workspace, request.params.name);
    if (existing !== undefined) return reply.status(200).send(armJobResource(scope, await archiveOrRestore(ctx, existing, request.body.properties.isArchived), ctx.httpPort));
    const body = request.body.properties;
    const spec =
      body.jobType === 'Sweep'
        ? await armSweepToSpec(ctx, scope.workspace, body as ArmSweepJob)
        : body.jobType === 'Pipeline'
          ? armPipelineToSpec(body as ArmPipelineJob)
          : await armJobToSpec(ctx, scope.workspace, body);
    const job = await submitJob(ctx, scope.workspace, { spec, name: request.params.name });
    ctx.scheduler.events.emitStatus(job);
    ctx.scheduler.notify();
    return reply.status(201).send(armJobResource(scope, job, ctx.httpPort));
  });

  app.get<{ Params: { name: string } }>('/jobs/:name', async (request) => {
    const scope = armScope(request);
    return armJobResource(scope, await requireJob(ctx, { workspace: scope.workspace, name: request.params.name }), ctx.httpPort);
  });
}

// A job is never replaced: a PUT of a taken name may only change whether the job is archived.
async function archiveOrRestore(ctx: ServerContext, job: JobRecord, isArchived: boolean | null | undefined): Promise<JobRecord> {
  if (typeof isArchived !== 'boolean' || (isArchived === job.archived && !isArchived)) {
    throw new LatheError('LATHE_CONFLICT', `job '${job.name}' already exists in workspace '${job.workspace}'; a job cannot be replaced, only archived or restored (properties.isArchived)`);
  }
  return (await ctx.store.setJobArchived(job.workspace, job.name, isArchived)) ?? job;
}
