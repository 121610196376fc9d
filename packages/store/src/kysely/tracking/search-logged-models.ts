import type { LoggedModelFilterClause, LoggedModelOrderKey } from '@lathe/tracking';
import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { SearchLoggedModelsQuery } from '../../tracking-store.js';
import type { Database } from '../schema.js';
import { comparisonSql } from './comparison-sql.js';
import { afterCursorSql, cursorOf, decodeCursor, encodeCursor, orderBySql, queryShape, sortColumnsSql, type CursorValue, type SortKey } from './keyset.js';
import type { LoggedModelRow } from './tracking-tables.js';

type Datasets = NonNullable<SearchLoggedModelsQuery['datasets']>;

/** Logged-model attributes and their columns (`nullable`: may be NULL; `numeric`: a time). */
const ATTRIBUTE_COLUMNS: Record<string, { column: string; nullable: boolean; numeric: boolean }> = {
  name: { column: 'name', nullable: false, numeric: false },
  model_id: { column: 'model_id', nullable: false, numeric: false },
  model_type: { column: 'model_type', nullable: true, numeric: false },
  status: { column: 'status', nullable: false, numeric: false },
  source_run_id: { column: 'source_run_id', nullable: true, numeric: false },
  creation_timestamp: { column: 'creation_timestamp', nullable: false, numeric: true },
  last_updated_timestamp: { column: 'last_updated_timestamp', nullable: false, numeric: true },
};

/**
 * The page of logged-model rows a search asks for, as one SQL statement: EXISTS probes for
 * metric, param and tag clauses, a correlated subquery for each metric sort key (its latest
 * point), keyset paging on (sort values…, model_id). `experimentIds` are the workspace's own.
 * @internal
 */
export async function searchLoggedModelRows(db: Kysely<Database>, workspace: string, query: SearchLoggedModelsQuery): Promise<{ rows: LoggedModelRow[]; nextPageToken?: string }> {
  const ids = query.experimentIds.filter((id) => /^\d{1,15}$/.test(id)).map(Number);
  if (ids.length === 0) return { rows: [] };
  const filter = query.filter ?? [];
  const datasets = query.datasets ?? [];
  const orderBy = query.orderBy ?? [];
  const sortKeys = orderBy.map((key) => sortKey(key));
  if (!orderBy.some((k) => k.type === 'attribute' && k.key === 'creation_timestamp')) {
    sortKeys.push({ expr: sql.ref('m.creation_timestamp'), ascending: false, nullable: false, numeric: true });
  }
  const tiebreak = sql.ref('m.model_id');
  const conditions = [sql`m.workspace = ${workspace}`, sql`m.experiment_id in (${sql.join(ids)})`, sql`m.lifecycle_stage = 'active'`, ...filter.map((c) => clauseSql(c, datasets))];
  if (datasets.length > 0 && !filter.some((c) => c.type === 'metric')) {
    conditions.push(sql`exists (select 1 from logged_model_metrics mm where mm.model_id = m.model_id and ${onDatasets(datasets)})`);
  }
  const kind = queryShape('models', ids, filter, datasets, orderBy);
  if (query.pageToken !== undefined) conditions.push(afterCursorSql(sortKeys, tiebreak, decodeCursor(kind, query.pageToken, sortKeys.length + 1)));
  const { rows } = await sql<LoggedModelRow & Record<string, CursorValue>>`
    select m.*${sortColumnsSql(sortKeys)} from logged_models m
    where ${sql.join(conditions, sql` and `)}
    order by ${orderBySql(sortKeys, tiebreak)}
    limit ${query.maxResults + 1}`.execute(db);
  if (rows.length <= query.maxResults) return { rows };
  const pageRows = rows.slice(0, query.maxResults);
  const last = pageRows[pageRows.length - 1] as LoggedModelRow & Record<string, CursorValue>;
  return { rows: pageRows, nextPageToken: encodeCursor(kind, cursorOf(last, sortKeys, last.model_id)) };
}

function sortKey(key: LoggedModelOrderKey): SortKey {
  if (key.type === 'attribute') {
    const attr = ATTRIBUTE_COLUMNS[key.key] as (typeof ATTRIBUTE_COLUMNS)[string];
    return { expr: sql.ref(`m.${attr.column}`), ascending: key.ascending, nullable: attr.nullable, numeric: attr.numeric };
  }
  // The latest point (by timestamp, then step) among those on the dataset asked for; a NaN sorts as missing.
  const dataset = key.datasetName === undefined ? sql`` : sql` and mm.dataset_name = ${key.datasetName}`;
  const digest = key.datasetDigest === undefined ? sql`` : sql` and mm.dataset_digest = ${key.datasetDigest}`;
  const latest = sql`(select case when mm.is_nan = 1 then null else mm.value end from logged_model_metrics mm
    where mm.model_id = m.model_id and mm.key = ${key.key}${dataset}${digest} order by mm.timestamp desc, mm.step desc limit 1)`;
  return { expr: latest, ascending: key.ascending, nullable: true, numeric: true };
}

function clauseSql(clause: LoggedModelFilterClause, datasets: Datasets): RawBuilder<unknown> {
  const { key, comparator, value } = clause;
  switch (clause.type) {
    case 'attribute': {
      const attr = ATTRIBUTE_COLUMNS[key] as (typeof ATTRIBUTE_COLUMNS)[string];
      return comparisonSql(sql.ref(`m.${attr.column}`), comparator, value);
    }
    case 'metric': {
      const on = datasets.length > 0 ? sql` and ${onDatasets(datasets)}` : sql``;
      return sql`exists (select 1 from logged_model_metrics mm where mm.model_id = m.model_id and mm.key = ${key} and mm.is_nan = 0 and ${comparisonSql(sql.ref('mm.value'), comparator, value)}${on})`;
    }
    case 'param':
    case 'tag': {
      const table = sql.raw(clause.type === 'param' ? 'logged_model_params' : 'logged_model_tags');
      return sql`exists (select 1 from ${table} c where c.model_id = m.model_id and c.key = ${key} and ${comparisonSql(sql.ref('c.value'), comparator, value)})`;
    }
  }
}

/** "The point `mm` is on one of `datasets`" (a name, and the digest when given). */
function onDatasets(datasets: Datasets): RawBuilder<unknown> {
  const each = datasets.map((d) => (d.datasetDigest === undefined ? sql`mm.dataset_name = ${d.datasetName}` : sql`(mm.dataset_name = ${d.datasetName} and mm.dataset_digest = ${d.datasetDigest})`));
  return sql`(${sql.join(each, sql` or `)})`;
}
