import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { MlflowTestServer } from '../../testing/mlflow-test-server.js';

const WS = '/api/v1/workspaces/default';
const LOCAL_UPLOADS = 'azureml://datastores/workspaceblobstore/paths/LocalUpload';

/** Every string anywhere in `value`. */
function strings(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (typeof value !== 'object' || value === null) return [];
  return Object.values(value).flatMap(strings);
}

describe('job and asset resources name stored content by user-facing URIs, never blob://', () => {
  let srv: MlflowTestServer;
  let sha: string;
  before(async () => {
    srv = await MlflowTestServer.start();
    const content = 'a,b\n1,2\n';
    sha = createHash('sha256').update(content).digest('hex');
    assert.equal((await srv.send('PUT', `${WS}/blobs/${sha}`, content, { 'content-type': 'application/octet-stream' })).status, 201);
  });
  after(async () => srv?.close());

  /** Polls job `name` until it has ended; returns it. */
  async function ended(name: string): Promise<{ status: string }> {
    for (let i = 0; i < 600; i++) {
      const job = (await srv.get(`${WS}/jobs/${name}`)).body;
      if (['Completed', 'Failed', 'Canceled'].includes(job.status)) return job;
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error(`job ${name} did not end`);
  }

  it('a job names its uploaded code and input by datastore URI, and an asset input by its version', async () => {
    const asset = await srv.post(`${WS}/data/iris/versions`, { spec: { name: 'iris', version: '1', type: 'uri_file', path: `blob://${sha}/iris.csv` } });
    assert.equal(asset.status, 201, JSON.stringify(asset.body));
    const spec = {
      command: 'cat ${{inputs.local}} ${{inputs.named}}',
      code: `blob://${sha}`,
      inputs: { local: { type: 'uri_file', path: `blob://${sha}/train.csv` }, named: { type: 'uri_file', path: 'azureml:iris:1' }, C: 0.5 },
    };
    const created = await srv.post(`${WS}/jobs`, { spec });
    assert.equal(created.status, 201, JSON.stringify(created.body));
    const job = (await srv.get(`${WS}/jobs/${created.body.name}`)).body;
    assert.deepEqual(job.uris, {
      code: `${LOCAL_UPLOADS}/${sha}/`,
      'inputs.local': `${LOCAL_UPLOADS}/${sha}/train.csv`,
      'inputs.named': 'azureml:iris:1',
    });
    // The internal field stays for clients that read it; the URIs never show it.
    assert.equal(job.spec.inputs.named.path, `blob://${sha}/iris.csv`);
    assert.deepEqual(
      strings(job.uris).filter((s) => s.startsWith('blob://')),
      [],
    );
  });

  it('a job names an input copied from a datastore path or a job output by that URI', async () => {
    // The built-in datastore is a folder of the server's home.
    const shared = join(srv.home, 'datastores', 'default', 'workspaceblobstore', 'shared');
    await mkdir(shared, { recursive: true });
    await writeFile(join(shared, 'train.csv'), 'x\n1\n');
    const producer = (await srv.post(`${WS}/jobs`, { spec: { command: 'mkdir -p outputs && echo x > outputs/y.txt' } })).body.name as string;
    await ended(producer);
    const datastore = 'azureml://datastores/workspaceblobstore/paths/shared/train.csv';
    const output = `azureml://jobs/${producer}/outputs/default/paths/outputs/`;
    const spec = {
      command: 'cat ${{inputs.table}} ${{inputs.previous}}/y.txt',
      inputs: { table: { type: 'uri_file', path: datastore }, previous: { type: 'uri_folder', path: output } },
    };
    const created = await srv.post(`${WS}/jobs`, { spec });
    assert.equal(created.status, 201, JSON.stringify(created.body));
    const job = (await srv.get(`${WS}/jobs/${created.body.name}`)).body;
    assert.deepEqual(job.uris, { 'inputs.table': datastore, 'inputs.previous': output });
    // The job reads the snapshot taken when it was submitted; the stored spec says where it came from.
    assert.match(job.spec.inputs.table.path, /^blob:\/\/[0-9a-f]{64}\/train\.csv$/);
    assert.equal(job.spec.inputs.table.source_path, datastore);
    assert.equal(job.spec.inputs.previous.source_path, output);
    assert.equal((await ended(created.body.name)).status, 'Completed');
    // The list names them the same way.
    const listed = (await srv.get(`${WS}/jobs`)).body.value.find((j: { name: string }) => j.name === created.body.name);
    assert.equal(listed.uris['inputs.table'], datastore);
  });

  it('an asset names an upload by datastore URI and copied content by where it came from', async () => {
    const uploaded = (await srv.get(`${WS}/data/iris/versions/1`)).body;
    assert.deepEqual(uploaded.uris, { path: `${LOCAL_UPLOADS}/${sha}/iris.csv` });
    const created = await srv.post(`${WS}/jobs`, { spec: { command: 'mkdir -p outputs && echo x > outputs/y.txt' } });
    const name = created.body.name as string;
    for (let i = 0; i < 600 && !['Completed', 'Failed'].includes((await srv.get(`${WS}/jobs/${name}`)).body.status); i++) await new Promise((r) => setTimeout(r, 100));
    const source = `azureml://jobs/${name}/outputs/default/paths/outputs/`;
    const copied = await srv.post(`${WS}/data/copied/versions`, { spec: { name: 'copied', version: '1', type: 'uri_folder', path: source } });
    assert.equal(copied.status, 201, JSON.stringify(copied.body));
    assert.deepEqual(copied.body.uris, { path: source });
    assert.match(copied.body.spec.path, /^blob:\/\//);
  });
});
