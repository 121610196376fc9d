import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import SqliteDatabase from 'better-sqlite3';
import { Kysely, Migrator, SqliteDialect } from 'kysely';
import { openSqliteStore } from '../open-sqlite-store.js';
import { initialMigration } from './0001-initial.js';
import { trackingMigration } from './0002-tracking.js';
import { assetsMigration } from './0003-assets.js';

const folder = await mkdtemp(join(tmpdir(), 'lathe-migrate-'));
after(() => rm(folder, { recursive: true, force: true }));

test('models registered before the model registry become registered models with their versions', async () => {
  const file = join(folder, 'old.db');
  const old = new Kysely<any>({ dialect: new SqliteDialect({ database: new SqliteDatabase(file) }) });
  const migrations = { '0001-initial': initialMigration, '0002-tracking': trackingMigration, '0003-assets': assetsMigration };
  const { error } = await new Migrator({ db: old, provider: { getMigrations: async () => migrations } }).migrateToLatest();
  assert.equal(error, undefined);
  await old.insertInto('workspaces').values({ name: 'default', created_at: 1 }).execute();
  const version = (name: string, v: string, at: number, spec: Record<string, unknown>, kind = 'model') => ({
    workspace: 'default',
    kind,
    name,
    version: v,
    spec_json: JSON.stringify({ name, version: v, path: `blob://${'b'.repeat(64)}`, ...spec }),
    content_hash: `${name}${v}`,
    created_at: at,
    archived: 0,
  });
  await old
    .insertInto('asset_versions')
    .values([
      version('iris', '1', 10, { type: 'mlflow_model', source_path: 'azureml://jobs/train_1/outputs/model/paths/', stage: 'production', description: 'first' }),
      version('iris', '2', 20, { type: 'custom_model' }),
      version('iris', 'beta', 30, { type: 'custom_model' }),
      version('iris', '1', 5, { type: 'uri_folder' }, 'data'),
    ])
    .execute();
  await old.destroy();

  const store = await openSqliteStore(file);
  try {
    const model = await store.modelRegistry.getRegisteredModel('default', 'iris');
    assert.deepEqual(
      [model.createdAt, model.updatedAt, model.latestVersions.map((v) => [v.version, v.stage])],
      [
        10,
        30,
        [
          ['2', 'None'],
          ['1', 'Production'],
        ],
      ],
    );
    const v1 = await store.modelRegistry.getModelVersion('default', 'iris', { version: '1' });
    assert.deepEqual([v1.runId, v1.source, v1.description], ['train_1', 'azureml://jobs/train_1/outputs/model/paths/', 'first']);
    const next = await store.modelRegistry.createModelVersion('default', { name: 'iris', spec: { type: 'custom_model', path: `blob://${'b'.repeat(64)}` }, contentHash: 'n', source: 's', at: 40 });
    assert.equal(next.version, '3');
  } finally {
    await store.close();
  }
});
