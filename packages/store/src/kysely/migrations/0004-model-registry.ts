import type { Kysely, Migration } from 'kysely';

// `Kysely<any>` on purpose: a migration must keep compiling as `Database` changes after it. For
// the same reason the backfill below is written out here rather than shared with the store.

const STAGES = ['None', 'Staging', 'Production', 'Archived'];

/**
 * MLflow's model registry over the asset registry: registered models are `model` asset names and
 * model versions their asset versions, which stay immutable; what MLflow may change about them —
 * descriptions, tags, stages, aliases — gets tables of its own. `model_version_meta` has one row
 * per `model` asset version (existing ones are backfilled from their specs).
 */
export const modelRegistryMigration: Migration = {
  async up(db: Kysely<any>): Promise<void> {
    await db.schema
      .createTable('registered_models')
      .addColumn('workspace', 'text', (col) => col.notNull().references('workspaces.name'))
      .addColumn('name', 'text', (col) => col.notNull())
      .addColumn('description', 'text')
      .addColumn('created_at', 'bigint', (col) => col.notNull())
      .addColumn('updated_at', 'bigint', (col) => col.notNull())
      .addPrimaryKeyConstraint('registered_models_pk', ['workspace', 'name'])
      .execute();
    await db.schema
      .createTable('registered_model_tags')
      .addColumn('workspace', 'text', (col) => col.notNull())
      .addColumn('name', 'text', (col) => col.notNull())
      .addColumn('key', 'text', (col) => col.notNull())
      .addColumn('value', 'text', (col) => col.notNull())
      .addPrimaryKeyConstraint('registered_model_tags_pk', ['workspace', 'name', 'key'])
      .execute();
    await db.schema
      .createTable('registered_model_aliases')
      .addColumn('workspace', 'text', (col) => col.notNull())
      .addColumn('name', 'text', (col) => col.notNull())
      .addColumn('alias', 'text', (col) => col.notNull())
      .addColumn('version', 'text', (col) => col.notNull())
      .addPrimaryKeyConstraint('registered_model_aliases_pk', ['workspace', 'name', 'alias'])
      .execute();
    await db.schema
      .createTable('model_version_meta')
      .addColumn('workspace', 'text', (col) => col.notNull())
      .addColumn('name', 'text', (col) => col.notNull())
      .addColumn('version', 'text', (col) => col.notNull())
      .addColumn('version_number', 'bigint')
      .addColumn('description', 'text')
      .addColumn('stage', 'text', (col) => col.notNull())
      .addColumn('source', 'text', (col) => col.notNull())
      .addColumn('run_id', 'text')
      .addColumn('run_link', 'text')
      .addColumn('model_id', 'text')
      .addColumn('updated_at', 'bigint', (col) => col.notNull())
      .addPrimaryKeyConstraint('model_version_meta_pk', ['workspace', 'name', 'version'])
      .execute();
    await db.schema.createIndex('model_version_meta_run').on('model_version_meta').columns(['workspace', 'run_id']).execute();
    await db.schema
      .createTable('model_version_tags')
      .addColumn('workspace', 'text', (col) => col.notNull())
      .addColumn('name', 'text', (col) => col.notNull())
      .addColumn('version', 'text', (col) => col.notNull())
      .addColumn('key', 'text', (col) => col.notNull())
      .addColumn('value', 'text', (col) => col.notNull())
      .addPrimaryKeyConstraint('model_version_tags_pk', ['workspace', 'name', 'version', 'key'])
      .execute();
    await backfill(db);
  },
  async down(db: Kysely<any>): Promise<void> {
    for (const table of ['model_version_tags', 'model_version_meta', 'registered_model_aliases', 'registered_model_tags', 'registered_models']) {
      await db.schema.dropTable(table).execute();
    }
  },
};

async function backfill(db: Kysely<any>): Promise<void> {
  const rows = await db.selectFrom('asset_versions').select(['workspace', 'name', 'version', 'spec_json', 'created_at']).where('kind', '=', 'model').orderBy('created_at').execute();
  const models = new Map<string, { workspace: string; name: string; description: null; created_at: number; updated_at: number }>();
  for (const row of rows) {
    const at = Number(row.created_at);
    const key = `${row.workspace}\u0000${row.name}`;
    const model = models.get(key);
    if (model === undefined) models.set(key, { workspace: row.workspace, name: row.name, description: null, created_at: at, updated_at: at });
    else model.updated_at = Math.max(model.updated_at, at);
    await db.insertInto('model_version_meta').values(metaOf(row, at)).execute();
  }
  for (const model of models.values()) await db.insertInto('registered_models').values(model).execute();
}

function metaOf(row: { workspace: string; name: string; version: string; spec_json: string }, at: number): Record<string, unknown> {
  const spec = JSON.parse(row.spec_json) as Record<string, unknown>;
  const source = typeof spec.source_path === 'string' ? spec.source_path : String(spec.path ?? '');
  const run = /^runs:\/([^/]+)/.exec(source) ?? /^azureml:\/\/jobs\/([^/]+)\//.exec(source);
  const stage = STAGES.find((s) => typeof spec.stage === 'string' && s.toLowerCase() === spec.stage.toLowerCase()) ?? 'None';
  return {
    workspace: row.workspace,
    name: row.name,
    version: row.version,
    version_number: /^(0|[1-9]\d{0,14})$/.test(row.version) ? Number(row.version) : null,
    description: typeof spec.description === 'string' ? spec.description : null,
    stage,
    source,
    run_id: run?.[1] ?? null,
    run_link: null,
    model_id: null,
    updated_at: at,
  };
}
