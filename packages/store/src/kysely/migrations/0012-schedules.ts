import type { Kysely, Migration } from 'kysely';

// `Kysely<any>` on purpose: a migration must keep compiling as `Database` changes after it.

/**
 * Schedules (Azure ML `schedule` YAML) and the link from a job to the schedule that fired it:
 * - `schedules`: one row per schedule with its spec, whether it fires, and its bookkeeping
 *   (`last_fired_at`, `next_fire_at`, `last_job`, `last_error`); the runner reads the earliest
 *   `next_fire_at`, indexed.
 * - `jobs.schedule`: the schedule a job was fired by; NULL for every other job.
 */
export const schedulesMigration: Migration = {
  async up(db: Kysely<any>): Promise<void> {
    await db.schema
      .createTable('schedules')
      .addColumn('workspace', 'text', (col) => col.notNull().references('workspaces.name'))
      .addColumn('name', 'text', (col) => col.notNull())
      .addColumn('spec_json', 'text', (col) => col.notNull())
      .addColumn('enabled', 'integer', (col) => col.notNull())
      .addColumn('created_at', 'bigint', (col) => col.notNull())
      .addColumn('updated_at', 'bigint', (col) => col.notNull())
      .addColumn('last_fired_at', 'bigint')
      .addColumn('next_fire_at', 'bigint')
      .addColumn('last_job', 'text')
      .addColumn('last_error', 'text')
      .addPrimaryKeyConstraint('schedules_pk', ['workspace', 'name'])
      .execute();
    await db.schema.createIndex('schedules_next_fire_at').on('schedules').column('next_fire_at').execute();
    await db.schema.alterTable('jobs').addColumn('schedule', 'text').execute();
    await db.schema.createIndex('jobs_schedule').on('jobs').columns(['workspace', 'schedule']).execute();
  },
  async down(db: Kysely<any>): Promise<void> {
    await db.schema.dropIndex('jobs_schedule').execute();
    await db.schema.alterTable('jobs').dropColumn('schedule').execute();
    await db.schema.dropTable('schedules').execute();
  },
};
