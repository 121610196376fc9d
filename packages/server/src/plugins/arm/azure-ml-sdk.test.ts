import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, describe, it } from 'node:test';
import type { SdkEnvResource } from '@lathe/api';
import { MlflowTestServer, type Answer } from '../../testing/mlflow-test-server.js';

const PYTHON = process.env.LATHE_PYTHON ?? '/usr/bin/python3';
// The pydash stand-in (Debian has azure-ai-ml but not pydash); from dist/plugins/arm.
const PYDASH = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'test-fixtures');

// The acceptance snippet of the Azure SDK issue, with a user's values filled in and nothing else changed.
const SNIPPET = `
from azure.ai.ml import MLClient, command
from azure.identity import DefaultAzureCredential

ml_client = MLClient(DefaultAzureCredential(), subscription_id="00000000-1111-2222-3333-444444444444",
                     resource_group_name="my-rg", workspace_name="default")
job = command(
    code="./src",
    command="python train.py --data \${{inputs.input_data}}",
    inputs={"input_data": {"type": "uri_folder", "path": "azureml:diabetes-data:1"}},
    environment="azureml:AzureML-sklearn-1.0-ubuntu20.04-py38-cpu@latest",
    compute="cpu-cluster",
    display_name="sklearn-training-job",
    description="Treinamento de modelo Sklearn para diabetes",
)
returned_job = ml_client.jobs.create_or_update(job)
print(f"Job submitted. Studio link: {returned_job.studio_url}")
`;

// Runs the snippet in `cwd` with only the variables `lathe sdk env` prints (and PATH, HOME, the
// stand-in), asynchronously: the server answers from this process.
function runSnippet(cwd: string, env: Record<string, string>): Promise<{ code: number | null; out: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(PYTHON, ['-c', SNIPPET], { cwd, env: { PATH: process.env.PATH ?? '/usr/bin', HOME: cwd, PYTHONPATH: PYDASH, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (out += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (out += chunk));
    child.on('error', reject).on('close', (code) => resolve({ code, out }));
  });
}

describe('the Azure ML Python SDK v2 against Lathe', () => {
  let srv: MlflowTestServer;
  let work: string;

  before(async () => {
    srv = await MlflowTestServer.start();
    work = await mkdtemp(join(tmpdir(), 'lathe-sdk-'));
    await mkdir(join(work, 'src'));
    await writeFile(join(work, 'src', 'train.py'), 'import os, sys\nprint("training on", sorted(os.listdir(sys.argv[2])))\n');
    const data = join(srv.home, 'datastores', 'default', 'workspaceblobstore', 'diabetes');
    await mkdir(data, { recursive: true });
    await writeFile(join(data, 'diabetes.csv'), 'age,bmi\n50,30\n');
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
    const { code, out } = await runSnippet(work, sdk.variables);
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
    assert.match(log, /training on \['diabetes\.csv'\]/);
  });
});
