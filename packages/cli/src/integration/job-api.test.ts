import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { LatheClient } from '@lathe/sdk';
import { jobToken, startTestServer, waitForEnd, type TestServer } from './harness.js';

describe('jobs REST API', () => {
  let t: TestServer;
  const call = async (method: string, path: string, body?: unknown, type = 'application/json') => {
    const init: RequestInit = { method };
    if (body !== undefined) init.body = typeof body === 'string' ? body : JSON.stringify(body);
    if (body !== undefined) init.headers = { 'content-type': type };
    const response = await fetch(`${t.url}${path}`, init);
    const text = await response.text();
    // Response bodies are checked field by field, so they are read loosely.
    const parsed: any = text.startsWith('{') ? JSON.parse(text) : text;
    return { status: response.status, body: parsed };
  };
  const jobs = '/api/v1/workspaces/default/jobs';

  before(async () => {
    t = await startTestServer({ LATHE_CONCURRENCY: '2' });
  });
  after(async () => t.close());

  it('an invalid spec is refused with its field and nothing is created', async () => {
    const typo = await call('POST', jobs, { spec: { comand: 'echo hi', command: 'echo' } });
    assert.equal(typo.status, 400);
    assert.equal(typo.body.error_code, 'LATHE_INVALID_SPEC');
    assert.equal(typo.body.details.field, 'comand');
    assert.match(typo.body.message, /unknown field 'comand'; allowed fields: .*command/);
    const wrong = await call('POST', jobs, { spec: { command: 'echo', limits: { timeout: 'soon' } } });
    assert.equal(wrong.body.details.field, 'limits.timeout');
    const binding = await call('POST', jobs, { spec: { command: 'echo ${{inputs.missing}}' } });
    assert.match(binding.body.message, /inputs\.missing/);
    const local = await call('POST', jobs, { spec: { command: 'ls ${{inputs.d}}', inputs: { d: { path: './data' } } } });
    assert.equal(local.status, 400);
    assert.match(local.body.message, /inputs\.d\.path: '\.\/data' cannot be used here/);
    const notUploaded = await call('POST', jobs, { spec: { command: 'ls', code: `blob://${'a'.repeat(64)}` } });
    assert.match(notUploaded.body.message, /has not been uploaded/);
    const extra = await call('POST', jobs, { spec: { command: 'ls' }, extra: 1 });
    assert.equal(extra.status, 400);
    assert.equal(extra.body.error_code, 'LATHE_BAD_REQUEST');
    const notJson = await call('POST', jobs, '{"spec":', 'application/json');
    assert.equal(notJson.status, 400);
    assert.equal((await t.client.listJobs()).value.length, 0);
  });

  it('a job name is unique in its workspace and must be a valid name', async () => {
    const first = await call('POST', jobs, { spec: { command: 'true' }, name: 'unique_job' });
    assert.equal(first.status, 201);
    const second = await call('POST', jobs, { spec: { command: 'true' }, name: 'unique_job' });
    assert.equal(second.status, 409);
    assert.equal(second.body.error_code, 'LATHE_CONFLICT');
    const bad = await call('POST', jobs, { spec: { command: 'true' }, name: '../etc' });
    assert.equal(bad.body.error_code, 'LATHE_INVALID_SPEC');
    await waitForEnd(t.client, 'unique_job');
  });

  it('a compute the workspace does not define runs on local with a warning', async () => {
    const created = await t.client.createJob({ command: 'true', compute: 'azureml:cpu-cluster', identity: { type: 'user_identity' } });
    assert.equal(created.compute, 'local');
    assert.ok(created.warnings.some((w) => /compute 'azureml:cpu-cluster' is not defined/.test(w)));
    assert.ok(created.warnings.some((w) => /identity: accepted but not applied/.test(w)));
    await waitForEnd(t.client, created.name);
  });

  it('lists filter by status, experiment and tag, newest first, in pages', async () => {
    for (let i = 0; i < 5; i++) {
      await t.client.createJob({ command: i === 4 ? 'exit 1' : 'true', experiment_name: 'listing', tags: { index: String(i), parity: i % 2 ? 'odd' : 'even' } });
    }
    const all = await t.client.listJobs({ experimentName: 'listing' });
    assert.deepEqual(
      all.value.map((j) => j.tags.index),
      ['4', '3', '2', '1', '0'],
    );
    for (const j of all.value) await waitForEnd(t.client, j.name);
    const odd = await t.client.listJobs({ experimentName: 'listing', tags: ['parity=odd'] });
    assert.deepEqual(
      odd.value.map((j) => j.tags.index),
      ['3', '1'],
    );
    const failed = await t.client.listJobs({ experimentName: 'listing', status: 'Failed' });
    assert.deepEqual(
      failed.value.map((j) => j.tags.index),
      ['4'],
    );
    const page1 = await t.client.listJobs({ experimentName: 'listing', maxResults: 2 });
    const page2 = await t.client.listJobs({ experimentName: 'listing', maxResults: 2, pageToken: page1.next_page_token });
    const page3 = await t.client.listJobs({ experimentName: 'listing', maxResults: 2, pageToken: page2.next_page_token });
    assert.deepEqual(
      [...page1.value, ...page2.value, ...page3.value].map((j) => j.tags.index),
      ['4', '3', '2', '1', '0'],
    );
    assert.equal(page3.next_page_token, undefined);
    const badStatus = await call('GET', `${jobs}?status=Sleeping`);
    assert.equal(badStatus.status, 400);
    const badToken = await call('GET', `${jobs}?page_token=zzz`);
    assert.equal(badToken.body.error_code, 'LATHE_BAD_REQUEST');
    const tooMany = await call('GET', `${jobs}?max_results=5000`);
    assert.equal(tooMany.status, 400);
  });

  it('unknown jobs, workspaces, outputs and routes are 404 with a code', async () => {
    assert.equal((await call('GET', `${jobs}/no_such_job`)).body.error_code, 'LATHE_NOT_FOUND');
    assert.equal((await call('GET', '/api/v1/workspaces/elsewhere/jobs')).body.error_code, 'LATHE_NOT_FOUND');
    assert.equal((await call('POST', `${jobs}/no_such_job/cancel`)).status, 404);
    assert.equal((await call('GET', '/api/v1/nothing-here')).status, 404);
    const [job] = (await t.client.listJobs({ maxResults: 1 })).value;
    assert.equal((await call('GET', `${jobs}/${job?.name}/outputs/nope/files`)).status, 404);
  });

  it('file paths cannot escape an output and uploads must match their digest', async () => {
    const created = await t.client.createJob({ command: 'mkdir -p $AZURE_ML_OUTPUT_out/sub && echo hi > $AZURE_ML_OUTPUT_out/sub/a.txt', outputs: { out: {} } });
    const job = await waitForEnd(t.client, created.name);
    assert.equal(job.status, 'Completed', job.error?.message);
    const base = `${jobs}/${job.name}/outputs/out/files`;
    assert.equal((await call('GET', `${base}/sub/a.txt`)).body, 'hi\n');
    const escape = await call('GET', `${base}/..%2F..%2F..%2F..%2F..%2F..%2Fetc%2Fpasswd`);
    assert.equal(escape.status, 400);
    assert.equal(escape.body.error_code, 'LATHE_PATH_ESCAPE');
    const digest = 'b'.repeat(64);
    const put = await fetch(`${t.url}/api/v1/workspaces/default/blobs/${digest}`, {
      method: 'PUT',
      body: 'not matching',
      headers: { 'content-type': 'application/octet-stream' },
    });
    assert.equal(put.status, 400);
    assert.equal(((await put.json()) as { error_code: string }).error_code, 'LATHE_CHECKSUM_MISMATCH');
    assert.equal((await fetch(`${t.url}/api/v1/workspaces/default/blobs/${digest}`, { method: 'HEAD' })).status, 404);
  });

  it('runtime writes to a finished job are refused', async () => {
    const [job] = (await t.client.listJobs({ status: 'Completed', maxResults: 1 })).value;
    const token = await jobToken(t.home, job?.name as string);
    const late = await fetch(`${t.url}${jobs}/${job?.name}/runtime/logs?offset=0`, {
      method: 'POST',
      body: 'late text',
      headers: { 'content-type': 'application/octet-stream', authorization: `Bearer ${token}` },
    });
    assert.equal(late.status, 409);
    const report = await new LatheClient({ url: t.url, token }).reportRuntime(job?.name as string, { status: 'Running' });
    assert.deepEqual(report, { applied: false, status: 'Completed' });
  });

  it('the JSON Schema for editors is served', async () => {
    const schema = await call('GET', '/api/v1/schemas/commandJob.schema.json');
    assert.equal(schema.status, 200);
    const properties = schema.body.properties as Record<string, { type?: string; anyOf?: { type?: string }[] }>;
    assert.equal(properties.command?.type, 'string');
    // A component reference, or an inline component (a pipeline step's, read from its file).
    assert.deepEqual(
      properties.component?.anyOf?.map((s) => s.type),
      ['string', 'object'],
    );
    const data = await call('GET', '/api/v1/schemas/data.schema.json');
    assert.equal(data.status, 200);
    assert.equal((data.body.properties as Record<string, unknown>).path !== undefined, true);
  });
});
