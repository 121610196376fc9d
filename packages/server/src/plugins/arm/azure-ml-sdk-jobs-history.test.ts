import assert from 'node:assert/strict';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { SdkEnvResource } from '@lathe/api';
import { submitJob } from '@lathe/jobs';
import { MlflowTestServer } from '../../testing/mlflow-test-server.js';
import { runPython, type PythonRun } from '../../testing/run-python.js';
import { armToken, armWorkspacePath } from './arm-test-client.js';
import { LogFileUrls } from './log-file-urls.js';
import { BlobAccounts } from '../../shared/blob-accounts.js';

const WS = armWorkspacePath();
const API = '/api/v1/workspaces/default';

const CLIENT = `
import sys
from azure.ai.ml import MLClient, command, Output
from azure.identity import DefaultAzureCredential
ml_client = MLClient(DefaultAzureCredential(), subscription_id="sub-1", resource_group_name="rg-1", workspace_name="default")
`;

// A job that logs a line, waits for the test to open its gate (so that the stream is seen to
// follow a running job), logs another, and writes its default and named outputs.
const TRAIN = `import os, pathlib, sys, time
print("first line of the job", flush=True)
gate = pathlib.Path(sys.argv[1])
while not gate.exists():
    time.sleep(0.1)
print("second line of the job", flush=True)
os.makedirs("outputs/nested", exist_ok=True)
pathlib.Path("outputs/metrics.json").write_text('{"accuracy": 0.9}')
pathlib.Path("outputs/nested/weights.bin").write_bytes(bytes(range(256)) * 3)
pathlib.Path(sys.argv[2], "model.txt").write_text("the model")
`;

// Runs `script` after the client set-up (see `runPython`); `watch` sees stdout as it arrives.
function runSdk(cwd: string, env: Record<string, string>, script: string, watch?: (out: string) => void): Promise<PythonRun> {
  return runPython(['-u', '-c', CLIENT + script], cwd, env, watch);
}

async function filesUnder(root: string): Promise<string[]> {
  const entries = await readdir(root, { recursive: true, withFileTypes: true });
  return entries
    .filter((e) => e.isFile())
    .map((e) => relative(root, join(e.parentPath, e.name)))
    .sort();
}

