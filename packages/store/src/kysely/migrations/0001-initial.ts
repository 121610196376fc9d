import type { Kysely, Migration } from 'kysely';

// `Kysely<any>` on purpose: a migration must keep compiling as `Database` changes after it.

/**
 * Workspaces, jobs, job tags and job status history. Portable column types only (text, bigint,
 * integer) so that the same migration runs on SQLite and PostgreSQL.
 */
export const initialMigration: Migration = {
  async up(db: Kysely<any>): Promise<void> {
    await createWorkspaces(db);
    await createJobs(db);
    await createJobTags(db);
    await createJobEvents(db);
  },
  async down(db: Kysely<any>): Promise<void> {
    for (const table of ['job_events', 'job_tags', 'jobs', 'workspaces']) {
      await db.schema.dropTable(table).execute();
    }
  },
};

async function createWorkspaces(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('workspaces')
    .addColumn('name', 'text', (col) => col.primaryKey())
    .addColumn('created_at', 'bigint', (col) => col.notNull())
    .execute();
}

async function createJobs(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('jobs')
    .addColumn('workspace', 'text', (col) => col.notNull().references('workspaces.name'))
    .addColumn('name', 'text', (col) => col.notNull())
    .addColumn('type', 'text', (col) => col.notNull())
    .addColumn('status', 'text', (col) => col.notNull())
    .addColumn('display_name', 'text')
    .addColumn('experiment_name', 'text', (col) => col.notNull())
    .addColumn('description', 'text')
    .addColumn('compute', 'text', (col) => col.notNull())
    .addColumn('spec_json', 'text', (col) => col.notNull())
    .addColumn('warnings_json', 'text', (col) => col.notNull())
    .addColumn('created_at', 'bigint', (col) => col.notNull())
    .addColumn('updated_at', 'bigint', (col) => col.notNull())
    .addColumn('started_at', 'bigint')
    .addColumn('ended_at', 'bigint')
    .addColumn('handle_json', 'text')
    .addColumn('failure_json', 'text')
    .addColumn('exit_code', 'integer')
    .addPrimaryKeyConstraint('jobs_pk', ['workspace', 'name'])
    .execute();
  await createIndex(db, 'jobs_workspace_created', 'jobs', ['workspace', 'created_at', 'name']);
  await createIndex(db, 'jobs_workspace_status', 'jobs', ['workspace', 'status', 'created_at']);
  await createIndex(db, 'jobs_workspace_experiment', 'jobs', ['workspace', 'experiment_name', 'created_at']);
  await createIndex(db, 'jobs_status_created', 'jobs', ['status', 'created_at']);
}

async function createJobTags(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('job_tags')
    .addColumn('workspace', 'text', (col) => col.notNull())
    .addColumn('job', 'text', (col) => col.notNull())
    .addColumn('key', 'text', (col) => col.notNull())
    .addColumn('value', 'text', (col) => col.notNull())
    .addPrimaryKeyConstraint('job_tags_pk', ['workspace', 'job', 'key'])
    .addForeignKeyConstraint('job_tags_job_fk', ['workspace', 'job'], 'jobs', ['workspace', 'name'], (fk) => fk.onDelete('cascade'))
    .execute();
  await createIndex(db, 'job_tags_workspace_key_value', 'job_tags', ['workspace', 'key', 'value']);
}

async function createJobEvents(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('job_events')
    .addColumn('workspace', 'text', (col) => col.notNull())
    .addColumn('job', 'text', (col) => col.notNull())
    .addColumn('seq', 'integer', (col) => col.notNull())
    .addColumn('status', 'text', (col) => col.notNull())
    .addColumn('time', 'bigint', (col) => col.notNull())
    .addColumn('reason', 'text')
    .addPrimaryKeyConstraint('job_events_pk', ['workspace', 'job', 'seq'])
    .addForeignKeyConstraint('job_events_job_fk', ['workspace', 'job'], 'jobs', ['workspace', 'name'], (fk) => fk.onDelete('cascade'))
    .execute();
}

async function createIndex(db: Kysely<any>, name: string, table: string, columns: string[]): Promise<void> {
  await db.schema.createIndex(name).on(table).columns(columns).execute();
}
