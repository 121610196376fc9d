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
    assert.deepEqual(
      (await t.client.listJobs({ tags: ['db=postgres'] })).value.map((j) => j.name),
      [job.name],
    );
  });

  it('answers text PostgreSQL cannot store (a NUL character) with a 400, never a 500', async () => {
    const post = async (path: string, body: unknown) => {
      const response = await fetch(`${t.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
      return { status: response.status, body: (await response.json()) as { error_code: string; message: string } };
    };
    const experiment = await post('/api/2.0/mlflow/experiments/create', { name: `pg-nul-${schema}` });
    const run = await post('/api/2.0/mlflow/runs/create', { experiment_id: (experiment.body as unknown as { experiment_id: string }).experiment_id });
    const runId = (run.body as unknown as { run: { info: { run_id: string } } }).run.info.run_id;
    const mlflow = [
      ['experiments/create', { name: 'a\u0000b' }],
      ['runs/set-tag', { run_id: runId, key: 'k', value: 'v\u0000' }],
      ['runs/log-parameter', { run_id: runId, key: 'p', value: 'v\u0000' }],
      ['registered-models/create', { name: 'nul-model', description: 'x\u0000' }],
    ] as const;
    for (const [endpoint, body] of mlflow) {
      const answer = await post(`/api/2.0/mlflow/${endpoint}`, body);
      assert.equal(answer.status, 400, `${endpoint}: ${JSON.stringify(answer.body)}`);
      assert.equal(answer.body.error_code, 'INVALID_PARAMETER_VALUE');
    }
    const job = await post('/api/v1/workspaces/default/jobs', { spec: { command: 'echo', tags: { a: 'x\u0000' }, description: 'd\u0000' } });
    assert.equal(job.status, 400, JSON.stringify(job.body));
    assert.equal(job.body.error_code, 'LATHE_BAD_REQUEST');
    assert.match(job.body.message, /cannot store/);
    const lookup = await fetch(`${t.url}/api/v1/workspaces/default/jobs/a%00b`);
    assert.ok(lookup.status < 500, `GET a job named with NUL: ${lookup.status}`);
  });
});