describe('jobs.stream, jobs.download and jobs.list(parent_job_name=) of the Azure ML SDK against Lathe', () => {
  let srv: MlflowTestServer;
  let work: string;
  let sdk: SdkEnvResource;
  let auth: Record<string, string>;
  let jobName: string;

  before(async () => {
    srv = await MlflowTestServer.start();
    work = await mkdtemp(join(tmpdir(), 'lathe-sdk-history-'));
    await mkdir(join(work, 'src'));
    await writeFile(join(work, 'src', 'train.py'), TRAIN);
    sdk = (await srv.get<SdkEnvResource>('/api/v1/sdk/env')).body;
    auth = { authorization: `Bearer ${await armToken(srv)}` };
  });
  after(async () => {
    await srv?.close();
    if (work) await rm(work, { recursive: true, force: true });
  });

  it('workspaces.get answers the workspace with its MLflow tracking URI and discovery URL', async () => {
    const { code, out } = await runSdk(
      work,
      sdk.variables,
      'ws = ml_client.workspaces.get("default")\nprint("mlflow", ws.mlflow_tracking_uri)\nprint("discovery", ws.discovery_url)\nprint("location", ws.location)\n',
    );
    assert.equal(code, 0, out);
    const base = sdk.variables.AZUREML_DEV_URL_MFE;
    assert.match(out, new RegExp(`^mlflow ${base}$`, 'm'));
    assert.match(out, new RegExp(`^discovery ${base}/discovery$`, 'm'));
    assert.match(out, /^location local$/m);
    // The URI is where this workspace's MLflow API answers.
    const experiments = await srv.get('/api/2.0/mlflow/experiments/get-by-name', { experiment_name: 'Default' });
    assert.equal(experiments.status, 200);
  });

  // The timeout only ends a stream that would otherwise wait forever on a job held at its gate.
  it('jobs.stream prints the log of a running job as it grows and returns when the job ends', { timeout: 300_000 }, async () => {
    const gate = join(work, 'gate');
    const script = `
job = ml_client.jobs.create_or_update(command(code="./src", command="python train.py ${gate} \${{outputs.model}}",
    environment="azureml:AzureML-sklearn-1.0-ubuntu20.04-py38-cpu@latest", compute="local",
    outputs={"model": Output(type="uri_folder")}))
print("submitted", job.name)
ml_client.jobs.stream(job.name)
print("stream returned")
`;
    let opened = false;
    const { code, out } = await runSdk(work, sdk.variables, script, (text) => {
      // The first line was streamed while the job waits at its gate: let it finish.
      if (!opened && text.includes('first line of the job')) {
        opened = true;
        void writeFile(gate, '');
      }
    });
    assert.equal(code, 0, out);
    jobName = /^submitted (\S+)$/m.exec(out)?.[1] ?? '';
    const job = (await srv.get(`${API}/jobs/${jobName}`)).body;
    assert.equal(job.status, 'Completed', out);
    assert.ok(opened, out);
    assert.match(out, /Streaming user_logs\/std_log\.txt/);
    assert.ok(out.indexOf('first line of the job') < out.indexOf('second line of the job'), out);
    assert.ok(out.indexOf('second line of the job') < out.indexOf('Execution Summary'), out);
    assert.match(out, /stream returned/);
  });

  it('jobs.download brings back exactly the files the job wrote, its log and its named output', async () => {
    assert.ok(jobName, 'the stream test submits the job');
    const dest = join(work, 'download');
    const { code, out } = await runSdk(work, sdk.variables, `ml_client.jobs.download("${jobName}", download_path="${dest}", all=True)\n`);
    assert.equal(code, 0, out);
    const held = (await srv.get(`${API}/jobs/${jobName}/outputs/default/files`)).body.value.map((f: { path: string }) => f.path).sort();
    assert.deepEqual(await filesUnder(join(dest, 'artifacts')), held);
    assert.ok(held.includes('outputs/nested/weights.bin') && held.includes('user_logs/std_log.txt'), held.join());
    for (const path of held) {
      const lathe = await srv.bytes(`${API}/jobs/${jobName}/outputs/default/files/${path}`);
      assert.deepEqual(await readFile(join(dest, 'artifacts', path)), lathe.bytes, path);
    }
    assert.match(await readFile(join(dest, 'artifacts', 'user_logs', 'std_log.txt'), 'utf8'), /second line of the job/);
    assert.deepEqual(await filesUnder(join(dest, 'named-outputs', 'model')), ['model.txt']);
    assert.equal(await readFile(join(dest, 'named-outputs', 'model', 'model.txt'), 'utf8'), (await srv.bytes(`${API}/jobs/${jobName}/outputs/model/files/model.txt`)).bytes.toString());
  });

  it("jobs.stream of a failed job raises the job's failure", async () => {
    const created = await srv.post(`${API}/jobs`, { spec: { command: 'echo about to fail && exit 3' } });
    assert.equal(created.status, 201, JSON.stringify(created.body));
    const name = created.body.name as string;
    let job = (await srv.get(`${API}/jobs/${name}`)).body;
    while (!['Completed', 'Failed', 'Canceled'].includes(job.status)) {
      await new Promise((resolve) => setTimeout(resolve, 200));
      job = (await srv.get(`${API}/jobs/${name}`)).body;
    }
    assert.equal(job.status, 'Failed');
    const script = `from azure.ai.ml.exceptions import JobException\ntry:\n    ml_client.jobs.stream("${name}")\nexcept JobException as e:\n    print("raised", e.message)\n`;
    const { code, out } = await runSdk(work, sdk.variables, script);
    assert.equal(code, 0, out);
    assert.match(out, /^raised /m);
    assert.match(out, new RegExp(`"code": "${job.error.type}"`));
    // The failure Lathe holds, as the SDK prints it (json.dumps, as JSON.stringify writes it).
    assert.ok(out.includes(`"message": ${JSON.stringify(job.error.message)}`), out);
    assert.match(job.error.message, /about to fail/);
  });

  it("a job's stored outputs are read-only in the artifact store's Blob container, and ranged reads are served", async () => {
    assert.ok(jobName, 'the stream test submits the job');
    const key = (await new BlobAccounts(srv.home).account('default')).key;
    const blob = `ExperimentRun/dcid.${jobName}/outputs/nested/weights.bin`;
    const script = `
import os
from azure.storage.blob import BlobServiceClient
from azure.core.exceptions import HttpResponseError
cc = BlobServiceClient(account_url=os.environ["BLOB_URL"], credential=os.environ["BLOB_KEY"]).get_container_client("workspaceartifactstore")
print("range", cc.download_blob("${blob}", offset=250, length=20).readall().hex())
print("absent", [cc.get_blob_client(n).exists() for n in ("ExperimentRun/dcid.no-such-job/a.txt", "ExperimentRun/dcid.not a job/a.txt", "azureml/${jobName}/no-such-output/a")])
print("listed", [b.name for b in cc.list_blobs(name_starts_with="ExperimentRun/dcid.not a job/")] + [b.name for b in cc.list_blobs(name_starts_with="azureml/no-such-job/")])
for call in (lambda: cc.upload_blob("${blob}", b"other", overwrite=True), lambda: cc.upload_blob("azureml/${jobName}/model/new.txt", b"x")):
    try:
        call()
        print("written")
    except HttpResponseError as e:
        print("refused", e.status_code, e.error_code)
`;
    const { code, out } = await runSdk(work, { ...sdk.variables, BLOB_URL: `${srv.url}/blob/default`, BLOB_KEY: key }, script);
    assert.equal(code, 0, out);
    const held = (await srv.bytes(`${API}/jobs/${jobName}/outputs/default/files/outputs/nested/weights.bin`)).bytes;
    assert.match(out, new RegExp(`^range ${held.subarray(250, 270).toString('hex')}$`, 'm'));
    assert.match(out, /^absent \[False, False, False\]$/m);
    assert.match(out, /^listed \[\]$/m);
    assert.equal([...out.matchAll(/^refused 403 AuthorizationPermissionMismatch$/gm)].length, 2, out);
    assert.deepEqual((await srv.bytes(`${API}/jobs/${jobName}/outputs/default/files/outputs/nested/weights.bin`)).bytes, held);
    assert.equal((await srv.get(`${API}/jobs/${jobName}/outputs/model/files`)).body.value.length, 1);
  });

  it("jobs.list(parent_job_name=) lists the job's child jobs", async () => {
    assert.ok(jobName, 'the stream test submits the job');
    const ctx = srv.server.context;
    const parent = await ctx.store.getJob('default', jobName);
    assert.ok(parent);
    const children = [];
    for (const i of [1, 2, 3]) children.push((await submitJob(ctx, 'default', { spec: { type: 'command', command: `echo child ${i}` }, name: `${jobName}-child-${i}`, parent })).name);
    const { code, out } = await runSdk(
      work,
      sdk.variables,
      `for j in ml_client.jobs.list(parent_job_name="${jobName}"):\n    print("child", j.name, j.experiment_name)\nfor j in ml_client.jobs.list(parent_job_name="${children[0]}"):\n    print("grandchild", j.name)\nprint("services", ml_client.jobs.show_services("${jobName}"))\n`,
    );
    assert.equal(code, 0, out);
    const listed = [...out.matchAll(/^child (\S+) (\S+)$/gm)].map((m) => ({ name: m[1], experiment: m[2] }));
    assert.deepEqual(listed.map((c) => c.name).sort(), children.sort());
    assert.ok(
      listed.every((c) => c.experiment === parent.experimentName),
      out,
    );
    assert.doesNotMatch(out, /^grandchild/m);
    // Lathe jobs expose no interactive services: the SDK answers None rather than failing.
    assert.match(out, /^services None$/m);
  });

  describe('the routes', () => {
    it('discovery answers without a token, every service on this server', async () => {
      const answer = await srv.get('/discovery');
      assert.equal(answer.status, 200);
      assert.equal(answer.body.api, srv.url);
      assert.equal(answer.body.history, srv.url);
    });

    it('the workspace answers its recorded metadata and its own MLflow tracking URI, where MLflow answers', async () => {
      const json = { 'content-type': 'application/json' };
      const ws = await srv.send('PUT', '/api/v1/workspaces/team-a', { spec: { display_name: 'Team A', location: 'westeurope', description: 'the A team', tags: { cost: 'a' } } }, json);
      assert.ok(ws.status < 300, JSON.stringify(ws.body));
      const sp = await srv.send('POST', '/api/v1/workspaces/team-a/service-principals', { name: 'ci' }, json);
      assert.equal(sp.status, 201, JSON.stringify(sp.body));
      const token = await armToken(srv, sp.body);
      const answer = await srv.send('GET', armWorkspacePath('team-a'), undefined, { authorization: `Bearer ${token}` });
      assert.equal(answer.status, 200, JSON.stringify(answer.body));
      assert.equal(answer.body.id, armWorkspacePath('team-a'));
      assert.equal(answer.body.name, 'team-a');
      assert.equal(answer.body.location, 'westeurope');
      assert.deepEqual(answer.body.tags, { cost: 'a' });
      assert.equal(answer.body.properties.friendlyName, 'Team A');
      assert.equal(answer.body.properties.description, 'the A team');
      assert.match(answer.body.properties.workspaceId, /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-a[0-9a-f]{3}-[0-9a-f]{12}$/);
      assert.equal(answer.body.properties.discoveryUrl, `${srv.url}/discovery`);
      const tracking = answer.body.properties.mlFlowTrackingUri as string;
      assert.equal(tracking, `${srv.url}/api/v1/workspaces/team-a/mlflow`);
      const created = await srv.send('POST', `${new URL(tracking).pathname}/api/2.0/mlflow/experiments/create`, { name: 'from-the-uri' }, json);
      assert.equal(created.status, 200, JSON.stringify(created.body));
      const found = await srv.get(`/api/v1/workspaces/team-a/mlflow/api/2.0/mlflow/experiments/get-by-name`, { experiment_name: 'from-the-uri' });
      assert.equal(found.body.experiment.experiment_id, created.body.experiment_id);
      assert.equal((await srv.get('/api/2.0/mlflow/experiments/get-by-name', { experiment_name: 'from-the-uri' })).status, 404);
      // Another workspace's principal is refused, whatever the path.
      const foreign = await srv.send('GET', WS, undefined, { authorization: `Bearer ${token}` });
      assert.equal(foreign.status, 403);
      assert.equal((await srv.send('GET', `/history/v1.0${WS}/runs/${jobName}/details`, undefined, { authorization: `Bearer ${token}` })).status, 403);
    });

    it('the workspace and run history refuse a request without a bearer token (401)', async () => {
      for (const path of [WS, `${WS}/`, `/history/v1.0${WS}/runs/${jobName}/details`]) {
        const answer = await srv.get(path);
        assert.equal(answer.status, 401, path);
        assert.equal(answer.body.error.code, 'AuthenticationFailed');
      }
      const rundata = await srv.send('POST', `/history/v1.0${WS}/rundata`, { runId: jobName }, { 'content-type': 'application/json' });
      assert.equal(rundata.status, 401);
    });

    it('details of an unknown run is 404 in the ARM envelope; a bad body is 400', async () => {
      const answer = await srv.send('GET', `/history/v1.0${WS}/runs/no-such-job/details`, undefined, auth);
      assert.equal(answer.status, 404);
      assert.equal(answer.body.error.code, 'ResourceNotFound');
      const children = await srv.send('GET', `/history/v1.0${WS}/runs/no-such-job/children`, undefined, auth);
      assert.equal(children.status, 404);
      const bad = await srv.send('POST', `/history/v1.0${WS}/rundata`, { run: 'x' }, { ...auth, 'content-type': 'application/json' });
      assert.equal(bad.status, 400);
      assert.equal(bad.body.error.code, 'BadRequest');
      for (const query of ['$top=0', '$top=x', '$continuationtoken=not-a-token']) {
        const answer = await srv.send('GET', `/history/v1.0${WS}/runs/${jobName}/children?${query}`, undefined, auth);
        assert.equal(answer.status, 400, query);
        assert.equal(answer.body.error.code, 'BadRequest', query);
      }
    });

    it('details link the log through a signed URL; an unsigned, altered or expired one is refused (403)', async () => {
      const details = await srv.send('GET', `/history/v1.0${WS}/runs/${jobName}/details`, undefined, auth);
      assert.equal(details.status, 200);
      assert.equal(details.body.status, 'Completed');
      const url = new URL(details.body.logFiles['user_logs/std_log.txt']);
      const path = `${url.pathname}${url.search}`;
      const log = await srv.bytes(path);
      assert.equal(log.status, 200);
      assert.deepEqual(log.bytes, (await srv.bytes(`${API}/jobs/${jobName}/logs`)).bytes);
      const refused = async (p: string) => {
        const answer = await srv.get(p);
        assert.equal(answer.status, 403, p);
        assert.equal(answer.body.error.code, 'AuthorizationFailed');
      };
      await refused(url.pathname);
      await refused(path.replace(/sig=[^&]+/, 'sig=AAAA'));
      await refused(path.replace(jobName, `${jobName}-child-1`));
      const se = url.searchParams.get('se') ?? '';
      await refused(path.replace(encodeURIComponent(se), encodeURIComponent(new Date(Date.parse(se) + 1000).toISOString())));
      const expired = new URL(await new LogFileUrls(srv.home, () => Date.now() - 2 * 3600_000).sign(srv.url, { workspace: 'default', job: jobName, file: 'user_logs/std_log.txt' }));
      await refused(`${expired.pathname}${expired.search}`);
      // A new key (the old one deleted) ends every URL handed out.
      await rm(join(srv.home, 'secrets', 'log-url.key'));
      await refused(path);
    });

    it("rundata names the job's stored outputs, and the data plane resolves only the ids it handed out", async () => {
      const json = { ...auth, 'content-type': 'application/json' };
      const rundata = await srv.send('POST', `/history/v1.0${WS}/rundata`, { runId: jobName, selectRunMetadata: true }, json);
      assert.equal(rundata.status, 200);
      assert.equal(rundata.body.runMetadata.runId, jobName);
      assert.deepEqual(rundata.body.runMetadata.outputs, { model: { assetId: `azureml://jobs/${jobName}/outputs/model`, type: 'UriFolder' } });
      const ids = [`azureml://jobs/${jobName}/outputs/model`, 'azureml://jobs/x/outputs/y/../z', 'azureml:other:1'];
      const resolved = await srv.send('POST', `/data/v1.0${WS}/dataversion/batchGetResolvedUris`, { values: ids }, json);
      assert.equal(resolved.status, 200);
      assert.deepEqual(resolved.body.values, {
        [ids[0] ?? '']: { uri: `azureml://datastores/workspaceartifactstore/paths/azureml/${jobName}/model/`, type: 'UriFolder' },
      });
      const bad = await srv.send('POST', `/data/v1.0${WS}/dataversion/batchGetResolvedUris`, { values: [{ id: 1 }] }, json);
      assert.equal(bad.status, 400);
      assert.equal((await srv.send('POST', `/data/v1.0${WS}/dataversion/batchGetResolvedUris`, { values: [] }, { 'content-type': 'application/json' })).status, 401);
    });

    it('children are paged with nextLink', async () => {
      const first = await srv.send('GET', `/history/v1.0${WS}/runs/${jobName}/children?$top=2`, undefined, auth);
      assert.equal(first.status, 200);
      assert.equal(first.body.value.length, 2);
      const next = new URL(first.body.nextLink);
      const second = await srv.send('GET', `${next.pathname}${next.search}`, undefined, auth);
      assert.equal(second.body.value.length, 1);
      assert.equal(second.body.nextLink, undefined);
      const names = [...first.body.value, ...second.body.value].map((r: { runId: string; parentRunId: string }) => {
        assert.equal(r.parentRunId, jobName);
        return r.runId;
      });
      assert.deepEqual(names.sort(), [1, 2, 3].map((i) => `${jobName}-child-${i}`).sort());
    });
  });
});
