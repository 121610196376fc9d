import type { Kysely, Migration } from 'kysely';

// `Kysely<any>` on purpose: a migration must keep compiling as `Database` changes after it.

/**
 * `service_principals`: client id (the key), owning workspace, name (unique in the workspace)
 * and the secret's hash, for the token service the Azure SDK authenticates against.
 */
export const servicePrincipalsMigration: Migration = {
  async up(db: Kysely<any>): Promise<void> {
    await db.schema
      .createTable('service_principals')
      .addColumn('client_id', 'text', (col) => col.primaryKey())
      .addColumn('workspace', 'text', (col) => col.notNull().references('workspaces.name'))
      .addColumn('name', 'text', (col) => col.notNull())
      .addColumn('secret_hash', 'text', (col) => col.notNull())
      .addColumn('created_at', 'bigint', (col) => col.notNull())
      .addUniqueConstraint('service_principals_name_uq', ['workspace', 'name'])
      .execute();
  },
  async down(db: Kysely<any>): Promise<void> {
    await db.schema.dropTable('service_principals').execute();
  },
};
