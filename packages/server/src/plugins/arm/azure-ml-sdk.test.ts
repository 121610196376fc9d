import assert from 'node:assert/strict';
import { cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { SdkEnvResource } from '@lathe/api';
import { MlflowTestServer, type Answer } from '../../testing/mlflow-test-server.js';
import { runPython, TEST_FIXTURES } from '../../testing/run-python.js';

// Azure ML's usual first job, word for word, as the README runs it: examples/azure-sdk/submit_job.py.
const EXAMPLE = join(TEST_FIXTURES, '..', '..', '..', 'examples', 'azure-sdk');

describe('the Azure ML Python SDK v2 against Lathe', () => {
  let srv: MlflowTestServer;
  let work: string;

  before(async () => {
    srv = await MlflowTestServer.start();
    work = await mkdtemp(join(tmpdir(), 'lathe-sdk-'));
    await cp(EXAMPLE, work, { recursive: true });
    // diabetes-data:1, as `lathe data create --file diabetes-data.yml` registers it.
    const data = join(srv.home, 'datastores', 'default', 'workspaceblobstore', 'diabetes');
    await cp(join(EXAMPLE, 'diabetes'), data, { recursive: true });
    const created = await srv.send(
      'PUT',
      '/api/v1/workspaces/default/data/diabetes-data/versions/1',
      { spec: { type: 'uri_folder', path: 'azureml://datastores/workspaceblobstore/paths/diabetes' } },
      { 'content-type': 'application/json' },
    );
    assert.equal(created.status, 201);
  });
  after(async () => {
    await srv?.close();
    if (work) await rm(work, { recursive: true, force: true });
  });

  it('runs the acceptance snippet unchanged: the job completes in Lathe with its log, and studio_url opens it', async () => {
    const sdk = (await srv.get<SdkEnvResource>('/api/v1/sdk/env')).body;
    const { code, out } = await runPython(['submit_job.py'], work, sdk.variables);
    assert.equal(code, 0, out);
    const link = /Job submitted\. Studio link: (\S+)/.exec(out)?.[1];
    assert.ok(link, out);
    // The SDK talked to the HTTPS listener; the link is Studio's own address, which a browser
    // opens without trusting the local CA, and answers Studio's page.
    const studio = new URL(link);
    assert.equal(studio.origin, srv.url);
    const page = await fetch(link, { headers: { accept: 'text/html' } });
    assert.equal(page.status, 200);
    assert.match(page.headers.get('content-type') ?? '', /text\/html/);
    const name = decodeURIComponent(studio.pathname.replace(/^\/jobs\//, ''));
    assert.equal(studio.searchParams.get('tid'), sdk.tenant_id);
    let job: Answer = await srv.get(`/api/v1/workspaces/default/jobs/${name}`);
    while (job.status === 200 && !['Completed', 'Failed', 'Canceled'].includes(job.body.status)) {
      await new Promise((resolve) => setTimeout(resolve, 200));
      job = await srv.get(`/api/v1/workspaces/default/jobs/${name}`);
    }
    const log = (await srv.bytes(`/api/v1/workspaces/default/jobs/${name}/logs`)).bytes.toString();
    assert.equal(job.body.status, 'Completed', log);
    assert.equal(job.body.display_name, 'sklearn-training-job');
    // The SDK names the experiment after the folder it runs in.
    assert.equal(job.body.experiment_name, basename(work));
    assert.match(log, /trained on 331 rows: r2 0\.\d+/);
    // What train.py wrote to ./outputs is the job's default output.
    const files = await srv.get(`/api/v1/workspaces/default/jobs/${name}/outputs/default/files`);
    assert.ok(JSON.stringify(files.body).includes('outputs/model.pkl'), JSON.stringify(files.body));
  });
});
