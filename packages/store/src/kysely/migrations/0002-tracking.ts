import type { JobStatus } from '@lathe/core';
import { runStatusForJob } from '@lathe/tracking';
import { sql, SqliteAdapter, type Kysely, type Migration } from 'kysely';

// `Kysely<any>` on purpose: a migration must keep compiling as `Database` changes after it.

/**
 * MLflow tracking: experiments, runs, params, tags, metrics, dataset inputs and logged models.
 *
 * Layout choices, for scale:
 * - Runs get an integer `run_key`; child rows (params, tags, metrics) key on it, so their
 *   indexes stay small and joins are integer compares. `sequences` hands out run keys and
 *   experiment ids inside the writing transaction, portably.
 * - `metrics` is the full history, keyed by (run_key, key, step, timestamp, value, is_nan):
 *   logging is an insert (a duplicate point is ignored, as MLflow does) and a history read is a
 *   range scan of that key. On SQLite the table is WITHOUT ROWID, so the key *is* the table.
 * - `latest_metrics` keeps the latest point per (run, key) for search and lists.
 * - NaN is stored as value 0 with `is_nan = 1` (SQLite cannot store NaN); ±Infinity as is.
 */
export const trackingMigration: Migration = {
  async up(db: Kysely<any>): Promise<void> {
    const sqlite = db.getExecutor().adapter instanceof SqliteAdapter;
    await db.schema
      .createTable('sequences')
      .addColumn('name', 'text', (col) => col.primaryKey())
      .addColumn('value', 'bigint', (col) => col.notNull())
      .execute();
    await db
      .insertInto('sequences')
      .values([
        { name: 'experiment', value: 0 },
        { name: 'run', value: 0 },
      ])
      .execute();

    await db.schema
      .createTable('experiments')
      .addColumn('experiment_id', 'bigint', (col) => col.primaryKey())
      .addColumn('workspace', 'text', (col) => col.notNull().references('workspaces.name'))
      .addColumn('name', 'text', (col) => col.notNull())
      .addColumn('artifact_location', 'text', (col) => col.notNull())
      .addColumn('lifecycle_stage', 'text', (col) => col.notNull())
      .addColumn('creation_time', 'bigint', (col) => col.notNull())
      .addColumn('last_update_time', 'bigint', (col) => col.notNull())
      .addUniqueConstraint('experiments_workspace_name', ['workspace', 'name'])
      .execute();
    await db.schema
      .createTable('experiment_tags')
      .addColumn('experiment_id', 'bigint', (col) => col.notNull().references('experiments.experiment_id').onDelete('cascade'))
      .addColumn('key', 'text', (col) => col.notNull())
      .addColumn('value', 'text', (col) => col.notNull())
      .addPrimaryKeyConstraint('experiment_tags_pk', ['experiment_id', 'key'])
      .execute();

    await db.schema
      .createTable('runs')
      // On SQLite an INTEGER PRIMARY KEY is the rowid itself: no second index to keep.
      .addColumn('run_key', sqlite ? 'integer' : 'bigint', (col) => col.primaryKey())
      .addColumn('workspace', 'text', (col) => col.notNull())
      .addColumn('run_uuid', 'text', (col) => col.notNull())
      .addColumn('experiment_id', 'bigint', (col) => col.notNull().references('experiments.experiment_id'))
      .addColumn('name', 'text', (col) => col.notNull())
      .addColumn('user_id', 'text', (col) => col.notNull())
      .addColumn('status', 'text', (col) => col.notNull())
      .addColumn('start_time', 'bigint', (col) => col.notNull())
      .addColumn('end_time', 'bigint')
      .addColumn('lifecycle_stage', 'text', (col) => col.notNull())
      .addColumn('deleted_time', 'bigint')
      .addColumn('artifact_uri', 'text', (col) => col.notNull())
      .addColumn('job', 'text')
      .addUniqueConstraint('runs_workspace_uuid', ['workspace', 'run_uuid'])
      .execute();
    // The default order of runs/search: start_time DESC, run_uuid ASC within experiments.
    await db.schema.createIndex('runs_experiment_start').on('runs').columns(['experiment_id', 'start_time desc', 'run_uuid']).execute();
    await db.schema.createIndex('runs_experiment_name').on('runs').columns(['experiment_id', 'name']).execute();

    for (const table of ['run_params', 'run_tags']) {
      await db.schema
        .createTable(table)
        .addColumn('run_key', 'bigint', (col) => col.notNull())
        .addColumn('key', 'text', (col) => col.notNull())
        .addColumn('value', 'text', (col) => col.notNull())
        .addPrimaryKeyConstraint(`${table}_pk`, ['run_key', 'key'])
        .modifyEnd(sqlite ? sql`without rowid` : sql``)
        .execute();
      await db.schema.createIndex(`${table}_key_value`).on(table).columns(['key', 'value']).execute();
    }

    await db.schema
      .createTable('metrics')
      .addColumn('run_key', 'bigint', (col) => col.notNull())
      .addColumn('key', 'text', (col) => col.notNull())
      .addColumn('step', 'bigint', (col) => col.notNull())
      .addColumn('timestamp', 'bigint', (col) => col.notNull())
      .addColumn('value', 'double precision', (col) => col.notNull())
      .addColumn('is_nan', 'integer', (col) => col.notNull())
      .addPrimaryKeyConstraint('metrics_pk', ['run_key', 'key', 'step', 'timestamp', 'value', 'is_nan'])
      .modifyEnd(sqlite ? sql`without rowid` : sql``)
      .execute();
    await db.schema
      .createTable('latest_metrics')
      .addColumn('run_key', 'bigint', (col) => col.notNull())
      .addColumn('key', 'text', (col) => col.notNull())
      .addColumn('step', 'bigint', (col) => col.notNull())
      .addColumn('timestamp', 'bigint', (col) => col.notNull())
      .addColumn('value', 'double precision', (col) => col.notNull())
      .addColumn('is_nan', 'integer', (col) => col.notNull())
      .addPrimaryKeyConstraint('latest_metrics_pk', ['run_key', 'key'])
      .modifyEnd(sqlite ? sql`without rowid` : sql``)
      .execute();
    // Selective metric filters (metrics.acc > 0.99) start from here instead of from the runs.
    await db.schema.createIndex('latest_metrics_key_value').on('latest_metrics').columns(['key', 'value', 'run_key']).execute();

    await db.schema
      .createTable('run_inputs')
      .addColumn('run_key', 'bigint', (col) => col.notNull())
      .addColumn('name', 'text', (col) => col.notNull())
      .addColumn('digest', 'text', (col) => col.notNull())
      .addColumn('source_type', 'text', (col) => col.notNull())
      .addColumn('source', 'text', (col) => col.notNull())
      .addColumn('schema', 'text')
      .addColumn('profile', 'text')
      .addColumn('context', 'text')
      .addColumn('tags_json', 'text', (col) => col.notNull())
      .addPrimaryKeyConstraint('run_inputs_pk', ['run_key', 'name', 'digest'])
      .execute();

    await db.schema
      .createTable('logged_models')
      .addColumn('model_id', 'text', (col) => col.primaryKey())
      .addColumn('workspace', 'text', (col) => col.notNull())
      .addColumn('experiment_id', 'bigint', (col) => col.notNull().references('experiments.experiment_id'))
      .addColumn('name', 'text', (col) => col.notNull())
      .addColumn('artifact_location', 'text', (col) => col.notNull())
      .addColumn('creation_timestamp', 'bigint', (col) => col.notNull())
      .addColumn('last_updated_timestamp', 'bigint', (col) => col.notNull())
      .addColumn('status', 'text', (col) => col.notNull())
      .addColumn('status_message', 'text')
      .addColumn('lifecycle_stage', 'text', (col) => col.notNull())
      .addColumn('model_type', 'text')
      .addColumn('source_run_id', 'text')
      .execute();
    await db.schema.createIndex('logged_models_experiment').on('logged_models').columns(['experiment_id', 'creation_timestamp']).execute();
    for (const table of ['logged_model_params', 'logged_model_tags']) {
      await db.schema
        .createTable(table)
        .addColumn('model_id', 'text', (col) => col.notNull().references('logged_models.model_id').onDelete('cascade'))
        .addColumn('key', 'text', (col) => col.notNull())
        .addColumn('value', 'text', (col) => col.notNull())
        .addPrimaryKeyConstraint(`${table}_pk`, ['model_id', 'key'])
        .execute();
    }
    await db.schema
      .createTable('run_outputs')
      .addColumn('run_key', 'bigint', (col) => col.notNull())
      .addColumn('model_id', 'text', (col) => col.notNull())
      .addColumn('step', 'bigint', (col) => col.notNull())
      .addPrimaryKeyConstraint('run_outputs_pk', ['run_key', 'model_id'])
      .execute();
    await backfillJobRuns(db);
  },
  async down(db: Kysely<any>): Promise<void> {
    for (const table of [
      'run_outputs',
      'logged_model_tags',
      'logged_model_params',
      'logged_models',
      'run_inputs',
      'latest_metrics',
      'metrics',
      'run_tags',
      'run_params',
      'runs',
      'experiment_tags',
      'experiments',
      'sequences',
    ]) {
      await db.schema.dropTable(table).execute();
    }
  },
};

