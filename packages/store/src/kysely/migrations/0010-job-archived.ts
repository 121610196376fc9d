import type { Kysely, Migration } from 'kysely';

// `Kysely<any>` on purpose: a migration must keep compiling as `Database` changes after it.

/**
 * `jobs.archived` (0 or 1): an archived job is hidden from the active job list, as Azure ML's
 * `jobs.archive` hides it; it keeps running, and its run, outputs and lineage stay.
 */
export const jobArchivedMigration: Migration = {
  async up(db: Kysely<any>): Promise<void> {
    await db.schema
      .alterTable('jobs')
      .addColumn('archived', 'integer', (col) => col.notNull().defaultTo(0))
      .execute();
  },
  async down(db: Kysely<any>): Promise<void> {
    await db.schema.alterTable('jobs').dropColumn('archived').execute();
  },
};
