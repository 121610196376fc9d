import { LatheError } from '@lathe/core';
import type { RegistryFilterClause } from '@lathe/tracking';
import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { ModelVersion, RegisteredModel, SearchRegistryQuery } from '../../model-registry-store.js';
import type { Page } from '../../tracking-store.js';
import type { Database } from '../schema.js';
import { afterCursorSql, cursorOf, decodeCursor, encodeCursor, orderBySql, queryShape, sortColumnsSql, type CursorValue, type SortKey } from '../tracking/keyset.js';
import { loadModelVersions, loadRegisteredModels, VERSION_SELECT, VERSION_TABLES, VISIBLE, type VersionRow } from './load-registry.js';
import type { RegisteredModelRow } from './registry-tables.js';
import { comparisonSql } from '../tracking/comparison-sql.js';

type Db = Kysely<Database>;

const MODEL_COLUMNS: Record<string, { expr: RawBuilder<unknown>; numeric: boolean }> = {
  name: { expr: sql.ref('r.name'), numeric: false },
  creation_timestamp: { expr: sql.ref('r.created_at'), numeric: true },
  last_updated_timestamp: { expr: sql.ref('r.updated_at'), numeric: true },
};

const VERSION_COLUMNS: Record<string, { expr: RawBuilder<unknown>; numeric: boolean }> = {
  name: { expr: sql.ref('v.name'), numeric: false },
  version_number: { expr: sql.ref('m.version_number'), numeric: true },
  creation_timestamp: { expr: sql.ref('v.created_at'), numeric: true },
  last_updated_timestamp: { expr: sql.ref('m.updated_at'), numeric: true },
  run_id: { expr: sql.ref('m.run_id'), numeric: false },
  source_path: { expr: sql.ref('m.source'), numeric: false },
};

/**
 * registered-models/search as one statement with keyset paging; default order name ASC.
 * @internal
 */
export async function searchRegisteredModels(db: Db, workspace: string, query: SearchRegistryQuery): Promise<Page<RegisteredModel>> {
  const keys = sortKeys(query, MODEL_COLUMNS, []);
  const conditions = [sql`r.workspace = ${workspace}`, ...promptAware(query.filter, modelClause, sql`registered_model_tags t where t.workspace = r.workspace and t.name = r.name`)];
  const from = { select: sql`r.*`, tables: sql`registered_models r` };
  const page = await keysetPage<RegisteredModelRow>(db, from, conditions, keys, { expr: sql.ref('r.name'), of: (row) => row.name }, query, `models:${workspace}`);
  return { items: await loadRegisteredModels(db, workspace, page.rows), ...token(page) };
}

/**
 * model-versions/search as one statement with keyset paging; default order, as MLflow's:
 * last_updated_timestamp DESC, then name ASC, version_number DESC.
 * @internal
 */
export async function searchModelVersions(db: Db, workspace: string, query: SearchRegistryQuery): Promise<Page<ModelVersion>> {
  const defaults = [{ key: 'last_updated_timestamp', ascending: false }];
  const keys = sortKeys(query.orderBy.length > 0 ? query : { ...query, orderBy: defaults }, VERSION_COLUMNS, [
    { key: 'name', ascending: true },
    { key: 'version_number', ascending: false },
  ]);
  const prompts = sql`model_version_tags t where t.workspace = v.workspace and t.name = v.name`;
  const conditions = [sql`v.workspace = ${workspace}`, sql`v.kind = 'model'`, VISIBLE, ...promptAware(query.filter, versionClause, prompts)];
  // Names hold no '/', so name/version is unique and orders consistently as a tiebreak.
  const tiebreak = { expr: sql`(v.name || '/' || v.version)`, of: (row: VersionRow) => `${row.name}/${row.version}` };
  const page = await keysetPage<VersionRow>(db, { select: VERSION_SELECT, tables: VERSION_TABLES }, conditions, keys, tiebreak, query, `versions:${workspace}`);
  return { items: await loadModelVersions(db, workspace, page.rows), ...token(page) };
}

function sortKeys(query: SearchRegistryQuery, columns: typeof MODEL_COLUMNS, tail: { key: string; ascending: boolean }[]): SortKey[] {
  const keys = [...query.orderBy, ...tail.filter((t) => !query.orderBy.some((k) => k.key === t.key))];
  return keys.map((k) => {
    const column = columnOf(columns, k.key);
    return { expr: column.expr, ascending: k.ascending, nullable: false, numeric: column.numeric };
  });
}

