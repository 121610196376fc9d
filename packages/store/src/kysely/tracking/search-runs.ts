import { LatheError } from '@lathe/core';
import { runStatusForJob, type RunFilterClause, type RunOrderKey } from '@lathe/tracking';
import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { Page, Run, RunJobFilter, SearchRunsQuery, ViewType } from '../../tracking-store.js';
import type { Database } from '../schema.js';
import { afterCursorSql, cursorOf, decodeCursor, encodeCursor, orderBySql, queryShape, sortColumnsSql, type CursorValue, type SortKey } from './keyset.js';
import { comparisonSql } from './comparison-sql.js';
import { loadRuns } from './load-runs.js';
import type { RunRow } from './tracking-tables.js';

/** Run attributes a filter or order_by may name, and their columns. */
const ATTRIBUTE_COLUMNS: Record<string, { column: string; nullable: boolean; numeric: boolean }> = {
  run_id: { column: 'run_uuid', nullable: false, numeric: false },
  run_name: { column: 'name', nullable: false, numeric: false },
  status: { column: 'status', nullable: false, numeric: false },
  user_id: { column: 'user_id', nullable: false, numeric: false },
  artifact_uri: { column: 'artifact_uri', nullable: false, numeric: false },
  start_time: { column: 'start_time', nullable: false, numeric: true },
  end_time: { column: 'end_time', nullable: true, numeric: true },
  experiment_id: { column: 'experiment_id', nullable: false, numeric: true },
};

/** A search with the workspace it runs in (for `everyExperiment`). @internal */
export type ScopedQuery = SearchRunsQuery & { workspace: string };

/**
 * runs/search compiled to one SQL statement: EXISTS probes on the indexed child tables for
 * filters, LEFT JOINs for sort keys, keyset paging on (sort values…, run_uuid). Then one query per
 * child table loads the page's runs. `experimentIds` must already be checked to belong to the
 * workspace.
 * @internal
 */
export async function searchRuns(db: Kysely<Database>, query: ScopedQuery): Promise<Page<Run>> {
  if (!query.everyExperiment && query.experimentIds.length === 0) return { items: [] };
  const joins: RawBuilder<unknown>[] = [];
  const sortKeys = query.orderBy.flatMap((key, i) => sortKey(key, i, joins));
  if (!query.orderBy.some((k) => k.type === 'attribute' && k.key === 'start_time')) {
    sortKeys.push({ expr: sql.ref('r.start_time'), ascending: false, nullable: false, numeric: true });
  }
  const tiebreak = sql.ref('r.run_uuid');
  // In the default order (start_time, which an index gives) the runs stream in order and each
  // filter is a cheap probe per run, stopping at the page's end. Any other order needs every
  // match sorted anyway, so the filters then start from their own indexes instead.
  const streaming = query.orderBy.every((k) => k.type === 'attribute' && k.key === 'start_time');
  const conditions = matchConditions(query, streaming);
  const scope = query.everyExperiment ? ['*'] : query.experimentIds;
  const kind = queryShape('runs', scope, query.filter, query.orderBy, query.viewType, query.jobs ?? null, query.text ?? []);
  if (query.pageToken !== undefined) {
    conditions.push(afterCursorSql(sortKeys, tiebreak, decodeCursor(kind, query.pageToken, sortKeys.length + 1)));
  }
  const { rows } = await sql<RunRow & Record<string, CursorValue>>`
    select r.*${sortColumnsSql(sortKeys)} from runs r ${sql.join(joins, sql` `)}
    where ${sql.join(conditions, sql` and `)}
    order by ${orderBySql(sortKeys, tiebreak)}
    limit ${query.maxResults + 1}`.execute(db);
  const more = rows.length > query.maxResults;
  const pageRows = more ? rows.slice(0, query.maxResults) : rows;
  const items = await loadRuns(db, pageRows);
  if (!more) return { items };
  const last = pageRows[pageRows.length - 1] as RunRow & Record<string, CursorValue>;
  return { items, nextPageToken: encodeCursor(kind, cursorOf(last, sortKeys, last.run_uuid)) };
}

