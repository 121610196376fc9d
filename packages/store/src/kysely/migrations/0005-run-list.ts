import type { Kysely, Migration } from 'kysely';

// `Kysely<any>` on purpose: a migration must keep compiling as `Database` changes after it.

/**
 * Runs across every experiment of a workspace, newest first (Studio's job list), read in index
 * order and stopped at the page's end instead of sorting every run of the workspace.
 */
export const runListMigration: Migration = {
  async up(db: Kysely<any>): Promise<void> {
    await db.schema.createIndex('runs_workspace_start').on('runs').columns(['workspace', 'start_time desc', 'run_uuid']).execute();
  },
  async down(db: Kysely<any>): Promise<void> {
    await db.schema.dropIndex('runs_workspace_start').execute();
  },
};
