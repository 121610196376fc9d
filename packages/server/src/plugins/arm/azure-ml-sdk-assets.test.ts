import assert from 'node:assert/strict';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { fileURLToPath } from 'node:url';
import { after, before, describe, it } from 'node:test';
import * as tar from 'tar';
import type { SdkEnvResource } from '@lathe/api';
import { MlflowTestServer } from '../../testing/mlflow-test-server.js';
import { runPython, TEST_FIXTURES } from '../../testing/run-python.js';
import { armToken, armWorkspacePath } from './arm-test-client.js';

const WS = armWorkspacePath();
const CURATED = 'AzureML-sklearn-1.0-ubuntu20.04-py38-cpu';

const MLMODEL = `artifact_path: model
flavors:
  python_function:
    loader_module: mlflow.sklearn
    python_version: 3.10.12
  sklearn:
    pickled_model: model.pkl
    sklearn_version: 1.3.0
`;

type Outcome = Record<string, any>;

// Runs one scenario script in `cwd` with only the variables `lathe sdk env` prints, asynchronously
// (the server answers from this process), and returns each step's outcome.
async function runScenario(script: string, cwd: string, env: Record<string, string>): Promise<Outcome> {
  const { code, out } = await runPython([join(TEST_FIXTURES, 'azure-sdk', script)], cwd, env);
  const line = out.split('\n').find((l) => l.startsWith('RESULT '));
  if (code !== 0 || line === undefined) throw new Error(`${script} exited ${String(code)}:\n${out}`);
  return JSON.parse(line.slice('RESULT '.length)) as Outcome;
}

/** Asserts that a step ended without an error and returns its outcome. */
function ok(outcome: Outcome, step: string): any {
  assert.ok(outcome[step] !== undefined, `no step ${step}`);
  assert.equal(outcome[step]?.error, undefined, `${step}: ${String(outcome[step]?.error)}`);
  return outcome[step];
}