/** How many runs match, over every page. @internal */
export async function countRuns(db: Kysely<Database>, query: Omit<ScopedQuery, 'orderBy' | 'maxResults' | 'pageToken'>): Promise<number> {
  if (!query.everyExperiment && query.experimentIds.length === 0) return 0;
  const { rows } = await sql<{ n: number | string }>`
    select count(*) as n from runs r where ${sql.join(matchConditions(query, true), sql` and `)}`.execute(db);
  return Number(rows[0]?.n ?? 0);
}

function matchConditions(query: Omit<ScopedQuery, 'orderBy' | 'maxResults' | 'pageToken'>, streaming: boolean): RawBuilder<unknown>[] {
  const ids = query.experimentIds.map(Number);
  return [
    query.everyExperiment ? sql`r.workspace = ${query.workspace}` : ids.length === 1 ? sql`r.experiment_id = ${ids[0]}` : sql`r.experiment_id in (${sql.join(ids)})`,
    ...lifecycleCondition(query.viewType),
    ...query.filter.map((clause) => clauseSql(clause, streaming)),
    ...jobConditions(query.jobs),
    ...(query.text ?? []).map(textCondition),
  ];
}

/** See {@link SearchRunsQuery.text}: the word, lower-cased and escaped, within the name or the id. */
function textCondition(word: string): RawBuilder<unknown> {
  const pattern = `%${word.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  return sql`(lower(r.name) like ${pattern} escape '\\' or lower(r.run_uuid) like ${pattern} escape '\\')`;
}

/** See {@link RunJobFilter}: job fields through the job's primary key, run statuses for runs without one. */
function jobConditions(jobs: RunJobFilter | undefined): RawBuilder<unknown>[] {
  const out: RawBuilder<unknown>[] = [];
  const job = (where: RawBuilder<unknown>) => sql`exists (select 1 from jobs j where j.workspace = r.workspace and j.name = r.job and ${where})`;
  if (jobs?.types !== undefined) {
    out.push(jobs.types.length === 0 ? sql`1 = 0` : job(sql`j.type in (${sql.join(jobs.types)})`));
  }
  if (jobs?.statuses !== undefined) {
    if (jobs.statuses.length === 0) out.push(sql`1 = 0`);
    else {
      const runStatuses = [...new Set(jobs.statuses.map(runStatusForJob))];
      out.push(sql`(${job(sql`j.status in (${sql.join(jobs.statuses)})`)} or (r.job is null and r.status in (${sql.join(runStatuses)})))`);
    }
  }
  return out;
}

function lifecycleCondition(viewType: ViewType): RawBuilder<unknown>[] {
  if (viewType === 'ALL') return [];
  return [sql`r.lifecycle_stage = ${viewType === 'DELETED_ONLY' ? 'deleted' : 'active'}`];
}

function sortKey(key: RunOrderKey, index: number, joins: RawBuilder<unknown>[]): SortKey[] {
  const alias = sql.raw(`o${index}`);
  switch (key.type) {
    case 'attribute': {
      const attr = attributeColumn(key.key);
      return [{ expr: sql.ref(`r.${attr.column}`), ascending: key.ascending, nullable: attr.nullable, numeric: attr.numeric }];
    }
    case 'metric':
      joins.push(sql`left join latest_metrics ${alias} on ${alias}.run_key = r.run_key and ${alias}.key = ${key.key}`);
      // As in MLflow, in either direction: numbers, then NaN, then runs without the metric.
      return [
        { expr: sql`(case when ${alias}.run_key is null then 2 when ${alias}.is_nan = 1 then 1 else 0 end)`, ascending: true, nullable: false, numeric: true },
        { expr: sql`(case when ${alias}.is_nan = 1 then null else ${alias}.value end)`, ascending: key.ascending, nullable: true, numeric: true },
      ];
    case 'param':
    case 'tag': {
      const table = sql.raw(key.type === 'param' ? 'run_params' : 'run_tags');
      joins.push(sql`left join ${table} ${alias} on ${alias}.run_key = r.run_key and ${alias}.key = ${key.key}`);
      return [{ expr: sql`${alias}.value`, ascending: key.ascending, nullable: true }];
    }
    default:
      throw new LatheError('LATHE_BAD_REQUEST', `Invalid order_by entity type '${key.type}'`);
  }
}

function attributeColumn(key: string): { column: string; nullable: boolean; numeric: boolean } {
  const attr = ATTRIBUTE_COLUMNS[key];
  if (attr === undefined) throw new LatheError('LATHE_BAD_REQUEST', `Invalid attribute key '${key}' specified.`);
  return attr;
}

/**
 * A filter clause on a child table, as an EXISTS probe per run (`streaming`) or as membership in
 * the set of matching run keys, found through the child table's (key, value) index.
 */
function childFilter(table: RawBuilder<unknown>, where: RawBuilder<unknown>, streaming: boolean): RawBuilder<unknown> {
  if (streaming) return sql`exists (select 1 from ${table} c where c.run_key = r.run_key and ${where})`;
  return sql`r.run_key in (select c.run_key from ${table} c where ${where})`;
}

function clauseSql(clause: RunFilterClause, streaming: boolean): RawBuilder<unknown> {
  const { comparator, key, value } = clause;
  switch (clause.type) {
    case 'metric':
      return childFilter(sql.raw('latest_metrics'), sql`c.key = ${key} and c.is_nan = 0 and ${comparisonSql(sql.ref('c.value'), comparator, value)}`, streaming);
    case 'param':
    case 'tag': {
      const table = sql.raw(clause.type === 'param' ? 'run_params' : 'run_tags');
      if (comparator === 'IS NULL') return sql`not exists (select 1 from ${table} c where c.run_key = r.run_key and c.key = ${key})`;
      if (comparator === 'IS NOT NULL') return childFilter(table, sql`c.key = ${key}`, streaming);
      return childFilter(table, sql`c.key = ${key} and ${comparisonSql(sql.ref('c.value'), comparator, value)}`, streaming);
    }
    case 'attribute': {
      const attr = attributeColumn(key);
      const column = sql.ref(`r.${attr.column}`);
      if (comparator === 'IN' || comparator === 'NOT IN') {
        const values = Array.isArray(value) ? value : [value];
        if (values.length === 0) return comparator === 'IN' ? sql`1 = 0` : sql`1 = 1`;
        return sql`${column} ${sql.raw(comparator === 'IN' ? 'in' : 'not in')} (${sql.join(values)})`;
      }
      if (comparator === 'IS NULL') return sql`${column} is null`;
      if (comparator === 'IS NOT NULL') return sql`${column} is not null`;
      return comparisonSql(column, comparator, attr.numeric ? Number(value) : value);
    }
    case 'dataset': {
      const column = sql.ref(`d.${key === 'context' ? 'context' : key === 'digest' ? 'digest' : 'name'}`);
      if (comparator === 'IN' || comparator === 'NOT IN') {
        const values = Array.isArray(value) ? value : [value];
        const op = sql.raw(comparator === 'IN' ? 'in' : 'not in');
        return sql`exists (select 1 from run_inputs d where d.run_key = r.run_key and ${column} ${op} (${sql.join(values)}))`;
      }
      return sql`exists (select 1 from run_inputs d where d.run_key = r.run_key and ${comparisonSql(column, comparator, value)})`;
    }
    default:
      throw new LatheError('LATHE_BAD_REQUEST', `Invalid filter entity type '${(clause as { type: string }).type}'`);
  }
}
