import assert from 'node:assert/strict';
import { cp, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { JobResource, PageResource, SdkEnvResource } from '@lathe/api';
import { MlflowTestServer } from '../../testing/mlflow-test-server.js';
import { runPython, TEST_FIXTURES } from '../../testing/run-python.js';

const DOUBLE = `import argparse, os
p = argparse.ArgumentParser(); p.add_argument("--x", type=float); p.add_argument("--out"); a = p.parse_args()
os.makedirs(a.out, exist_ok=True)
open(os.path.join(a.out, "value.txt"), "w").write(str(a.x * 2))
`;
const ADD = `import argparse, os
p = argparse.ArgumentParser(); p.add_argument("--a"); p.add_argument("--y", type=float); p.add_argument("--out"); a = p.parse_args()
value = float(open(os.path.join(a.a, "value.txt")).read()) + a.y
os.makedirs(a.out, exist_ok=True)
open(os.path.join(a.out, "value.txt"), "w").write(str(value))
`;

type Outcome = Record<string, any>;

// examples/, whose pipelines/iris_pipeline.py reads ../data/iris.csv.
const EXAMPLES = join(TEST_FIXTURES, '..', '..', '..', 'examples');

function ok(outcome: Outcome, step: string): any {
  assert.ok(outcome[step] !== undefined, `no step ${step}`);
  assert.equal(outcome[step]?.error, undefined, `${step}: ${String(outcome[step]?.error)}`);
  return outcome[step];
}

describe('a pipeline written with @dsl.pipeline and submitted with the Azure ML SDK', () => {
  let srv: MlflowTestServer;
  let work: string;
  let sdk: SdkEnvResource;

  before(async () => {
    srv = await MlflowTestServer.start();
    work = await mkdtemp(join(tmpdir(), 'lathe-sdk-pipeline-'));
    await mkdir(join(work, 'src'));
    await writeFile(join(work, 'src', 'double.py'), DOUBLE);
    await writeFile(join(work, 'src', 'add.py'), ADD);
    sdk = (await srv.get<SdkEnvResource>('/api/v1/sdk/env')).body;
  });
  after(async () => {
    await srv?.close();
    if (work) await rm(work, { recursive: true, force: true });
  });

  it('runs its steps in order, passing the first step output to the second, and lists them by parent_job_name', async () => {
    const { code, out } = await runPython([join(TEST_FIXTURES, 'azure-sdk', 'pipeline_scenario.py')], work, sdk.variables);
    const line = out.split('\n').find((l) => l.startsWith('RESULT '));
    assert.ok(code === 0 && line !== undefined, out);
    const outcome = JSON.parse(line.slice('RESULT '.length)) as Outcome;
    const name = ok(outcome, 'submit').name as string;
    assert.equal(ok(outcome, 'submit').type, 'pipeline');
    assert.deepEqual(ok(outcome, 'wait'), { status: 'Completed', type: 'pipeline' });
    assert.deepEqual(ok(outcome, 'steps'), [`${name}_added`, `${name}_doubled`]);
    // 5 doubled, plus 3: the second step read the first one's output.
    const total = await srv.send('GET', `/api/v1/workspaces/default/jobs/${name}/outputs/total/files/value.txt`);
    assert.equal(total.status, 200);
    assert.equal(Number(total.body), 13);
    const steps = (await srv.get<PageResource<JobResource>>(`/api/v1/workspaces/default/jobs/${name}/children`)).body.value;
    assert.ok(
      steps.every((s) => String(s.spec.component).startsWith('azureml:azureml_anonymous:')),
      JSON.stringify(steps.map((s) => s.spec.component)),
    );
  });

  it('runs the iris example written with @dsl.pipeline over its component files, and a second run reuses the unchanged steps', async () => {
    const example = join(work, 'examples');
    await cp(EXAMPLES, example, { recursive: true, filter: (source) => !source.includes('__pycache__') });
    const run = async (args: string[]) => {
      const { code, out } = await runPython(['iris_pipeline.py', ...args], join(example, 'pipelines'), sdk.variables);
      const ended = /Pipeline (\S+) (\w+)\n/.exec(out);
      assert.ok(code === 0 && ended, out);
      assert.equal(ended[2], 'Completed', out);
      const steps = (await srv.get<PageResource<JobResource>>(`/api/v1/workspaces/default/jobs/${ended[1]}/children`)).body.value;
      return { name: ended[1] as string, reused: Object.fromEntries(steps.map((s) => [s.display_name, s.reused_from !== null])), steps };
    };
    const first = await run([]);
    // The SDK names each step after the variable holding it.
    assert.deepEqual(first.reused, { prepared: false, trained: false, scored: false, evaluated: false });
    const report = await srv.send('GET', `/api/v1/workspaces/default/jobs/${first.name}/outputs/report/files/report.json`);
    assert.equal(report.status, 200);
    const scores = report.body as { rows: number; test_accuracy: number };
    assert.equal(scores.rows, 45);
    assert.ok(scores.test_accuracy > 0.8, String(scores.test_accuracy));
    // The SDK registers the same anonymous components again; only evaluate's parameter changed.
    const second = await run(['--min-accuracy', '0.9']);
    assert.deepEqual(second.reused, { prepared: true, trained: true, scored: true, evaluated: false });
  });

  it('registers a pipeline component with ml_client.components and runs it as a step of a @dsl.pipeline', async () => {
    const example = join(work, 'component-examples');
    await cp(EXAMPLES, example, { recursive: true, filter: (source) => !source.includes('__pycache__') });
    const { code, out } = await runPython([join(TEST_FIXTURES, 'azure-sdk', 'pipeline_component_scenario.py')], join(example, 'pipelines'), sdk.variables);
    const line = out.split('\n').find((l) => l.startsWith('RESULT '));
    assert.ok(code === 0 && line !== undefined, out);
    const outcome = JSON.parse(line.slice('RESULT '.length)) as Outcome;
    assert.deepEqual(ok(outcome, 'register'), { name: 'iris_train_score_evaluate', version: '1', type: 'pipeline' });
    assert.deepEqual(ok(outcome, 'get'), { type: 'pipeline', steps: ['evaluate', 'score', 'train'], inputs: ['C', 'min_accuracy', 'prepared'] });
    const name = ok(outcome, 'submit').name as string;
    assert.equal(ok(outcome, 'wait'), 'Completed');
    assert.deepEqual(ok(outcome, 'steps'), ['model', 'prepared']);
    // The nested pipeline ran the component's three steps; its report is the pipeline's.
    const nested = (await srv.get<PageResource<JobResource>>(`/api/v1/workspaces/default/jobs/${name}_model/children`)).body.value;
    assert.deepEqual(nested.map((s) => [s.display_name, s.status]).sort(), [
      ['evaluate', 'Completed'],
      ['score', 'Completed'],
      ['train', 'Completed'],
    ]);
    const report = await srv.send('GET', `/api/v1/workspaces/default/jobs/${name}/outputs/report/files/report.json`);
    assert.equal(report.status, 200);
    assert.equal((report.body as { rows: number }).rows, 45);
  });

  it("runs the iris sweep example written with @dsl.pipeline: a sweep node tunes train, and score reads the best trial's model", async () => {
    const example = join(work, 'sweep-examples');
    await cp(EXAMPLES, example, { recursive: true, filter: (source) => !source.includes('__pycache__') });
    const { code, out } = await runPython(['iris_sweep_pipeline.py'], join(example, 'pipelines'), sdk.variables);
    const ended = /Pipeline (\S+) (\w+)\n/.exec(out);
    assert.ok(code === 0 && ended, out);
    assert.equal(ended[2], 'Completed', out);
    const name = ended[1] as string;
    const tune = (await srv.get<JobResource>(`/api/v1/workspaces/default/jobs/${name}_tune`)).body;
    assert.equal(tune.type, 'sweep');
    const trials = (await srv.get<PageResource<JobResource>>(`/api/v1/workspaces/default/jobs/${tune.name}/children`)).body.value;
    assert.equal(trials.length, 4);
    const score = (await srv.get<JobResource>(`/api/v1/workspaces/default/jobs/${name}_scored`)).body;
    assert.equal((score.spec.inputs as Record<string, { source_path?: string }>).model?.source_path, `azureml://jobs/${tune.name}/outputs/model`);
    const report = await srv.send('GET', `/api/v1/workspaces/default/jobs/${name}/outputs/report/files/report.json`);
    assert.equal(report.status, 200);
    assert.equal((report.body as { rows: number }).rows, 45);
  });
});
