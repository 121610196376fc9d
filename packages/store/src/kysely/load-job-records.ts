import type { JobRecord, JobStatusEvent } from '@lathe/core';
import type { ExpressionBuilder, Kysely } from 'kysely';
import type { Database, JobRow } from './schema.js';
import { toJobRecord, toMillis } from './to-job-record.js';

type JobKey = `${string}\u0000${string}`;

function jobKey(workspace: string, name: string): JobKey {
  return `${workspace}\u0000${name}`;
}

/**
 * Completes `rows` into {@link JobRecord}s, in the same order, loading the tags and the history
 * of all of them with one query each.
 * @internal
 */
export async function loadJobRecords(db: Kysely<Database>, rows: readonly JobRow[]): Promise<JobRecord[]> {
  if (rows.length === 0) return [];
  const tags = await loadTags(db, rows);
  const history = await loadHistory(db, rows);
  return rows.map((row) => {
    const key = jobKey(row.workspace, row.name);
    return toJobRecord(row, tags.get(key) ?? {}, history.get(key) ?? []);
  });
}

async function loadTags(db: Kysely<Database>, rows: readonly JobRow[]): Promise<Map<JobKey, Record<string, string>>> {
  const tagRows = await db
    .selectFrom('job_tags')
    .select(['workspace', 'job', 'key', 'value'])
    .where((eb) => belongsToJobs(eb, rows))
    .orderBy('key')
    .execute();
  const byJob = new Map<JobKey, Record<string, string>>();
  for (const tag of tagRows) {
    const key = jobKey(tag.workspace, tag.job);
    const tags = byJob.get(key) ?? {};
    tags[tag.key] = tag.value;
    byJob.set(key, tags);
  }
  return byJob;
}

async function loadHistory(db: Kysely<Database>, rows: readonly JobRow[]): Promise<Map<JobKey, JobStatusEvent[]>> {
  const eventRows = await db
    .selectFrom('job_events')
    .select(['workspace', 'job', 'status', 'time', 'reason'])
    .where((eb) => belongsToJobs(eb, rows))
    .orderBy('seq')
    .execute();
  const byJob = new Map<JobKey, JobStatusEvent[]>();
  for (const row of eventRows) {
    const key = jobKey(row.workspace, row.job);
    const event: JobStatusEvent = { status: row.status, time: toMillis(row.time) };
    if (row.reason !== null) event.reason = row.reason;
    const events = byJob.get(key) ?? [];
    events.push(event);
    byJob.set(key, events);
  }
  return byJob;
}

// SQLite cannot compare a row value with a list of row values, so `(workspace, job) IN (...)`
// is spelled as one `workspace = ? AND job IN (...)` per workspace.
function belongsToJobs(eb: ExpressionBuilder<Database, 'job_tags' | 'job_events'>, rows: readonly JobRow[]) {
  const namesByWorkspace = new Map<string, string[]>();
  for (const row of rows) {
    const names = namesByWorkspace.get(row.workspace) ?? [];
    names.push(row.name);
    namesByWorkspace.set(row.workspace, names);
  }
  return eb.or([...namesByWorkspace].map(([workspace, names]) => eb.and([eb('workspace', '=', workspace), eb('job', 'in', names)])));
}
