import type { ModelStage } from '@lathe/tracking';
import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { KeyValue } from '../../tracking-store.js';
import type { ModelVersion, RegisteredModel } from '../../model-registry-store.js';
import { toAsset } from '../assets/kysely-asset-store.js';
import type { AssetVersionRow } from '../assets/asset-tables.js';
import type { Database } from '../schema.js';
import type { RegisteredModelRow } from './registry-tables.js';

type Db = Kysely<Database>;

/** An asset version joined with its registry metadata (`v` and `m` in {@link versionRows}). @internal */
export type VersionRow = AssetVersionRow & {
  version_number: number | string | null;
  description: string | null;
  stage: ModelStage;
  source: string;
  run_id: string | null;
  run_link: string | null;
  model_id: string | null;
  updated_at: number | string;
};

/** The columns of a {@link VersionRow}, from {@link VERSION_TABLES}. @internal */
export const VERSION_SELECT = sql`v.workspace, v.kind, v.name, v.version, v.spec_json, v.content_hash, v.created_at, v.archived,
  m.version_number, m.description, m.stage, m.source, m.run_id, m.run_link, m.model_id, m.updated_at`;

/** Asset versions `v` joined with their registry metadata `m`. @internal */
export const VERSION_TABLES = sql`asset_versions v join model_version_meta m on m.workspace = v.workspace and m.name = v.name and m.version = v.version`;

/** `v` is a version MLflow sees: not archived, with a numeric version. @internal */
export const VISIBLE = sql`v.archived = 0 and m.version_number is not null`;

/** The version rows of `workspace` matching `conditions`, as {@link VersionRow}s. @internal */
export async function versionRows(db: Db, workspace: string, conditions: RawBuilder<unknown>[], tail: RawBuilder<unknown> = sql``): Promise<VersionRow[]> {
  const where = [sql`v.workspace = ${workspace}`, sql`v.kind = 'model'`, ...conditions];
  const { rows } = await sql<VersionRow>`select ${VERSION_SELECT} from ${VERSION_TABLES} where ${sql.join(where, sql` and `)} ${tail}`.execute(db);
  return rows;
}

/** Model versions with their tags and aliases, in the order of `rows`. @internal */
export async function loadModelVersions(db: Db, workspace: string, rows: VersionRow[]): Promise<ModelVersion[]> {
  const names = [...new Set(rows.map((r) => r.name))];
  const tags = group(await inNames<VersionTagRow>(db, workspace, names, 'model_version_tags', ['name', 'version', 'key', 'value'], sql`order by key`), (t) => `${t.name}\u0000${t.version}`);
  const aliases = group(await inNames<AliasRow>(db, workspace, names, 'registered_model_aliases', ['name', 'version', 'alias'], sql`order by alias`), (a) => `${a.name}\u0000${a.version}`);
  return rows.map((row) => {
    const id = `${row.name}\u0000${row.version}`;
    return {
      name: row.name,
      version: row.version,
      createdAt: Number(row.created_at),
      updatedAt: Number(row.updated_at),
      description: row.description,
      stage: row.stage,
      source: row.source,
      runId: row.run_id,
      runLink: row.run_link,
      modelId: row.model_id,
      tags: (tags.get(id) ?? []).map(({ key, value }) => ({ key, value })),
      aliases: (aliases.get(id) ?? []).map((a) => a.alias),
      asset: toAsset(row),
    };
  });
}

/** Registered models with their tags, aliases and latest version per stage, in the order of `rows`. @internal */
export async function loadRegisteredModels(db: Db, workspace: string, rows: RegisteredModelRow[]): Promise<RegisteredModel[]> {
  const names = rows.map((r) => r.name);
  const tags = group(await inNames<TagRow>(db, workspace, names, 'registered_model_tags', ['name', 'key', 'value'], sql`order by key`), (t) => t.name);
  const aliases = group(await inNames<AliasRow>(db, workspace, names, 'registered_model_aliases', ['name', 'alias', 'version'], sql`order by alias`), (a) => a.name);
  const latest = group(await latestPerStage(db, workspace, names), (v) => v.name);
  return rows.map((row) => ({
    name: row.name,
    description: row.description,
    createdAt: Number(row.created_at),
    updatedAt: Number(row.updated_at),
    tags: (tags.get(row.name) ?? []).map(({ key, value }): KeyValue => ({ key, value })),
    aliases: (aliases.get(row.name) ?? []).map(({ alias, version }) => ({ alias, version })),
    latestVersions: latest.get(row.name) ?? [],
  }));
}

// The newest visible version of each (model, stage), newest first within a model.
async function latestPerStage(db: Db, workspace: string, names: string[]): Promise<ModelVersion[]> {
  const rows: VersionRow[] = [];
  for (const chunk of chunks(names)) {
    const newest = sql`m.version_number = (
      select max(m2.version_number) from model_version_meta m2
      join asset_versions v2 on v2.workspace = m2.workspace and v2.kind = 'model' and v2.name = m2.name and v2.version = m2.version
      where m2.workspace = m.workspace and m2.name = m.name and m2.stage = m.stage and v2.archived = 0)`;
    rows.push(...(await versionRows(db, workspace, [VISIBLE, sql`v.name in (${sql.join(chunk)})`, newest], sql`order by v.name, m.version_number desc`)));
  }
  return loadModelVersions(db, workspace, rows);
}

type TagRow = { name: string; key: string; value: string };
type VersionTagRow = TagRow & { version: string };
type AliasRow = { name: string; alias: string; version: string };
type NamedTable = 'model_version_tags' | 'registered_model_aliases' | 'registered_model_tags';

async function inNames<R extends { name: string }>(db: Db, workspace: string, names: string[], table: NamedTable, columns: (keyof R & string)[], order: RawBuilder<unknown>): Promise<R[]> {
  const out: R[] = [];
  for (const chunk of chunks(names)) {
    const { rows } = await sql<R>`
      select ${sql.join(columns.map((c) => sql.ref(c)))} from ${sql.table(table)}
      where workspace = ${workspace} and name in (${sql.join(chunk)}) ${order}`.execute(db);
    out.push(...rows);
  }
  return out;
}

function group<T>(items: T[], keyOf: (item: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const item of items) {
    const key = keyOf(item);
    const list = out.get(key);
    if (list === undefined) out.set(key, [item]);
    else list.push(item);
  }
  return out;
}

// Bound parameters per statement stay well under SQLite's and PostgreSQL's limits.
function chunks<T>(items: T[], size = 500): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
