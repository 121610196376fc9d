import { Readable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import { Type, type Static } from '@sinclair/typebox';
import { isTerminal, LatheError } from '@lathe/core';
import { LOG_TAIL_MAX_BYTES, LOG_TAIL_MAX_LINES, workspaceRoutes } from '@lathe/api';
import type { ServerContext } from '../../server-context.js';
import { requireJob, type JobParams } from '../../shared/require-job.js';
import { findLogTail } from './log-tail.js';
import { logSearchRoute } from './log-search-route.js';

const LogQuery = Type.Object(
  {
    offset: Type.Optional(Type.Integer({ minimum: 0 })),
    follow: Type.Optional(Type.Boolean()),
    tail: Type.Optional(Type.Integer({ minimum: 1, maximum: LOG_TAIL_MAX_LINES })),
    before: Type.Optional(Type.Integer({ minimum: 0 })),
  },
  { additionalProperties: false },
);
type LogQuery = Static<typeof LogQuery>;

/**
 * The job's log (`user_logs/std_log.txt`) from a byte offset. With `follow=true` the response
 * stays open and streams new text as the launcher ships it, ending when the job has ended and
 * every byte was sent. With `tail=<lines>` it is only the last lines (ending at byte `before`,
 * default the log's end), found by reading backwards, so a huge log opens at its end in the time
 * a small one does; the `lathe-log-start` and `lathe-log-end` headers give the bytes sent.
 */
export async function logRoutes(app: FastifyInstance, ctx: ServerContext): Promise<void> {
  app.get<{ Params: JobParams; Querystring: LogQuery }>(workspaceRoutes.logs, { schema: { querystring: LogQuery } }, async (request, reply) => {
    const { workspace, name } = request.params;
    await requireJob(ctx, request.params);
    const ref = { workspace, job: name };
    const { tail, before } = checkLogQuery(request.query);
    const offset = request.query.offset ?? 0;
    void reply.type('text/plain; charset=utf-8').header('cache-control', 'no-store');
    if (tail !== undefined) {
      const size = await ctx.artifacts.logSize(ref);
      const range = await findLogTail(ctx.artifacts, ref, { lines: tail, end: Math.min(before ?? size, size), maxBytes: LOG_TAIL_MAX_BYTES });
      void reply.header('lathe-log-start', String(range.start)).header('lathe-log-end', String(range.end)).header('lathe-log-size', String(size));
      return ctx.artifacts.openLog(ref, range.start, range.end);
    }
    if (!request.query.follow) return ctx.artifacts.openLog(ref, offset);
    // The response closes when the client goes; one that left before this line runs is already closed.
    const aborted = new AbortController();
    if (reply.raw.destroyed) aborted.abort();
    else reply.raw.on('close', () => aborted.abort());
    return Readable.from(followLog(ctx, ref, offset, aborted.signal));
  });
  await logSearchRoute(app, ctx);
}

/** `tail` reads backwards from the end, so it takes neither `offset` nor `follow`; `before` needs it. */
function checkLogQuery(query: LogQuery): LogQuery {
  if (query.tail !== undefined && (query.offset !== undefined || query.follow !== undefined)) {
    throw new LatheError('LATHE_BAD_REQUEST', 'tail reads the end of the log: it cannot be combined with offset or follow (follow from lathe-log-end instead)', { details: { field: 'tail' } });
  }
  if (query.before !== undefined && query.tail === undefined) {
    throw new LatheError('LATHE_BAD_REQUEST', 'before needs tail: it is where the last lines asked for end', { details: { field: 'before' } });
  }
  return query;
}

async function* followLog(ctx: ServerContext, ref: { workspace: string; job: string }, offset: number, signal: AbortSignal): AsyncGenerator<Buffer> {
  let position = offset;
  while (!signal.aborted) {
    const size = await ctx.artifacts.logSize(ref);
    if (size > position) {
      for await (const chunk of await ctx.artifacts.openLog(ref, position, size)) yield chunk as Buffer;
      position = size;
      continue;
    }
    const job = await ctx.store.getJob(ref.workspace, ref.job);
    // The launcher ships its last bytes before its final report, so a finished job's log is whole.
    if (!job || isTerminal(job.status)) {
      if ((await ctx.artifacts.logSize(ref)) <= position) return;
      continue;
    }
    await nextChange(ctx, ref, signal);
  }
}

function nextChange(ctx: ServerContext, ref: { workspace: string; job: string }, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const events = ctx.scheduler.events;
    const done = () => {
      offLog();
      offStatus();
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    };
    const offLog = events.onJobLog(ref.workspace, ref.job, done);
    const offStatus = events.onJobStatus(ref.workspace, ref.job, done);
    const timer = setTimeout(done, 1000);
    signal.addEventListener('abort', done);
  });
}
