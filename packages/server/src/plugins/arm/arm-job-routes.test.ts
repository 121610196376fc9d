import assert from 'node:assert/strict';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { MlflowTestServer, type Answer } from '../../testing/mlflow-test-server.js';
import { armToken, armWorkspacePath } from './arm-test-client.js';

const WS = armWorkspacePath();
const JSON_TYPE = { 'content-type': 'application/json' };
const CURATED = 'azureml:AzureML-sklearn-1.0-ubuntu20.04-py38-cpu@latest';

describe('the ARM job routes', () => {
  let srv: MlflowTestServer;
  let auth: Record<string, string>;
  let codeId: string;
  const blobstore = () => join(srv.home, 'datastores', 'default', 'workspaceblobstore');

  before(async () => {
    srv = await MlflowTestServer.start();
    auth = { authorization: `Bearer ${await armToken(srv)}`, ...JSON_TYPE };
    await mkdir(join(blobstore(), 'LocalUpload', 'h1', 'src'), { recursive: true });
    await writeFile(join(blobstore(), 'LocalUpload', 'h1', 'src', 'train.py'), 'import os, sys\nprint("data has", sorted(os.listdir(sys.argv[2])), "lr", sys.argv[4])\n');
    await mkdir(join(blobstore(), 'diabetes'), { recursive: true });
    await writeFile(join(blobstore(), 'diabetes', 'rows.csv'), 'a,b\n1,2\n');
    const data = await srv.send(
      'PUT',
      '/api/v1/workspaces/default/data/diabetes-data/versions/1',
      { spec: { type: 'uri_folder', path: 'azureml://datastores/workspaceblobstore/paths/diabetes' } },
      JSON_TYPE,
    );
    assert.equal(data.status, 201, JSON.stringify(data.body));
    const code = await srv.send(
      'PUT',
      `${WS}/codes/c0de/versions/1`,
      { properties: { isAnonymous: true, codeUri: `https://${new URL(srv.url).host}/blob/workspaceblobstore/LocalUpload/h1/src` } },
      auth,
    );
    assert.equal(code.status, 201, JSON.stringify(code.body));
    codeId = code.body.id;
  });
  after(async () => srv?.close());

  const commandJob = (overrides: Record<string, unknown> = {}) => ({
    properties: {
      jobType: 'Command',
      codeId,
      command: 'python train.py --data ${{inputs.input_data}} --lr ${{inputs.lr}}',
      environmentId: CURATED,
      computeId: `${WS}/computes/cpu-cluster`,
      displayName: 'sklearn-training-job',
      description: 'Treinamento',
      experimentName: 'src',
      tags: { team: 'a' },
      inputs: { input_data: { uri: `${WS}/data/diabetes-data/versions/1`, jobInputType: 'uri_folder' }, lr: { jobInputType: 'literal', value: '0.5' } },
      outputs: { model: { jobOutputType: 'uri_folder', mode: 'ReadWriteMount' } },
      ...overrides,
    },
  });

  it('submits a Command job that runs in Lathe, answered in ARM shape with a Studio link', async () => {
    const put = await srv.send('PUT', `${WS}/jobs/sincere_ant_1?api-version=2022-10-01-preview`, commandJob(), auth);
    assert.equal(put.status, 201, JSON.stringify(put.body));
    assert.equal(put.body.id, `${WS}/jobs/sincere_ant_1`);
    const p = put.body.properties;
    assert.deepEqual(
      { jobType: p.jobType, displayName: p.displayName, experimentName: p.experimentName, tags: p.tags, environmentId: p.environmentId },
      { jobType: 'Command', displayName: 'sklearn-training-job', experimentName: 'src', tags: { team: 'a' }, environmentId: CURATED },
    );
    assert.ok(['NotStarted', 'Queued', 'Preparing', 'Running'].includes(p.status), p.status);
    assert.equal(p.services.Studio.endpoint, `${srv.url}/jobs/sincere_ant_1?wsid=${encodeURIComponent(WS)}`);
    let job: Answer = put;
    while (!['Completed', 'Failed', 'Canceled'].includes(job.body.properties.status)) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      job = await srv.send('GET', `${WS}/jobs/sincere_ant_1?api-version=2022-10-01-preview`, undefined, auth);
      assert.equal(job.status, 200);
    }
    const log = await srv.bytes('/api/v1/workspaces/default/jobs/sincere_ant_1/logs');
    assert.equal(job.body.properties.status, 'Completed', log.bytes.toString());
    assert.match(log.bytes.toString(), /data has \['rows\.csv'\] lr 0\.5/);
    // The unknown compute ran locally, with a warning, as for a job from the CLI.
    const lathe = await srv.get('/api/v1/workspaces/default/jobs/sincere_ant_1');
    assert.ok(
      lathe.body.warnings.some((w: string) => /cpu-cluster/.test(w)),
      JSON.stringify(lathe.body.warnings),
    );
    assert.equal(lathe.body.display_name, 'sklearn-training-job');
    // A job is not replaced: a second PUT of the name is refused, never a 5xx.
    const again = await srv.send('PUT', `${WS}/jobs/sincere_ant_1`, commandJob(), auth);
    assert.equal(again.status, 409, JSON.stringify(again.body));
    assert.equal(again.body.error.code, 'Conflict');
  });

  it('lists submitted jobs newest first with nextLink, hides archived ones, and cancels as a long-running operation', async () => {
    const names = ['list_a', 'list_b', 'list_c'];
    for (const name of names) {
      const put = await srv.send('PUT', `${WS}/jobs/${name}`, commandJob({ command: 'sleep 30', inputs: null, outputs: null }), auth);
      assert.equal(put.status, 201, JSON.stringify(put.body));
    }
    const listed = async (query: string): Promise<string[]> => {
      const seen: string[] = [];
      let next: string | undefined = `${WS}/jobs?api-version=2022-10-01-preview&${query}`;
      while (next !== undefined) {
        const page: Answer = await srv.send('GET', next.replace(srv.url, ''), undefined, auth);
        assert.equal(page.status, 200, JSON.stringify(page.body));
        seen.push(...page.body.value.map((job: { name: string }) => job.name));
        next = page.body.nextLink;
      }
      return seen;
    };
    assert.deepEqual((await listed('listViewType=ActiveOnly')).slice(0, 3), ['list_c', 'list_b', 'list_a']);
    // Archiving is a PUT of the job as read, with isArchived; the job is not replaced.
    const read = await srv.send('GET', `${WS}/jobs/list_b`, undefined, auth);
    const archived = await srv.send('PUT', `${WS}/jobs/list_b`, { properties: { ...read.body.properties, isArchived: true } }, auth);
    assert.equal(archived.status, 200, JSON.stringify(archived.body));
    assert.equal(archived.body.properties.isArchived, true);
    assert.ok(!(await listed('listViewType=ActiveOnly')).includes('list_b'));
    assert.deepEqual(await listed('listViewType=ArchivedOnly'), ['list_b']);
    assert.ok((await listed('listViewType=All')).includes('list_b'));
    assert.equal((await srv.get('/api/v1/workspaces/default/jobs/list_b')).body.archived, true);
    assert.equal((await srv.send('GET', `${WS}/jobs?listViewType=Sometimes`, undefined, auth)).status, 400);

    // As azure-core sends it: no body, no content type.
    const bearer = { authorization: auth.authorization as string };
    const cancel = await srv.send('POST', `${WS}/jobs/list_c/cancel?api-version=2022-10-01-preview`, undefined, bearer);
    assert.equal(cancel.status, 202);
    const location = cancel.headers.get('location') ?? '';
    assert.ok(location.startsWith(`${srv.url}${WS}/jobs/list_c/`), location);
    let poll: Answer = await srv.send('GET', location.replace(srv.url, ''), undefined, auth);
    while (poll.status === 202) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      poll = await srv.send('GET', location.replace(srv.url, ''), undefined, auth);
    }
    assert.equal(poll.status, 200);
    assert.equal((await srv.get('/api/v1/workspaces/default/jobs/list_c')).body.status, 'Canceled');
    assert.equal((await srv.send('POST', `${WS}/jobs/nope/cancel`, undefined, bearer)).status, 404);
    for (const name of ['list_a', 'list_b']) assert.equal((await srv.send('POST', `${WS}/jobs/${name}/cancel`, undefined, bearer)).status, 202);
  });

  it('answers resources it does not serve yet with an ARM 404 that says so, after the same token check', async () => {
    for (const [method, path] of [
      ['GET', `${WS}/onlineEndpoints/ep1?api-version=2022-02-01-preview`],
      ['PUT', `${WS}/batchEndpoints/b1`],
      ['POST', `${WS}/schedules/s1/disable`],
    ] as const) {
      const answer = await srv.send(method, path, method === 'GET' ? undefined : {}, auth);
      assert.equal(answer.status, 404, `${method} ${path}`);
      assert.equal(answer.body.error.code, 'ResourceNotFound');
      assert.match(answer.body.error.message, /resources are not served by this Lathe server yet/);
      assert.equal((await srv.send(method, path, method === 'GET' ? undefined : {}, JSON_TYPE)).status, 401);
    }
    const above = await srv.send('GET', '/subscriptions/s/resourceGroups/rg/providers/Microsoft.MachineLearningServices/workspaces?api-version=2022-10-01', undefined, auth);
    assert.equal(above.status, 404);
    assert.equal(above.body.error.code, 'ResourceNotFound');
  });

  it('answers unknown jobs with 404, bad bodies and references with 400, no token with 401', async () => {
    const missing = await srv.send('GET', `${WS}/jobs/nope`, undefined, auth);
    assert.equal(missing.status, 404);
    assert.equal(missing.body.error.code, 'ResourceNotFound');
    const bodies: [string, unknown][] = [
      ['no properties', {}],
      ['no jobType', { properties: { command: 'x' } }],
      ['a sweep', commandJob({ jobType: 'Sweep' })],
      ['a code id of nothing', commandJob({ codeId: `${WS}/codes/nope/versions/1` })],
      ['a code id that is no id', commandJob({ codeId: 'just-a-name' })],
      ['an unknown data asset', commandJob({ inputs: { input_data: { uri: `${WS}/data/nope/versions/1`, jobInputType: 'uri_folder' } } })],
      ['an input with no uri', commandJob({ inputs: { input_data: { jobInputType: 'uri_folder' } } })],
      ['an input type Lathe lacks', commandJob({ inputs: { input_data: { uri: `${WS}/data/diabetes-data/versions/1`, jobInputType: 'triton_model' } } })],
      ['tags that are not strings', commandJob({ tags: { a: { b: 1 } } })],
      ['an environment of a registry Lathe cannot reach', commandJob({ environmentId: 'azureml://registries/team/environments/x/versions/1' })],
      ['no command', commandJob({ command: undefined })],
    ];
    for (const [what, body] of bodies) {
      const answer = await srv.send('PUT', `${WS}/jobs/bad_job`, body, auth);
      assert.equal(answer.status, 400, `${what}: ${JSON.stringify(answer.body)}`);
      assert.equal(answer.body.error.code, 'BadRequest', what);
    }
    assert.equal((await srv.send('PUT', `${WS}/jobs/bad_job`, commandJob(), JSON_TYPE)).status, 401);
    assert.equal((await srv.get('/api/v1/workspaces/default/jobs/bad_job')).status, 404);
  });
});