/**
 * Jobs created before tracking existed get what a new job gets: each workspace a `Default`
 * experiment (id 0 in `default`), each job a run in the experiment named by its
 * `experiment_name`, with its tags, status and times.
 */
async function backfillJobRuns(db: Kysely<any>): Promise<void> {
  const workspaces = (await db.selectFrom('workspaces').select(['name', 'created_at']).orderBy('name').execute()) as { name: string; created_at: number }[];
  let nextExperiment = 0;
  const experiments = new Map<string, number>();
  const experimentFor = async (workspace: string, name: string, at: number): Promise<number> => {
    const found = experiments.get(`${workspace}\u0000${name}`);
    if (found !== undefined) return found;
    const id = workspace === 'default' && name === 'Default' ? 0 : ++nextExperiment;
    await db
      .insertInto('experiments')
      .values({ experiment_id: id, workspace, name, artifact_location: `mlflow-artifacts:/${id}`, lifecycle_stage: 'active', creation_time: at, last_update_time: at })
      .execute();
    experiments.set(`${workspace}\u0000${name}`, id);
    return id;
  };
  for (const ws of workspaces) await experimentFor(ws.name, 'Default', Number(ws.created_at));
  const jobs = (await db.selectFrom('jobs').selectAll().orderBy('created_at').orderBy('name').execute()) as {
    workspace: string;
    name: string;
    type: string;
    status: JobStatus;
    display_name: string | null;
    experiment_name: string;
    description: string | null;
    created_at: number;
    started_at: number | null;
    ended_at: number | null;
  }[];
  let runKey = 0;
  for (const job of jobs) {
    const experimentId = await experimentFor(job.workspace, job.experiment_name, Number(job.created_at));
    runKey += 1;
    const runName = job.display_name ?? job.name;
    await db
      .insertInto('runs')
      .values({
        run_key: runKey,
        workspace: job.workspace,
        run_uuid: job.name,
        experiment_id: experimentId,
        name: runName,
        user_id: '',
        status: runStatusForJob(job.status),
        start_time: Number(job.started_at ?? job.created_at),
        end_time: job.ended_at === null ? null : Number(job.ended_at),
        lifecycle_stage: 'active',
        deleted_time: null,
        artifact_uri: `mlflow-artifacts:/${experimentId}/${job.name}/artifacts`,
        job: job.name,
      })
      .execute();
    const jobTags = (await db.selectFrom('job_tags').select(['key', 'value']).where('workspace', '=', job.workspace).where('job', '=', job.name).execute()) as { key: string; value: string }[];
    const tags = new Map(jobTags.map((t) => [t.key, t.value]));
    tags.set('mlflow.runName', runName);
    tags.set('mlflow.source.type', 'JOB');
    tags.set('mlflow.source.name', job.name);
    tags.set('lathe.job.type', job.type);
    if (job.description) tags.set('mlflow.note.content', job.description);
    await db
      .insertInto('run_tags')
      .values([...tags].map(([key, value]) => ({ run_key: runKey, key, value })))
      .execute();
  }
  await db.updateTable('sequences').set({ value: nextExperiment }).where('name', '=', 'experiment').execute();
  await db.updateTable('sequences').set({ value: runKey }).where('name', '=', 'run').execute();
}
