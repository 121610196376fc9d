import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import SqliteDatabase from 'better-sqlite3';
import { Kysely, Migrator, SqliteDialect } from 'kysely';
import { openSqliteStore } from '../open-sqlite-store.js';
import { initialMigration } from './0001-initial.js';

const folder = await mkdtemp(join(tmpdir(), 'lathe-migrate-'));
after(() => rm(folder, { recursive: true, force: true }));

test('a database from before tracking gets a run for every job, and keeps working', async () => {
  const file = join(folder, 'old.db');
  const old = new Kysely<any>({ dialect: new SqliteDialect({ database: new SqliteDatabase(file) }) });
  const { error } = await new Migrator({ db: old, provider: { getMigrations: async () => ({ '0001-initial': initialMigration }) } }).migrateToLatest();
  assert.equal(error, undefined);
  await old
    .insertInto('workspaces')
    .values([
      { name: 'default', created_at: 1 },
      { name: 'team', created_at: 2 },
    ])
    .execute();
  const job = (workspace: string, name: string, status: string, experiment: string) => ({
    workspace,
    name,
    type: 'command',
    status,
    display_name: null,
    experiment_name: experiment,
    description: 'old job',
    compute: 'local',
    spec_json: '{}',
    warnings_json: '[]',
    created_at: 10,
    updated_at: 30,
    started_at: status === 'Queued' ? null : 20,
    ended_at: status === 'Completed' ? 30 : null,
    handle_json: null,
    failure_json: null,
    exit_code: null,
  });
  await old
    .insertInto('jobs')
    .values([job('default', 'done_job', 'Completed', 'exp-a'), job('team', 'queued_job', 'Queued', 'exp-a')])
    .execute();
  await old.insertInto('job_tags').values({ workspace: 'default', job: 'done_job', key: 'team', value: 'vision' }).execute();
  await old.destroy();

  const store = await openSqliteStore(file);
  try {
    const done = await store.tracking.getRun('default', 'done_job');
    assert.equal(done.info.status, 'FINISHED');
    assert.equal(done.info.startTime, 20);
    assert.equal(done.info.endTime, 30);
    assert.equal(done.info.job, 'done_job');
    assert.equal(done.data.tags.find((t) => t.key === 'team')?.value, 'vision');
    assert.equal(done.data.tags.find((t) => t.key === 'mlflow.note.content')?.value, 'old job');
    const queued = await store.tracking.getRun('team', 'queued_job');
    assert.equal(queued.info.status, 'SCHEDULED');
    assert.notEqual(queued.info.experimentId, done.info.experimentId, 'experiments belong to their workspace');
    assert.equal((await store.tracking.getExperiment('default', '0')).name, 'Default');
    assert.equal((await store.tracking.findExperimentByName('team', 'Default'))?.lifecycleStage, 'active');
    // New experiments and runs continue after the backfilled ones.
    const fresh = await store.tracking.createExperiment('default', { name: 'new', at: 40 });
    assert.ok(Number(fresh.experimentId) > Number(queued.info.experimentId));
    const run = await store.tracking.createRun('default', { experimentId: fresh.experimentId });
    await store.tracking.logBatch('default', run.info.runId, { metrics: [{ key: 'm', value: 1, step: 0, timestamp: 1 }] });
    await store.transitionJob({ workspace: 'team', name: 'queued_job', from: ['Queued'], to: 'Preparing', at: 50 });
    await store.transitionJob({ workspace: 'team', name: 'queued_job', from: ['Preparing'], to: 'Running', at: 60 });
    assert.equal((await store.tracking.getRunInfo('team', 'queued_job')).status, 'RUNNING');
  } finally {
    await store.close();
  }
});
