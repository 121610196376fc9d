import assert from 'node:assert/strict';
import { mkdir, mkdtemp, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { SdkEnvResource } from '@lathe/api';
import { MlflowTestServer, type Answer } from '../../testing/mlflow-test-server.js';
import { lastJsonLine, runPython } from '../../testing/run-python.js';

// A job file as a user keeps it beside their code; `lathe job create` reads the same file.
const JOB_YAML = `$schema: https://azuremlschemas.azureedge.net/latest/commandJob.schema.json
code: ./src
command: python train.py
environment: azureml:AzureML-sklearn-1.0-ubuntu20.04-py38-cpu@latest
compute: azureml:cpu-cluster
display_name: long-training
experiment_name: sdk-jobs
`;

// Submits job.yml with the workspace of config.json, then reads, lists, cancels, archives and
// restores it; prints one JSON line of what the SDK saw.
const JOB_OPERATIONS = `
import json
from azure.ai.ml import MLClient, load_job
from azure.ai.ml._restclient.v2022_10_01_preview.models import ListViewType
from azure.identity import DefaultAzureCredential

ml_client = MLClient.from_config(DefaultAzureCredential())
job = ml_client.jobs.create_or_update(load_job("job.yml"))
got = ml_client.jobs.get(job.name)
listed = [j.name for j in ml_client.jobs.list()]
ml_client.jobs.begin_cancel(job.name).result()
canceled = ml_client.jobs.get(job.name).status
ml_client.jobs.archive(job.name)
active = [j.name for j in ml_client.jobs.list()]
archived = [j.name for j in ml_client.jobs.list(list_view_type=ListViewType.ARCHIVED_ONLY)]
ml_client.jobs.archive(job.name)
ml_client.jobs.restore(job.name)
restored = [j.name for j in ml_client.jobs.list()]
print(json.dumps({"name": job.name, "got": got.display_name, "listed": listed, "canceled": canceled,
                  "active": active, "archived": archived, "restored": restored}))
`;

// The acceptance snippet's upload and job, with the workspace of config.json.
const SUBMIT = `
from azure.ai.ml import MLClient, command
from azure.identity import DefaultAzureCredential

ml_client = MLClient.from_config(DefaultAzureCredential())
job = ml_client.jobs.create_or_update(command(code="./src", command="python train.py",
                                      environment="azureml:AzureML-sklearn-1.0-ubuntu20.04-py38-cpu@latest",
                                      compute="cpu-cluster"))
print("JOB", job.name)
`;

describe('the Azure ML Python SDK v2 managing Lathe jobs', () => {
  let srv: MlflowTestServer;
  let sdk: SdkEnvResource;
  let work: string;

  before(async () => {
    srv = await MlflowTestServer.start();
    sdk = (await srv.get<SdkEnvResource>('/api/v1/sdk/env')).body;
    work = await mkdtemp(join(tmpdir(), 'lathe-sdk-jobs-'));
    await mkdir(join(work, 'src'));
    await writeFile(join(work, 'src', 'train.py'), 'import time\nprint("training", flush=True)\ntime.sleep(120)\n');
    await writeFile(join(work, 'job.yml'), JOB_YAML);
    await writeFile(join(work, 'config.json'), JSON.stringify({ subscription_id: '00000000-1111-2222-3333-444444444444', resource_group: 'my-rg', workspace_name: 'default' }));
  });
  after(async () => {
    await srv?.close();
    if (work) await rm(work, { recursive: true, force: true });
  });

  it('from_config and load_job submit a job that get, list, begin_cancel, archive and restore act on in Lathe', async () => {
    const { code, out } = await runPython(['-c', JOB_OPERATIONS], work, sdk.variables);
    assert.equal(code, 0, out);
    const seen = lastJsonLine<Record<string, unknown>>(out);
    const name = seen.name as string;
    assert.equal(seen.got, 'long-training');
    assert.ok((seen.listed as string[]).includes(name), out);
    const job: Answer = await srv.get(`/api/v1/workspaces/default/jobs/${name}`);
    assert.equal(seen.canceled, 'Canceled', JSON.stringify(job.body));
    assert.ok(!(seen.active as string[]).includes(name), out);
    assert.deepEqual(seen.archived, [name]);
    assert.ok((seen.restored as string[]).includes(name), out);
    assert.deepEqual([job.body.status, job.body.archived, job.body.display_name, job.body.experiment_name], ['Canceled', false, 'long-training', 'sdk-jobs']);
    // Its code is the snapshot of the code version the SDK registered after uploading ./src.
    const codes = (await srv.get('/api/v1/workspaces/default/codes')).body.value as { name: string }[];
    assert.equal(codes.length, 1);
    const version = await srv.get(`/api/v1/workspaces/default/codes/${codes[0]?.name ?? ''}/versions/1`);
    assert.equal(version.body.spec.path, job.body.spec.code);
    assert.match(version.body.spec.source_path, /\/LocalUpload\/[0-9a-f]{32}\/src$/);
  });

  it('a second run of the same code uploads nothing and reuses its code version', async () => {
    const first = await runPython(['-c', SUBMIT], work, sdk.variables);
    assert.equal(first.code, 0, first.out);
    const uploads = join(srv.home, 'datastores', 'default', 'workspaceblobstore', 'LocalUpload');
    const folders = await readdir(uploads);
    assert.equal(folders.length, 1, folders.join());
    const uploaded = join(uploads, folders[0] as string, 'src', 'train.py');
    const before = await stat(uploaded);
    const codes = async (): Promise<string[]> => ((await srv.get('/api/v1/workspaces/default/codes')).body.value as { name: string }[]).map((c) => c.name);
    const codesBefore = await codes();
    const second = await runPython(['-c', SUBMIT], work, sdk.variables);
    assert.equal(second.code, 0, second.out);
    const after = await stat(uploaded);
    // An upload writes a new file and renames it into place: the same inode means no upload.
    assert.deepEqual([after.ino, after.mtimeMs], [before.ino, before.mtimeMs]);
    assert.deepEqual(await readdir(uploads), folders);
    assert.deepEqual(await codes(), codesBefore);
    const jobs = [first.out, second.out].map((o) => /JOB (\S+)/.exec(o)?.[1] as string);
    const specs = await Promise.all(jobs.map(async (name) => (await srv.get(`/api/v1/workspaces/default/jobs/${name}`)).body.spec.code as string));
    assert.equal(specs[0], specs[1]);
    for (const name of jobs) assert.equal((await srv.send('POST', `/api/v1/workspaces/default/jobs/${name}/cancel`, undefined, {})).status, 200);
  });

  it('a wrong secret or a workspace the principal does not belong to is refused, and nothing is created', async () => {
    const jobsBefore = (await srv.get('/api/v1/workspaces/default/jobs?view=all&max_results=1000')).body.value.length as number;
    const other = await mkdtemp(join(tmpdir(), 'lathe-sdk-refused-'));
    try {
      await mkdir(join(other, 'src'));
      await writeFile(join(other, 'src', 'train.py'), 'print("never")\n');
      await writeFile(join(other, 'config.json'), JSON.stringify({ subscription_id: 's', resource_group: 'rg', workspace_name: 'default' }));
      const wrongSecret = await runPython(['-c', SUBMIT], other, { ...sdk.variables, AZURE_CLIENT_SECRET: 'not-the-secret' });
      assert.notEqual(wrongSecret.code, 0);
      assert.match(wrongSecret.out, /ClientAuthenticationError[\s\S]*AADSTS7000215/);
      await writeFile(join(other, 'config.json'), JSON.stringify({ subscription_id: 's', resource_group: 'rg', workspace_name: 'elsewhere' }));
      const otherWorkspace = await runPython(['-c', SUBMIT], other, sdk.variables);
      assert.notEqual(otherWorkspace.code, 0);
      assert.match(otherWorkspace.out, /AuthorizationFailed/);
    } finally {
      await rm(other, { recursive: true, force: true });
    }
    assert.equal((await srv.get('/api/v1/workspaces/default/jobs?view=all&max_results=1000')).body.value.length, jobsBefore);
    assert.equal((await readdir(join(srv.home, 'datastores', 'default', 'workspaceblobstore', 'LocalUpload'))).length, 1);
  });
});
