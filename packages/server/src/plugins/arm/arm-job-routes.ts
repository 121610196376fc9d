import type { FastifyInstance } from 'fastify';
import { notFound } from '@lathe/core';
import { submitJob } from '@lathe/jobs';
import type { ServerContext } from '../../server-context.js';
import { armJobResource } from './arm-job-resource.js';
import { armJobToSpec, type ArmCommandJob } from './arm-job-spec.js';
import { armScope } from './arm-scope.js';

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
      },
    },
  },
};

/**
 * Jobs as the Azure ML SDK submits and reads them: `PUT jobs/{name}` turns a `Command` job into a
 * Lathe job through `submitJob`, the same path `/api/v1` jobs take, so it is queued, run and
 * tracked like any other; `GET jobs/{name}` answers any job of the workspace in ARM's shape.
 */
export async function armJobRoutes(app: FastifyInstance, ctx: ServerContext): Promise<void> {
  app.put<{ Params: { name: string }; Body: { properties: ArmCommandJob } }>('/jobs/:name', { schema: { body: JobBodySchema } }, async (request, reply) => {
    const scope = armScope(request);
    const spec = await armJobToSpec(ctx, scope.workspace, request.body.properties);
    const job = await submitJob(ctx, scope.workspace, { spec, name: request.params.name });
    ctx.scheduler.events.emitStatus(job);
    ctx.scheduler.notify();
    return reply.status(201).send(armJobResource(scope, job));
  });

  app.get<{ Params: { name: string } }>('/jobs/:name', async (request) => {
    const scope = armScope(request);
    const job = await ctx.store.getJob(scope.workspace, request.params.name);
    if (job === undefined) throw notFound('job', request.params.name);
    return armJobResource(scope, job);
  });
}
