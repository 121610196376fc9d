import { Readable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import { Type, type Static } from '@sinclair/typebox';
import { LOG_SEARCH_MAX_RESULTS, workspaceRoutes, type LogSearchEndResource, type LogSearchMatchResource } from '@lathe/api';
import type { ServerContext } from '../../server-context.js';
import { requireJob, type JobParams } from '../../shared/require-job.js';
import { searchLog } from './search-log.js';

const LogSearchQuery = Type.Object(
  {
    q: Type.String({ minLength: 1, maxLength: 1000 }),
    offset: Type.Optional(Type.Integer({ minimum: 0 })),
    max_results: Type.Optional(Type.Integer({ minimum: 1, maximum: LOG_SEARCH_MAX_RESULTS })),
  },
  { additionalProperties: false },
);
type LogSearchQuery = Static<typeof LogSearchQuery>;

/**
 * `GET /jobs/{name}/logs/search?q=`: the log's lines containing `q` (case-insensitive for ASCII
 * letters), searched on the server so a client never fetches the log to search it. Streamed as
 * NDJSON, a `LogSearchMatchResource` per line as it is found, then one `LogSearchEndResource`;
 * at most `max_results` matches, with `next_offset` to go on from.
 */
export async function logSearchRoute(app: FastifyInstance, ctx: ServerContext): Promise<void> {
  app.get<{ Params: JobParams; Querystring: LogSearchQuery }>(workspaceRoutes.logSearch, { schema: { querystring: LogSearchQuery } }, async (request, reply) => {
    const { workspace, name } = request.params;
    await requireJob(ctx, request.params);
    const { q, offset = 0, max_results = LOG_SEARCH_MAX_RESULTS } = request.query;
    void reply.type('application/x-ndjson; charset=utf-8').header('cache-control', 'no-store');
    return Readable.from(ndjson(searchLog(ctx.artifacts, { workspace, job: name }, { query: q, from: offset, maxResults: max_results })));
  });
}

async function* ndjson(search: ReturnType<typeof searchLog>): AsyncGenerator<string> {
  let found = 0;
  for (;;) {
    const step = await search.next();
    if (step.done) {
      const end: LogSearchEndResource = { end: true, matches: found, next_offset: step.value.nextOffset, searched_to: step.value.searchedTo };
      yield `${JSON.stringify(end)}\n`;
      return;
    }
    found++;
    const match: LogSearchMatchResource = { offset: step.value.offset, text: step.value.text };
    yield `${JSON.stringify(match)}\n`;
  }
}
