import { LatheError } from '@lathe/core';
import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { ExperimentFilterClause, SearchExperimentsQuery } from '../../tracking-store.js';
import type { Database } from '../schema.js';
import { afterCursorSql, cursorOf, decodeCursor, encodeCursor, orderBySql, queryShape, sortColumnsSql, type CursorValue, type SortKey } from './keyset.js';
import { comparisonSql } from './comparison-sql.js';
import type { ExperimentRow } from './tracking-tables.js';

const COLUMNS: Record<string, { column: string; numeric: boolean }> = {
  name: { column: 'name', numeric: false },
  experiment_id: { column: 'experiment_id', numeric: true },
  creation_time: { column: 'creation_time', numeric: true },
  last_update_time: { column: 'last_update_time', numeric: true },
};

/**
 * experiments/search as one SQL statement with keyset paging. Default order, as MLflow's:
 * creation_time DESC, then experiment_id.
 * @internal
 */
export async function searchExperiments(db: Kysely<Database>, workspace: string, query: SearchExperimentsQuery): Promise<{ rows: ExperimentRow[]; nextPageToken?: string }> {
  const keys: SortKey[] = query.orderBy.map((k) => ({ expr: sql.ref(`e.${column(k.key).column}`), ascending: k.ascending, nullable: false, numeric: column(k.key).numeric }));
  if (keys.length === 0) keys.push({ expr: sql.ref('e.creation_time'), ascending: false, nullable: false, numeric: true });
  const tiebreak = sql.ref('e.experiment_id');
  const conditions: RawBuilder<unknown>[] = [sql`e.workspace = ${workspace}`, ...query.filter.map(clauseSql)];
  if (query.viewType !== 'ALL') conditions.push(sql`e.lifecycle_stage = ${query.viewType === 'DELETED_ONLY' ? 'deleted' : 'active'}`);
  const kind = queryShape('experiments', workspace, query.filter, query.orderBy, query.viewType);
  if (query.pageToken !== undefined) conditions.push(afterCursorSql(keys, tiebreak, decodeCursor(kind, query.pageToken, keys.length + 1)));
  const { rows } = await sql<ExperimentRow & Record<string, CursorValue>>`
    select e.*${sortColumnsSql(keys)} from experiments e
    where ${sql.join(conditions, sql` and `)}
    order by ${orderBySql(keys, tiebreak)}
    limit ${query.maxResults + 1}`.execute(db);
  const more = rows.length > query.maxResults;
  const page = more ? rows.slice(0, query.maxResults) : rows;
  if (!more) return { rows: page };
  const last = page[page.length - 1] as ExperimentRow & Record<string, CursorValue>;
  return { rows: page, nextPageToken: encodeCursor(kind, cursorOf(last, keys, Number(last.experiment_id))) };
}

function column(key: string): { column: string; numeric: boolean } {
  const c = COLUMNS[key];
  if (c === undefined) throw new LatheError('LATHE_BAD_REQUEST', `Invalid attribute key '${key}' specified. Valid keys are '${Object.keys(COLUMNS).join("', '")}'`);
  return c;
}

function clauseSql(clause: ExperimentFilterClause): RawBuilder<unknown> {
  if (clause.type === 'tag') {
    const probe = sql`select 1 from experiment_tags t where t.experiment_id = e.experiment_id and t.key = ${clause.key}`;
    if (clause.comparator === 'IS NULL') return sql`not exists (${probe})`;
    if (clause.comparator === 'IS NOT NULL') return sql`exists (${probe})`;
    return sql`exists (${probe} and ${comparisonSql(sql.ref('t.value'), clause.comparator, clause.value)})`;
  }
  const c = column(clause.key);
  return comparisonSql(sql.ref(`e.${c.column}`), clause.comparator, c.numeric ? Number(clause.value) : clause.value);
}
