import assert from 'node:assert/strict';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { JobResource, PageResource, SdkEnvResource, SweepResource } from '@lathe/api';
import { MlflowTestServer } from '../../testing/mlflow-test-server.js';
import { runPython, TEST_FIXTURES } from '../../testing/run-python.js';

// Logs its score three times (the last is the best): x, doubled for kind b; writes a model file.
const TRAIN = `import argparse, os
import mlflow
p = argparse.ArgumentParser()
p.add_argument("--x", type=float)
p.add_argument("--kind")
p.add_argument("--model-dir")
a = p.parse_args()
score = a.x * (2 if a.kind == "b" else 1)
with mlflow.start_run():
    for i in range(3):
        mlflow.log_metric("score", score * (i + 1) / 3, step=i)
os.makedirs(a.model_dir, exist_ok=True)
open(os.path.join(a.model_dir, "model.txt"), "w").write(f"x={a.x} kind={a.kind}")
`;

type Outcome = Record<string, any>;

function ok(outcome: Outcome, step: string): any {
  assert.ok(outcome[step] !== undefined, `no step ${step}`);
  assert.equal(outcome[step]?.error, undefined, `${step}: ${String(outcome[step]?.error)}`);
  return outcome[step];
}

describe('a sweep submitted with the Azure ML SDK', () => {
  let srv: MlflowTestServer;
  let work: string;
  let sdk: SdkEnvResource;

  before(async () => {
    srv = await MlflowTestServer.start();
    work = await mkdtemp(join(tmpdir(), 'lathe-sdk-sweep-'));
    await mkdir(join(work, 'src'));
    await writeFile(join(work, 'src', 'train.py'), TRAIN);
    sdk = (await srv.get<SdkEnvResource>('/api/v1/sdk/env')).body;
  });
  after(async () => {
    await srv?.close();
    if (work) await rm(work, { recursive: true, force: true });
  });

  it('runs every grid trial, lists them by parent_job_name and downloads the best trial model', async () => {
    const { code, out } = await runPython([join(TEST_FIXTURES, 'azure-sdk', 'sweep_scenario.py')], work, sdk.variables);
    const line = out.split('\n').find((l) => l.startsWith('RESULT '));
    assert.ok(code === 0 && line !== undefined, out);
    const outcome = JSON.parse(line.slice('RESULT '.length)) as Outcome;
    const submitted = ok(outcome, 'submit');
    assert.equal(submitted.type, 'sweep');
    const name = submitted.name as string;
    assert.deepEqual(ok(outcome, 'wait'), {
      status: 'Completed',
      type: 'sweep',
      best: `${name}_5`,
      score: '6',
      primary_metric: 'score',
      max_total_trials: 6,
      search_space: ['kind', 'x'],
    });
    const trials = [0, 1, 2, 3, 4, 5].map((i) => `${name}_${i}`);
    assert.deepEqual(ok(outcome, 'trials'), trials);
    assert.equal(ok(outcome, 'download'), 'x=3.0 kind=b');

    // What Lathe holds: a sweep whose trials ran the SDK's command with each grid point.
    const sweep = (await srv.get<SweepResource>(`/api/v1/workspaces/default/jobs/${name}/sweep`)).body;
    assert.equal(sweep.sampling_algorithm, 'grid');
    assert.equal(sweep.early_termination, 'bandit');
    assert.deepEqual(
      sweep.trials.map((t) => [t.parameters.x, t.parameters.kind, t.score, t.status]),
      [
        [3, 'b', 6, 'Completed'],
        [2, 'b', 4, 'Completed'],
        [3, 'a', 3, 'Completed'],
        [1, 'b', 2, 'Completed'],
        [2, 'a', 2, 'Completed'],
        [1, 'a', 1, 'Completed'],
      ],
    );
    const children = (await srv.get<PageResource<JobResource>>(`/api/v1/workspaces/default/jobs/${name}/children`)).body.value;
    const best = children.find((c) => c.name === `${name}_5`);
    assert.match(String(best?.spec.command), /^python train\.py --x 3 --kind b --model-dir \$\{\{outputs\.model\}\}$/);
  });
});
