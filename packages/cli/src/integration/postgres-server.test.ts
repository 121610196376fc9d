import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import pg from 'pg';
import { startTestServer, waitForEnd, type TestServer } from './harness.js';

const URL = process.env.LATHE_TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

describe('the server on PostgreSQL', () => {
  const schema = `lathe_it_${randomBytes(4).toString('hex')}`;
  let t: TestServer;
  before(async () => {
    t = await startTestServer({ LATHE_DATABASE_URL: URL, LATHE_DATABASE_SCHEMA: schema });
  });
  after(async () => {
    await t?.close();
    const client = new pg.Client({ connectionString: URL });
    await client.connect();
    await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    await client.end();
  });

  it('runs a job to completion with its metadata in PostgreSQL', async () => {
    const created = await t.client.createJob({ command: 'echo on postgres', experiment_name: 'pg', tags: { db: 'postgres' } });
    const job = await waitForEnd(t.client, created.name);
    assert.equal(job.status, 'Completed', job.error?.message);
    assert.match(await t.client.getLogs(job.name), /on postgres/);
    const client = new pg.Client({ connectionString: URL });
    await client.connect();
    const rows = await client.query(`SELECT status FROM ${schema}.jobs WHERE name = $1`, [job.name]);
    await client.end();
    assert.deepEqual(rows.rows, [{ status: 'Completed' }]);
    assert.deepEqual((await t.client.listJobs({ tags: ['db=postgres'] })).value.map((j) => j.name), [job.name]);
  });
});
