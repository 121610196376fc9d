import type { FastifyInstance } from 'fastify';
import { notFound } from '@lathe/core';
import type { ServerContext } from '../../server-context.js';
import { LOG_FILE_ROUTE_PREFIX, type LogFileUrls } from './log-file-urls.js';

/** The one log file a Lathe job has, under the name Azure ML's common runtime gives it. */
export const STD_LOG = 'user_logs/std_log.txt';

/**
 * The log files that run details link to, fetched by the SDK without a bearer token: each URL is
 * signed ({@link LogFileUrls}), and the signature is checked before anything is looked up. The
 * answer is the log as far as it exists now, so `jobs.stream` prints a running job's log as it
 * grows.
 */
export async function logFileRoutes(app: FastifyInstance, ctx: ServerContext, urls: LogFileUrls): Promise<void> {
  app.get<{ Params: { workspace: string; job: string; '*': string }; Querystring: { se?: string; sig?: string } }>(
    `${LOG_FILE_ROUTE_PREFIX}/:workspace/:job/*`,
    { schema: { querystring: { type: 'object', properties: { se: { type: 'string', maxLength: 64 }, sig: { type: 'string', maxLength: 128 } } } } },
    async (request, reply) => {
      const { workspace, job, '*': file } = request.params;
      await urls.verify({ workspace, job, file }, request.query.se, request.query.sig);
      if (file !== STD_LOG || (await ctx.store.getJob(workspace, job)) === undefined) throw notFound('log file', `${job}/${file}`);
      void reply.type('text/plain; charset=utf-8').header('cache-control', 'no-store');
      return ctx.artifacts.openLog({ workspace, job }, 0);
    },
  );
}
