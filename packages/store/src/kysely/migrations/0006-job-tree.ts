import type { Kysely, Migration } from 'kysely';

// `Kysely<any>` on purpose: a migration must keep compiling as `Database` changes after it.

/**
 * Jobs that create jobs, and state that must outlive the server:
 * - `parent` and `root`: a child job (a sweep's trial, a pipeline's step) names the job that
 *   created it and the top of its tree; both NULL for a job a user submitted.
 * - `controller_json`: what a controller job (sweep, pipeline) recorded about its progress, so a
 *   restarted server resumes it where it was.
 * - `finalization_json`: the outcome a launcher reported and the publishing steps already done,
 *   so a crash while a Completed job's outputs are published resumes the publishing on start.
 */
export const jobTreeMigration: Migration = {
  async up(db: Kysely<any>): Promise<void> {
    await db.schema.alterTable('jobs').addColumn('parent', 'text').execute();
    await db.schema.alterTable('jobs').addColumn('root', 'text').execute();
    await db.schema.alterTable('jobs').addColumn('controller_json', 'text').execute();
    await db.schema.alterTable('jobs').addColumn('finalization_json', 'text').execute();
    await db.schema.createIndex('jobs_workspace_parent').on('jobs').columns(['workspace', 'parent', 'created_at', 'name']).execute();
    await db.schema.createIndex('jobs_status_type_compute').on('jobs').columns(['status', 'type', 'compute', 'created_at']).execute();
  },
  async down(db: Kysely<any>): Promise<void> {
    await db.schema.dropIndex('jobs_status_type_compute').execute();
    await db.schema.dropIndex('jobs_workspace_parent').execute();
    for (const column of ['finalization_json', 'controller_json', 'root', 'parent']) {
      await db.schema.alterTable('jobs').dropColumn(column).execute();
    }
  },
};
