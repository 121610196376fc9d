import { randomBytes } from 'node:crypto';
import { after, describe } from 'node:test';
import pg from 'pg';
import { openPostgresStore } from '@lathe/store';
import { describeMetadataStore } from './describe-metadata-store.js';
import { describeTrackingStore } from './describe-tracking-store.js';
import { describeModelRegistryStore } from './describe-model-registry-store.js';
import { describeAssetStore } from './describe-asset-store.js';
import { describeWorkspaceStore } from './describe-workspace-store.js';
import { describeServicePrincipalStore } from './describe-service-principal-store.js';
import { describeScheduleStore } from './describe-schedule-store.js';

const connectionString = process.env['LATHE_TEST_POSTGRES_URL'] ?? 'postgres://postgres@127.0.0.1:5432/test';
const schema = `lathe_test_${randomBytes(6).toString('hex')}`;

// An unreachable server fails the suite: skipping must be asked for explicitly.
if (process.env['LATHE_SKIP_POSTGRES'] === '1') {
  describe('KyselyMetadataStore on PostgreSQL', { skip: 'LATHE_SKIP_POSTGRES=1' }, () => {});
  describe('KyselyTrackingStore on PostgreSQL', { skip: 'LATHE_SKIP_POSTGRES=1' }, () => {});
  describe('KyselyModelRegistryStore on PostgreSQL', { skip: 'LATHE_SKIP_POSTGRES=1' }, () => {});
  describe('KyselyAssetStore on PostgreSQL', { skip: 'LATHE_SKIP_POSTGRES=1' }, () => {});
  describe('KyselyWorkspaceStore on PostgreSQL', { skip: 'LATHE_SKIP_POSTGRES=1' }, () => {});
  describe('KyselyScheduleStore on PostgreSQL', { skip: 'LATHE_SKIP_POSTGRES=1' }, () => {});
} else {
  after(() => dropSchema());
  describeMetadataStore('KyselyMetadataStore on PostgreSQL', () => openPostgresStore({ connectionString, schema }));
  describeTrackingStore('KyselyTrackingStore on PostgreSQL', () => openPostgresStore({ connectionString, schema }));
  describeModelRegistryStore('KyselyModelRegistryStore on PostgreSQL', () => openPostgresStore({ connectionString, schema }));
  describeAssetStore('KyselyAssetStore on PostgreSQL', () => openPostgresStore({ connectionString, schema }));
  describeWorkspaceStore('KyselyWorkspaceStore on PostgreSQL', () => openPostgresStore({ connectionString, schema }));
  describeServicePrincipalStore('KyselyServicePrincipalStore on PostgreSQL', () => openPostgresStore({ connectionString, schema }));
  describeScheduleStore('KyselyScheduleStore on PostgreSQL', () => openPostgresStore({ connectionString, schema }));
}

async function dropSchema(): Promise<void> {
  const client = new pg.Client({ connectionString });
  await client.connect();
  try {
    await client.query(`drop schema if exists "${schema}" cascade`);
  } finally {
    await client.end();
  }
}