// The files of a snapshot (a gzipped tar), by their paths.
async function archiveFiles(bytes: Buffer): Promise<string[]> {
  const names: string[] = [];
  const parser = new tar.Parser({
    onReadEntry: (entry) => {
      if (entry.type === 'File') names.push(entry.path.replace(/^\.\//, ''));
      entry.resume();
    },
  });
  await pipeline(Readable.from([bytes]), parser as unknown as NodeJS.WritableStream);
  return names.sort();
}

describe('the Azure ML Python SDK v2 against Lathe: assets and computes', () => {
  let srv: MlflowTestServer;
  let work: string;
  let env: Record<string, string>;

  const lathe = async (path: string) => {
    const answer = await srv.get(`/api/v1/workspaces/default/${path}`);
    assert.equal(answer.status, 200, `${path}: ${JSON.stringify(answer.body)}`);
    return answer.body;
  };
  const snapshotFiles = async (blobRef: string) => {
    const sha = /^blob:\/\/([0-9a-f]{64})/.exec(blobRef)?.[1];
    assert.ok(sha, blobRef);
    const blob = await srv.bytes(`/api/v1/workspaces/default/blobs/${sha}`);
    assert.equal(blob.status, 200);
    return archiveFiles(blob.bytes);
  };

  // The log of a job once it has ended; fails unless it Completed.
  const jobLog = async (name: string) => {
    let job = await lathe(`jobs/${name}`);
    while (!['Completed', 'Failed', 'Canceled'].includes(job.status)) {
      await new Promise((resolve) => setTimeout(resolve, 200));
      job = await lathe(`jobs/${name}`);
    }
    const log = (await srv.bytes(`/api/v1/workspaces/default/jobs/${name}/logs`)).bytes.toString();
    assert.equal(job.status, 'Completed', log);
    return log;
  };

  before(async () => {
    srv = await MlflowTestServer.start();
    env = (await srv.get<SdkEnvResource>('/api/v1/sdk/env')).body.variables;
    work = await mkdtemp(join(tmpdir(), 'lathe-sdk-assets-'));
    const files: Record<string, string> = {
      'local/one.csv': 'a,b\n1,2\n',
      'local/sub/two.txt': 'two\n',
      'model/model.pkl': 'weights\n',
      'mlmodel/MLmodel': MLMODEL,
      'mlmodel/model.pkl': 'weights\n',
      'src/train.py': 'print("training")\n',
      'conda.yml': 'name: myenv\nchannels: [conda-forge]\ndependencies:\n  - python=3.10\n  - pip:\n    - pandas\n',
    };
    for (const [path, text] of Object.entries(files)) {
      await mkdir(dirname(join(work, path)), { recursive: true });
      await writeFile(join(work, path), text);
    }
  });
  after(async () => {
    await srv?.close();
    if (work) await rm(work, { recursive: true, force: true });
  });

  it('registers data, models and environments from local paths, and gets, lists, numbers and archives them as Lathe holds them', async () => {
    const outcome = await runScenario('assets_scenario.py', work, env);

    // Data: the uploaded folder is snapshotted, so azureml:iris:1 keeps these files.
    const created = ok(outcome, 'data_create');
    assert.deepEqual({ ...created, path: undefined }, { name: 'iris', version: '1', path: undefined, type: 'uri_folder', description: 'iris folder', tags: { k: 'v' } });
    assert.match(created.path, /^azureml:\/\/datastores\/workspaceblobstore\/paths\/LocalUpload\/[0-9a-f]+\/local$/);
    assert.deepEqual(ok(outcome, 'data_again'), created);
    assert.deepEqual(ok(outcome, 'data_get'), created);
    const iris = await lathe('data/iris/versions/1');
    assert.equal(iris.spec.type, 'uri_folder');
    assert.equal(iris.spec.description, 'iris folder');
    assert.deepEqual(await snapshotFiles(iris.spec.path), ['one.csv', 'sub/two.txt']);
    // A job reading azureml:iris:1 sees those files.
    const submitted = await srv.post('/api/v1/workspaces/default/jobs', { spec: { command: 'find ${{inputs.d}} -type f | sort', inputs: { d: { type: 'uri_folder', path: 'azureml:iris:1' } } } });
    assert.equal(submitted.status, 201, JSON.stringify(submitted.body));
    const log = await jobLog(submitted.body.name as string);
    assert.match(log, /\/one\.csv\n(.*\n)*.*\/sub\/two\.txt/);
    assert.deepEqual({ version: ok(outcome, 'data_autoversion').version, type: ok(outcome, 'data_autoversion').type }, { version: '2', type: 'uri_file' });
    assert.deepEqual(ok(outcome, 'data_latest'), ok(outcome, 'data_autoversion'));
    assert.equal((await lathe('data/iris/versions/2')).spec.type, 'uri_file');
    assert.equal(ok(outcome, 'data_first_autoversion').version, '1');
    assert.equal((await lathe('data/fresh/versions/1')).spec.type, 'uri_file');
    assert.deepEqual(ok(outcome, 'data_list'), [
      ['fresh', '1'],
      ['iris', '2'],
    ]);
    assert.deepEqual(ok(outcome, 'data_versions'), ['1', '2']);
    // Archiving hides a version from latest and a name from lists; restoring brings it back.
    assert.equal(ok(outcome, 'data_archive'), '1');
    assert.equal(ok(outcome, 'data_restore'), '2');
    assert.equal((await lathe('data/iris/versions/2')).archived, false);
    assert.deepEqual(ok(outcome, 'data_archive_name'), [['iris', '2']]);
    assert.equal((await lathe('data/fresh/versions/1')).archived, true);
    assert.deepEqual(ok(outcome, 'data_recreate'), created);

    // Models: the long azureml://subscriptions/… URI the SDK sends is answered as sent.
    const model = ok(outcome, 'model_create');
    assert.match(model.path, /^azureml:\/\/subscriptions\/sub-1\/resourcegroups\/rg-1\/workspaces\/default\/datastores\/workspaceblobstore\/paths\/LocalUpload\/[0-9a-f]+\/model$/);
    assert.deepEqual(ok(outcome, 'model_get'), model);
    const clf = await lathe('models/clf/versions/1');
    assert.equal(clf.spec.type, 'custom_model');
    assert.deepEqual(await snapshotFiles(clf.spec.path), ['model.pkl']);
    assert.equal(ok(outcome, 'model_autoversion').version, '2');
    assert.deepEqual(ok(outcome, 'model_latest'), ok(outcome, 'model_autoversion'));
    const mlflow = ok(outcome, 'model_mlflow');
    assert.equal(mlflow.type, 'mlflow_model');
    assert.deepEqual(mlflow.flavors, {
      python_function: { loader_module: 'mlflow.sklearn', python_version: '3.10.12' },
      sklearn: { pickled_model: 'model.pkl', sklearn_version: '1.3.0' },
    });
    const mlf = await lathe('models/mlf/versions/3');
    assert.deepEqual(await snapshotFiles(mlf.spec.path), ['MLmodel', 'model.pkl']);
    assert.deepEqual(ok(outcome, 'model_list'), [
      ['clf', '2'],
      ['mlf', '3'],
    ]);
    assert.deepEqual(ok(outcome, 'model_archive'), ['2']);
    assert.equal((await lathe('models/clf/versions/1')).archived, true);

    // Environments: the conda file the SDK inlines as text is Lathe's conda_file.
    const environment = ok(outcome, 'env_create');
    const conda = { name: 'myenv', channels: ['conda-forge'], dependencies: ['python=3.10', { pip: ['pandas'] }] };
    assert.deepEqual(environment, { name: 'myenv', version: '1', image: 'python:3.10-slim', conda_file: conda });
    assert.deepEqual(ok(outcome, 'env_get'), environment);
    const myenv = await lathe('environments/myenv/versions/1');
    assert.deepEqual({ image: myenv.spec.image, conda_file: myenv.spec.conda_file }, { image: 'python:3.10-slim', conda_file: conda });
    assert.deepEqual(ok(outcome, 'env_latest'), { name: 'myenv', version: '2', image: 'python:3.11-slim', conda_file: null });
    assert.equal((await lathe('environments/myenv/versions/2')).spec.image, 'python:3.11-slim');
    assert.deepEqual(ok(outcome, 'env_list'), [['myenv', '2']]);

    // A curated environment answers from the workspace path, as jobs resolve it.
    const curated = (await srv.get(`/api/v1/registries/azureml/environments/${CURATED}`)).body;
    for (const step of ['curated_latest', 'curated_version']) {
      const answer = ok(outcome, step);
      assert.deepEqual({ name: answer.name, version: answer.version, image: answer.image }, { name: CURATED, version: 'curated', image: curated.image }, step);
      assert.deepEqual(answer.conda_file, curated.spec.conda_file, step);
    }
  });

  it('registers, archives and reads components with their uploaded code, and reads and deletes computes created over ARM', async () => {
    const auth = { authorization: `Bearer ${await armToken(srv)}`, 'content-type': 'application/json' };
    const cluster = {
      location: 'westeurope',
      properties: {
        computeType: 'AmlCompute',
        description: 'training',
        properties: { vmSize: 'STANDARD_DS3_V2', scaleSettings: { maxNodeCount: 3, minNodeCount: 0, nodeIdleTimeBeforeScaleDown: 'PT2M' } },
      },
    };
    const put = await srv.send('PUT', `${WS}/computes/cpu-cluster?api-version=2022-10-01-preview`, cluster, auth);
    assert.equal(put.status, 201, JSON.stringify(put.body));
    assert.equal((await srv.send('PUT', `${WS}/computes/old-cluster`, cluster, auth)).status, 201);
    const held = await lathe('computes/cpu-cluster');
    assert.deepEqual(
      { max: held.max_instances, size: held.size, description: held.description, idle: held.spec.idle_time_before_scale_down },
      { max: 3, size: 'STANDARD_DS3_V2', description: 'training', idle: 120 },
    );

    const outcome = await runScenario('components_scenario.py', work, env);

    const component = ok(outcome, 'component_create');
    assert.equal(component.version, '1');
    assert.match(component.code, /\/codes\/[^/]+\/versions\/1$/);
    assert.deepEqual(component.inputs, { lr: { type: 'number', default: 0.1 }, epochs: { type: 'integer', default: 3 }, data: { type: 'uri_folder', default: null } });
    assert.deepEqual(component.outputs, ['model']);
    assert.deepEqual(ok(outcome, 'component_again'), component);
    assert.deepEqual(ok(outcome, 'component_get'), component);
    const train = await lathe('components/train_step/versions/1');
    assert.equal(train.spec.command, 'python train.py --lr ${{inputs.lr}} --epochs ${{inputs.epochs}} --out ${{outputs.model}}');
    assert.equal(train.spec.environment, `azureml:${CURATED}@latest`);
    assert.deepEqual(train.spec.inputs.lr, { type: 'number', default: 0.1 });
    assert.deepEqual(await snapshotFiles(train.spec.code), ['train.py']);
    assert.equal(ok(outcome, 'component_autoversion').version, '2');
    assert.deepEqual(ok(outcome, 'component_latest'), ok(outcome, 'component_autoversion'));
    assert.equal((await lathe('components/train_step/versions/2')).spec.command, 'python train.py');
    assert.deepEqual(ok(outcome, 'component_list'), [['train_step', '2']]);
    // A component read back and created again is the same version; an archived one is not latest.
    assert.deepEqual(ok(outcome, 'component_recreate'), component);
    assert.equal(ok(outcome, 'component_archive'), '1');
    assert.equal((await lathe('components/train_step/versions/2')).archived, true);

    assert.deepEqual(ok(outcome, 'compute_get'), { name: 'cpu-cluster', type: 'amlcompute', max_instances: 3, min_instances: 0, size: 'STANDARD_DS3_V2', state: 'Succeeded' });
    const local = ok(outcome, 'compute_builtin');
    assert.equal(local.max_instances, (await lathe('computes/local')).max_instances);
    assert.deepEqual(ok(outcome, 'compute_list'), ['cpu-cluster', 'local', 'old-cluster']);
    assert.deepEqual(ok(outcome, 'compute_create'), { name: 'gpu-cluster', type: 'amlcompute', max_instances: 2, min_instances: 0, size: 'STANDARD_NC6', state: 'Succeeded' });
    const made = await lathe('computes/gpu-cluster');
    assert.deepEqual([made.type, made.max_instances, made.size, made.spec.idle_time_before_scale_down], ['amlcompute', 2, 'STANDARD_NC6', 300]);
    assert.deepEqual(ok(outcome, 'compute_delete'), ['cpu-cluster', 'gpu-cluster', 'local']);
    assert.equal((await srv.get('/api/v1/workspaces/default/computes/old-cluster')).status, 404);
  });
});
