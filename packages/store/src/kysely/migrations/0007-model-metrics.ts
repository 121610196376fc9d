import { sql, SqliteAdapter, type Kysely, type Migration } from 'kysely';

// `Kysely<any>` on purpose: a migration must keep compiling as `Database` changes after it.

/**
 * What MLflow 3 records about logged models beyond their own rows:
 * - `logged_model_metrics`: metric points logged with a `model_id` (autolog, `mlflow.evaluate`),
 *   with the run that logged them and the dataset they were measured on. The run's own
 *   `metrics` row is written too; this is the model's copy, which logged-models/search filters
 *   and sorts on. Absent run and dataset fields are stored as '' so that the primary key, which
 *   makes an identical point land once, has no NULLs.
 * - `run_model_inputs`: the logged models a run consumed (runs/log-inputs `models`).
 */
export const modelMetricsMigration: Migration = {
  async up(db: Kysely<any>): Promise<void> {
    const sqlite = db.getExecutor().adapter instanceof SqliteAdapter;
    await db.schema
      .createTable('logged_model_metrics')
      .addColumn('model_id', 'text', (col) => col.notNull().references('logged_models.model_id').onDelete('cascade'))
      .addColumn('key', 'text', (col) => col.notNull())
      .addColumn('step', 'bigint', (col) => col.notNull())
      .addColumn('timestamp', 'bigint', (col) => col.notNull())
      .addColumn('value', 'double precision', (col) => col.notNull())
      .addColumn('is_nan', 'integer', (col) => col.notNull())
      .addColumn('run_id', 'text', (col) => col.notNull())
      .addColumn('dataset_name', 'text', (col) => col.notNull())
      .addColumn('dataset_digest', 'text', (col) => col.notNull())
      .addPrimaryKeyConstraint('logged_model_metrics_pk', ['model_id', 'key', 'step', 'timestamp', 'value', 'is_nan', 'run_id', 'dataset_name', 'dataset_digest'])
      .modifyEnd(sqlite ? sql`without rowid` : sql``)
      .execute();
    await db.schema
      .createTable('run_model_inputs')
      .addColumn('run_key', 'bigint', (col) => col.notNull())
      .addColumn('model_id', 'text', (col) => col.notNull())
      .addPrimaryKeyConstraint('run_model_inputs_pk', ['run_key', 'model_id'])
      .modifyEnd(sqlite ? sql`without rowid` : sql``)
      .execute();
  },
  async down(db: Kysely<any>): Promise<void> {
    await db.schema.dropTable('run_model_inputs').execute();
    await db.schema.dropTable('logged_model_metrics').execute();
  },
};