async function keysetPage<R>(
  db: Db,
  from: { select: RawBuilder<unknown>; tables: RawBuilder<unknown> },
  conditions: RawBuilder<unknown>[],
  keys: SortKey[],
  tiebreak: { expr: RawBuilder<unknown>; of: (row: R) => string },
  query: SearchRegistryQuery,
  shape: string,
): Promise<{ rows: R[]; cursor?: { kind: string; values: CursorValue[] } }> {
  const kind = queryShape(shape, query.filter, query.orderBy);
  const where = [...conditions];
  if (query.pageToken !== undefined) where.push(afterCursorSql(keys, tiebreak.expr, decodeCursor(kind, query.pageToken, keys.length + 1)));
  // The sort values ride along as extra columns, for the next page's cursor.
  const { rows } = await sql<R & Record<string, CursorValue>>`
    select ${from.select}${sortColumnsSql(keys)} from ${from.tables}
    where ${sql.join(where, sql` and `)}
    order by ${orderBySql(keys, tiebreak.expr)}
    limit ${query.maxResults + 1}`.execute(db);
  if (rows.length <= query.maxResults) return { rows };
  const page = rows.slice(0, query.maxResults);
  const last = page[page.length - 1] as R & Record<string, CursorValue>;
  return { rows: page, cursor: { kind, values: cursorOf(last, keys, tiebreak.of(last)) } };
}

function token(page: { cursor?: { kind: string; values: CursorValue[] } }): { nextPageToken?: string } {
  return page.cursor === undefined ? {} : { nextPageToken: encodeCursor(page.cursor.kind, page.cursor.values) };
}

function columnOf(columns: typeof MODEL_COLUMNS, key: string): { expr: RawBuilder<unknown>; numeric: boolean } {
  const column = columns[key];
  if (column === undefined) throw new LatheError('LATHE_BAD_REQUEST', `Invalid attribute key '${key}'`);
  return column;
}

/** The tag MLflow 3 marks prompts with: registered models that are prompt templates. */
const PROMPT_TAG = 'mlflow.prompt.is_prompt';

/**
 * MLflow's prompt rule: a search returns models, not prompts, unless its filter asks for prompts
 * (`tags.\`mlflow.prompt.is_prompt\` = 'true'`); clauses on that tag otherwise only say "no
 * prompts", since models do not carry the tag at all.
 */
function promptAware(filter: RegistryFilterClause[], clauseSql: (c: RegistryFilterClause) => RawBuilder<unknown>, tags: RawBuilder<unknown>): RawBuilder<unknown>[] {
  const isPrompt = (c: RegistryFilterClause) => c.type === 'tag' && c.key === PROMPT_TAG;
  const first = filter.find(isPrompt);
  const value = typeof first?.value === 'string' ? first.value.toLowerCase() : '';
  if (first !== undefined && ((first.comparator === '=' && value === 'true') || (first.comparator === '!=' && value === 'false'))) return filter.map(clauseSql);
  return [...filter.filter((c) => !isPrompt(c)).map(clauseSql), sql`not exists (select 1 from ${tags} and t.key = ${PROMPT_TAG} and t.value = 'true')`];
}

function modelClause(clause: RegistryFilterClause): RawBuilder<unknown> {
  if (clause.type === 'tag') return tagProbe(sql`select 1 from registered_model_tags t where t.workspace = r.workspace and t.name = r.name`, clause);
  return comparisonSql(columnOf(MODEL_COLUMNS, clause.key).expr, clause.comparator, clause.value);
}

function versionClause(clause: RegistryFilterClause): RawBuilder<unknown> {
  if (clause.type === 'tag') {
    return tagProbe(sql`select 1 from model_version_tags t where t.workspace = v.workspace and t.name = v.name and t.version = v.version`, clause);
  }
  return comparisonSql(columnOf(VERSION_COLUMNS, clause.key).expr, clause.comparator, clause.value);
}

function tagProbe(probe: RawBuilder<unknown>, clause: RegistryFilterClause): RawBuilder<unknown> {
  return sql`exists (${probe} and t.key = ${clause.key} and ${comparisonSql(sql.ref('t.value'), clause.comparator, clause.value)})`;
}
