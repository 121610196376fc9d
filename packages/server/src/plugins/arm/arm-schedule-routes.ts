import type { FastifyInstance } from 'fastify';
import { notFound } from '@lathe/core';
import { SCHEDULE_NAME_PATTERN, validateSchedule } from '@lathe/spec';
import type { ServerContext } from '../../server-context.js';
import { armPage, ARM_PAGE_QUERY, type ArmPageQuery } from './arm-page.js';
import { armScheduleResource } from './arm-schedule-resource.js';
import { armScheduleToSpec, type ArmScheduleProperties } from './arm-schedule-spec.js';
import { armScope } from './arm-scope.js';

type Params = { name: string };

const LIST_VIEWS = ['EnabledOnly', 'DisabledOnly', 'All'] as const;

const ScheduleBodySchema = {
  type: 'object',
  required: ['properties'],
  properties: {
    properties: {
      type: 'object',
      required: ['trigger', 'action'],
      properties: {
        displayName: { type: ['string', 'null'] },
        description: { type: ['string', 'null'] },
        isEnabled: { type: ['boolean', 'null'] },
        tags: { type: ['object', 'null'], additionalProperties: { type: 'string' } },
        properties: { type: ['object', 'null'], additionalProperties: { type: 'string' } },
        trigger: { type: 'object', required: ['triggerType'], properties: { triggerType: { type: 'string' } } },
        action: { type: 'object', required: ['actionType'], properties: { actionType: { type: 'string' }, jobDefinition: { type: ['object', 'null'] } } },
      },
    },
  },
};

/**
 * Schedules as the Azure ML SDK manages them (`ml_client.schedules`): the same schedules as
 * `lathe schedule` and `/api/v1`, fired by the same runner. `PUT schedules/{name}` creates or
 * replaces one (the SDK's `begin_enable` and `begin_disable` PUT it back with `isEnabled`
 * changed), answering with an `Azure-AsyncOperation` that is already `Succeeded`; `GET` shows one
 * or lists them (`listViewType`: `EnabledOnly`, the SDK's default, `DisabledOnly`, `All`); `DELETE`
 * removes one, its jobs staying.
 */
export async function armScheduleRoutes(app: FastifyInstance, ctx: ServerContext): Promise<void> {
  const require = async (workspace: string, name: string) => {
    const schedule = await ctx.schedules.getSchedule(workspace, name);
    if (schedule === undefined) throw notFound('schedule', name);
    return schedule;
  };

  app.get<{ Querystring: ArmPageQuery & { listViewType?: (typeof LIST_VIEWS)[number] } }>(
    '/schedules',
    { schema: { querystring: { type: 'object', properties: { ...ARM_PAGE_QUERY, listViewType: { type: 'string', enum: LIST_VIEWS } } } } },
    async (request) => {
      const scope = armScope(request);
      const view = request.query.listViewType ?? 'EnabledOnly';
      const schedules = (await ctx.schedules.listSchedules(scope.workspace)).filter((s) => view === 'All' || s.enabled === (view === 'EnabledOnly'));
      return armPage(
        request,
        schedules.map((s) => armScheduleResource(scope, s)),
      );
    },
  );

  app.get<{ Params: Params }>('/schedules/:name', async (request) => {
    const scope = armScope(request);
    return armScheduleResource(scope, await require(scope.workspace, request.params.name));
  });

  app.put<{ Params: Params; Body: { properties: ArmScheduleProperties } }>(
    '/schedules/:name',
    { schema: { params: { type: 'object', properties: { name: { type: 'string', pattern: SCHEDULE_NAME_PATTERN } } }, body: ScheduleBodySchema } },
    async (request, reply) => {
      const scope = armScope(request);
      const { name } = request.params;
      const { spec } = validateSchedule(armScheduleToSpec(name, request.body.properties), 'properties');
      const { schedule, created } = await ctx.scheduleRunner.put(scope.workspace, spec, request.body.properties.isEnabled ?? true);
      // Done at once; the operation answers Succeeded, and the SDK then reads the schedule afresh.
      const operation = `${scope.baseUrl}${scope.workspaceId}/schedules/${encodeURIComponent(name)}/operationStatus`;
      return reply
        .status(created ? 201 : 200)
        .header('azure-asyncoperation', operation)
        .send(armScheduleResource(scope, schedule));
    },
  );

  app.get<{ Params: Params }>('/schedules/:name/operationStatus', async (request) => {
    await require(armScope(request).workspace, request.params.name);
    return { name: request.params.name, status: 'Succeeded' };
  });

  app.delete<{ Params: Params }>('/schedules/:name', async (request, reply) => {
    const { workspace } = armScope(request);
    if (!(await ctx.schedules.deleteSchedule(workspace, request.params.name))) throw notFound('schedule', request.params.name);
    ctx.scheduleRunner.wake();
    return reply.status(200).send();
  });
}
