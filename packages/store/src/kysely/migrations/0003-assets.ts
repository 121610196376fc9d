import type { Kysely, Migration } from 'kysely';

// `Kysely<any>` on purpose: a migration must keep compiling as `Database` changes after it.

/**
 * Versioned assets (data, models, environments, components, datastores) and lineage between
 * jobs and asset versions. A version is immutable once written: `content_hash` is what
 * "identical" means when it is created again.
 */
export const assetsMigration: Migration = {
  async up(db: Kysely<any>): Promise<void> {
    await db.schema
      .createTable('asset_versions')
      .addColumn('workspace', 'text', (col) => col.notNull().references('workspaces.name'))
      .addColumn('kind', 'text', (col) => col.notNull())
      .addColumn('name', 'text', (col) => col.notNull())
      .addColumn('version', 'text', (col) => col.notNull())
      .addColumn('spec_json', 'text', (col) => col.notNull())
      .addColumn('content_hash', 'text', (col) => col.notNull())
      .addColumn('created_at', 'bigint', (col) => col.notNull())
      .addColumn('archived', 'integer', (col) => col.notNull())
      .addPrimaryKeyConstraint('asset_versions_pk', ['workspace', 'kind', 'name', 'version'])
      .execute();
    await db.schema.createIndex('asset_versions_latest').on('asset_versions').columns(['workspace', 'kind', 'name', 'created_at']).execute();
    await db.schema
      .createTable('asset_lineage')
      .addColumn('workspace', 'text', (col) => col.notNull())
      .addColumn('job', 'text', (col) => col.notNull())
      .addColumn('direction', 'text', (col) => col.notNull())
      .addColumn('port', 'text', (col) => col.notNull())
      .addColumn('kind', 'text', (col) => col.notNull())
      .addColumn('name', 'text', (col) => col.notNull())
      .addColumn('version', 'text', (col) => col.notNull())
      .addPrimaryKeyConstraint('asset_lineage_pk', ['workspace', 'job', 'direction', 'port', 'kind', 'name', 'version'])
      .execute();
    await db.schema.createIndex('asset_lineage_asset').on('asset_lineage').columns(['workspace', 'kind', 'name', 'version']).execute();
  },
  async down(db: Kysely<any>): Promise<void> {
    await db.schema.dropTable('asset_lineage').execute();
    await db.schema.dropTable('asset_versions').execute();
  },
};
