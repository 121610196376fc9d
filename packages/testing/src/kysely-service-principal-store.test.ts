import { randomBytes } from 'node:crypto';
import { after, describe } from 'node:test';
import pg from 'pg';
import { openPostgresStore, openSqliteStore } from '@lathe/store';
import { describeServicePrincipalStore } from './describe-service-principal-store.js';

const connectionString = process.env['LATHE_TEST_POSTGRES_URL'] ?? 'postgres://postgres@127.0.0.1:5432/test';
const schema = `lathe_test_${randomBytes(6).toString('hex')}`;

describeServicePrincipalStore('KyselyServicePrincipalStore on SQLite', () => openSqliteStore(':memory:'));

// An unreachable server fails the suite: skipping must be asked for explicitly.
if (process.env['LATHE_SKIP_POSTGRES'] === '1') {
  describe('KyselyServicePrincipalStore on PostgreSQL', { skip: 'LATHE_SKIP_POSTGRES=1' }, () => {});
} else {
  after(async () => {
    const client = new pg.Client({ connectionString });
    await client.connect();
    try {
      await client.query(`drop schema if exists "${schema}" cascade`);
    } finally {
      await client.end();
    }
  });
  describeServicePrincipalStore('KyselyServicePrincipalStore on PostgreSQL', () => openPostgresStore({ connectionString, schema }));
}
