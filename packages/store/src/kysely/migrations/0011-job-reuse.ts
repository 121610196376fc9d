import type { Kysely, Migration } from 'kysely';

// `Kysely<any>` on purpose: a migration must keep compiling as `Database` changes after it.

/**
 * Step reuse: `jobs.reuse_key`, the digest of what a pipeline step computes (its component, code,
 * environment, parameters and input contents), and `jobs.reused_from`, set on a step that ran
 * nothing because an earlier Completed job with the same key had done the work. The index finds
 * that earlier job in one lookup.
 */
export const jobReuseMigration: Migration = {
  async up(db: Kysely<any>): Promise<void> {
    await db.schema.alterTable('jobs').addColumn('reuse_key', 'text').execute();
    await db.schema.alterTable('jobs').addColumn('reused_from', 'text').execute();
    await db.schema.createIndex('jobs_reuse_key').on('jobs').columns(['workspace', 'reuse_key']).execute();
  },
  async down(db: Kysely<any>): Promise<void> {
    await db.schema.dropIndex('jobs_reuse_key').execute();
    await db.schema.alterTable('jobs').dropColumn('reused_from').execute();
    await db.schema.alterTable('jobs').dropColumn('reuse_key').execute();
  },
};
