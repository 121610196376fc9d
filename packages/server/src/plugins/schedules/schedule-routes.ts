import type { FastifyInstance } from 'fastify';
import { LatheError, notFound } from '@lathe/core';
import { workspaceRoutes, type PutScheduleRequest } from '@lathe/api';
import { validateSchedule } from '@lathe/spec';
import type { ServerContext } from '../../server-context.js';
import { toScheduleResource } from './to-schedule-resource.js';

type Params = { workspace: string; name: string };

/**
 * `…/schedules[/<name>]`: a workspace's schedules. PUT creates or replaces one from schedule
 * YAML as data, its `create_job` inline (201 when created), enabled and counting its next fire
 * from now; GET shows one or lists them; DELETE removes one (the jobs it created stay);
 * `POST …/enable` and `…/disable` start and stop its firing. Every change re-arms the runner.
 */
export async function scheduleRoutes(app: FastifyInstance, ctx: ServerContext): Promise<void> {
  const require = async (workspace: string, name: string) => {
    const schedule = await ctx.schedules.getSchedule(workspace, name);
    if (!schedule) throw notFound('schedule', name);
    return schedule;
  };

  app.get<{ Params: Params }>(workspaceRoutes.schedules, async (request) => {
    return { value: (await ctx.schedules.listSchedules(request.params.workspace)).map(toScheduleResource) };
  });

  app.get<{ Params: Params }>(workspaceRoutes.schedule, async (request) => toScheduleResource(await require(request.params.workspace, request.params.name)));

  app.put<{ Params: Params; Body: PutScheduleRequest }>(workspaceRoutes.schedule, async (request, reply) => {
    const { workspace, name } = request.params;
    const given = bodySpec(request.body);
    if (given.name !== undefined && given.name !== name) {
      throw new LatheError('LATHE_BAD_REQUEST', `spec.name: '${String(given.name)}' differs from the schedule named in the path, '${name}'`, { details: { field: 'spec.name' } });
    }
    const { spec, warnings } = validateSchedule({ ...given, name }, 'spec');
    const { schedule, created } = await ctx.scheduleRunner.put(workspace, spec);
    return reply.status(created ? 201 : 200).send({ ...toScheduleResource(schedule), warnings });
  });

  app.delete<{ Params: Params }>(workspaceRoutes.schedule, async (request, reply) => {
    const { workspace, name } = request.params;
    if (!(await ctx.schedules.deleteSchedule(workspace, name))) throw notFound('schedule', name);
    ctx.scheduleRunner.wake();
    return reply.status(204).send();
  });

  for (const [route, enabled] of [
    [workspaceRoutes.scheduleEnable, true],
    [workspaceRoutes.scheduleDisable, false],
  ] as const) {
    app.post<{ Params: Params }>(route, async (request) => toScheduleResource(await ctx.scheduleRunner.setEnabled(request.params.workspace, request.params.name, enabled)));
  }
}

function bodySpec(body: unknown): Record<string, unknown> {
  const spec = (body as { spec?: unknown } | null)?.spec;
  if (typeof spec !== 'object' || spec === null || Array.isArray(spec)) {
    throw new LatheError('LATHE_BAD_REQUEST', 'body: expected { "spec": { ... } }', { details: { field: 'spec' } });
  }
  return spec as Record<string, unknown>;
}
