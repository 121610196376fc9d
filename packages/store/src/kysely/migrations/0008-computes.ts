import type { Kysely, Migration } from 'kysely';

// `Kysely<any>` on purpose: a migration must keep compiling as `Database` changes after it.

/**
 * Workspaces with metadata and named compute targets:
 * - `workspaces.spec_json`: what `workspace create` recorded (display name, description, tags,
 *   location); NULL for a workspace that exists only because something was written to it.
 * - `computes`: one row per named compute target of a workspace (`amlcompute` YAML), with the
 *   limit the scheduler reads (`max_instances`) in a column of its own.
 */
export const computesMigration: Migration = {
  async up(db: Kysely<any>): Promise<void> {
    await db.schema.alterTable('workspaces').addColumn('spec_json', 'text').execute();
    await db.schema
      .createTable('computes')
      .addColumn('workspace', 'text', (col) => col.notNull().references('workspaces.name'))
      .addColumn('name', 'text', (col) => col.notNull())
      .addColumn('type', 'text', (col) => col.notNull())
      .addColumn('max_instances', 'integer', (col) => col.notNull())
      .addColumn('spec_json', 'text', (col) => col.notNull())
      .addColumn('created_at', 'bigint', (col) => col.notNull())
      .addColumn('updated_at', 'bigint', (col) => col.notNull())
      .addPrimaryKeyConstraint('computes_pk', ['workspace', 'name'])
      .execute();
  },
  async down(db: Kysely<any>): Promise<void> {
    await db.schema.dropTable('computes').execute();
    await db.schema.alterTable('workspaces').dropColumn('spec_json').execute();
  },
};
