import { LatheError } from '@lathe/core';
import type { Expression, ExpressionBuilder, Kysely, SqlBool } from 'kysely';
import type { JobPage, ListJobsQuery } from '../metadata-store.js';
import { loadJobRecords } from './load-job-records.js';
import { decodePageToken, encodePageToken, type PageCursor } from './page-token.js';
import type { Database } from './schema.js';

type JobsExpressionBuilder = ExpressionBuilder<Database, 'jobs'>;

/**
 * Runs {@link MetadataStore.listJobs}: keyset pagination over (created_at DESC, name DESC).
 * @internal
 */
export async function listJobPage(db: Kysely<Database>, query: ListJobsQuery): Promise<JobPage> {
  checkLimit(query.limit);
  const cursor = query.pageToken === undefined ? undefined : decodePageToken(query.pageToken);
  const rows = await db
    .selectFrom('jobs')
    .selectAll()
    .where((eb) => eb.and(conditions(eb, query, cursor)))
    .orderBy('created_at', 'desc')
    .orderBy('name', 'desc')
    .limit(query.limit + 1)
    .execute();
  const jobs = await loadJobRecords(db, rows.slice(0, query.limit));
  const last = jobs.at(-1);
  if (rows.length <= query.limit || last === undefined) return { jobs };
  return { jobs, nextPageToken: encodePageToken(last) };
}

function checkLimit(limit: number): void {
  if (!Number.isInteger(limit) || limit < 1 || limit > 1000) {
    throw new LatheError('LATHE_BAD_REQUEST', 'limit must be an integer from 1 to 1000', { details: { limit } });
  }
}

function conditions(eb: JobsExpressionBuilder, query: ListJobsQuery, cursor?: PageCursor): Expression<SqlBool>[] {
  const where: Expression<SqlBool>[] = [eb('jobs.workspace', '=', query.workspace)];
  if (query.statuses !== undefined && query.statuses.length > 0) where.push(eb('jobs.status', 'in', query.statuses));
  if (query.experimentName !== undefined) where.push(eb('jobs.experiment_name', '=', query.experimentName));
  if (query.parent === null) where.push(eb('jobs.parent', 'is', null));
  else if (query.parent !== undefined) where.push(eb('jobs.parent', '=', query.parent));
  if (query.schedule !== undefined) where.push(eb('jobs.schedule', '=', query.schedule));
  if (query.archived !== undefined) where.push(eb('jobs.archived', '=', query.archived ? 1 : 0));
  for (const [key, value] of Object.entries(query.tags ?? {})) where.push(hasTag(eb, key, value));
  if (cursor !== undefined) where.push(isAfter(eb, cursor));
  return where;
}

function hasTag(eb: JobsExpressionBuilder, key: string, value: string | null): Expression<SqlBool> {
  let tags = eb.selectFrom('job_tags').select('job_tags.key').whereRef('job_tags.workspace', '=', 'jobs.workspace').whereRef('job_tags.job', '=', 'jobs.name').where('job_tags.key', '=', key);
  if (value !== null) tags = tags.where('job_tags.value', '=', value);
  return eb.exists(tags);
}

function isAfter(eb: JobsExpressionBuilder, cursor: PageCursor): Expression<SqlBool> {
  return eb.or([eb('jobs.created_at', '<', cursor.createdAt), eb.and([eb('jobs.created_at', '=', cursor.createdAt), eb('jobs.name', '<', cursor.name)])]);
}
