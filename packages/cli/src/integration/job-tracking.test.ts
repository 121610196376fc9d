// Jobs are MLflow runs: a script that logs with `mlflow` (Lathe's shipped client here, since the
// test Python has no mlflow) shows its params, metrics with steps, tags and artifacts on
// `lathe job show`, `lathe run metrics`, `lathe experiment show` and through the MLflow REST API.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, describe, it } from 'node:test';
import { TrackingClient } from '@lathe/sdk';
import { runCli, startTestServer, waitForEnd, writeFiles, type TestServer } from './harness.js';

const TRACKED_JOB = `$schema: https://azuremlschemas.azureedge.net/latest/commandJob.schema.json
code: src
command: python train.py --lr \${{inputs.lr}}
inputs:
  lr: 0.05
experiment_name: tracked-training
display_name: tracked
tags:
  team: vision
`;

const TRAIN_PY = `import argparse, json, os, sys
import mlflow
print("mlflow from", mlflow.__file__)
p = argparse.ArgumentParser(); p.add_argument("--lr", type=float); a = p.parse_args()
with mlflow.start_run() as run:
    assert run.info.run_id == os.environ["LATHE_JOB_NAME"], (run.info.run_id, os.environ["LATHE_JOB_NAME"])
    mlflow.log_param("lr", a.lr)
    mlflow.log_params({"optimizer": "sgd", "epochs": 5})
    for step in range(5):
        mlflow.log_metric("loss", 1.0 / (step + 1), step=step)
    mlflow.log_metrics({"accuracy": 0.91, "f1": 0.88})
    mlflow.set_tag("stage", "train")
    with open("notes.txt", "w") as f:
        f.write("hello artifacts\\n")
    mlflow.log_artifact("notes.txt")
    mlflow.log_dict({"classes": ["a", "b"]}, "meta/classes.json")
    with mlflow.start_run(nested=True, run_name="child") as child:
        mlflow.log_metric("child_metric", 3.0)
        print("child run", child.info.run_id)
os.makedirs("outputs", exist_ok=True)
with open("outputs/result.txt", "w") as f:
    f.write("done\\n")
print("training finished")
`;

// A stand-in "installed" mlflow in the user site-packages: it must win over the shipped client.
const FAKE_MLFLOW = `__version__ = "0.0-installed"\nINSTALLED = True\n`;
const WHICH_JOB = `command: python -c "import mlflow; print('which mlflow:', getattr(mlflow, 'INSTALLED', False), mlflow.__file__)"
environment_variables:
  PYTHONUSERBASE: {{userbase}}
experiment_name: which-mlflow
`;

describe('jobs are MLflow runs', () => {
  let t: TestServer;
  let project: string;
  let job: string;
  let tracking: TrackingClient;
  before(async () => {
    t = await startTestServer();
    tracking = new TrackingClient(t.url, 'default');
    project = await writeFiles(join(t.scratch, 'project'), { 'job.yml': TRACKED_JOB, 'src/train.py': TRAIN_PY });
    const created = await runCli(['job', 'create', '--file', join(project, 'job.yml'), '-o', 'json'], t.url);
    assert.equal(created.code, 0, created.stderr);
    job = (JSON.parse(created.stdout) as { name: string }).name;
    const ended = await waitForEnd(t.client, job);
    assert.equal(ended.status, 'Completed', `${ended.error?.message}\n${await t.client.getLogs(job)}`);
  });
  after(async () => t.close());

  it("the job's run holds what the script logged, with the job's state", async () => {
    const run = await tracking.getRun(job);
    assert.equal(run.info.run_id, job);
    assert.equal(run.info.status, 'FINISHED');
    assert.equal(run.info.run_name, 'tracked');
    assert.ok(run.info.end_time !== undefined && run.info.start_time !== undefined && run.info.end_time >= run.info.start_time);
    const params = Object.fromEntries(run.data.params.map((p) => [p.key, p.value]));
    assert.deepEqual(params, { epochs: '5', lr: '0.05', optimizer: 'sgd' });
    const metrics = Object.fromEntries(run.data.metrics.map((m) => [m.key, [m.value, m.step]]));
    assert.deepEqual(metrics, { accuracy: [0.91, 0], f1: [0.88, 0], loss: [0.2, 4] });
    const tags = Object.fromEntries(run.data.tags.map((p) => [p.key, p.value]));
    assert.equal(tags.stage, 'train');
    assert.equal(tags.team, 'vision', "the job's tags are the run's");
    assert.equal(tags['mlflow.source.type'], 'JOB');
    const experiment = await tracking.getExperimentByName('tracked-training');
    assert.equal(run.info.experiment_id, experiment.experiment_id);
  });

  it('metric history keeps every step', async () => {
    const history = await tracking.getMetricHistory(job, 'loss');
    assert.deepEqual(
      history.map((m) => [m.step, m.value]),
      [0, 1, 2, 3, 4].map((s) => [s, 1 / (s + 1)]),
    );
  });

  it("the run's artifacts are what the script logged plus the job's outputs and log", async () => {
    const top = (await tracking.listArtifacts(job)).map((f) => `${f.path}${f.is_dir ? '/' : ''}`);
    for (const entry of ['meta/', 'notes.txt', 'outputs/', 'user_logs/']) assert.ok(top.includes(entry), `${entry} in ${top.join(', ')}`);
    assert.deepEqual(
      (await tracking.listArtifacts(job, 'meta')).map((f) => f.path),
      ['meta/classes.json'],
    );
    const notes = await fetch(`${t.url}/api/2.0/mlflow-artifacts/artifacts/${(await tracking.getRun(job)).info.experiment_id}/${job}/artifacts/notes.txt`);
    assert.equal(await notes.text(), 'hello artifacts\n');
    const result = await fetch(`${t.url}/api/2.0/mlflow-artifacts/artifacts/${(await tracking.getRun(job)).info.experiment_id}/${job}/artifacts/outputs/result.txt`);
    assert.equal(await result.text(), 'done\n');
  });

  it('a nested run is a child of the job run, and the shipped client was the one used', async () => {
    const log = await t.client.getLogs(job);
    assert.match(log, /mlflow from .*packages\/mlflow-py\/python\/mlflow\/__init__\.py/);
    const childId = /child run (\w+)/.exec(log)?.[1];
    assert.ok(childId, log);
    const child = await tracking.getRun(childId);
    const tags = Object.fromEntries(child.data.tags.map((p) => [p.key, p.value]));
    assert.equal(tags['mlflow.parentRunId'], job);
    assert.equal(child.info.experiment_id, (await tracking.getRun(job)).info.experiment_id);
  });

  it('lathe job show lists params, latest metrics, tags and artifacts', async () => {
    const shown = await runCli(['job', 'show', '--name', job], t.url);
    assert.equal(shown.code, 0, shown.stderr);
    assert.match(shown.stdout, /Params:\n.*\n.*\nepochs\s+5\nlr\s+0\.05\noptimizer\s+sgd\n/);
    assert.match(shown.stdout, /Metrics \(latest\):\n.*\n.*\naccuracy\s+0\.91\s+0\nf1\s+0\.88\s+0\nloss\s+0\.2\s+4\n/);
    assert.match(shown.stdout, /stage\s+train/);
    assert.match(shown.stdout, /notes\.txt\s+16/);
    assert.match(shown.stdout, /outputs\/result\.txt\s+5/);
    const json = await runCli(['job', 'show', '--name', job, '-o', 'json'], t.url);
    const parsed = JSON.parse(json.stdout) as { name: string; run: { data: { params: unknown[] } }; artifacts: { path: string }[] };
    assert.equal(parsed.name, job);
    assert.equal(parsed.run.data.params.length, 3);
    assert.ok(parsed.artifacts.some((a) => a.path === 'meta/classes.json'));
  });

  it('lathe run metrics prints a metric history; lathe experiment list/show find the run', async () => {
    const metrics = await runCli(['run', 'metrics', job, '--key', 'loss', '-o', 'json'], t.url);
    assert.equal(metrics.code, 0, metrics.stderr);
    const points = JSON.parse(metrics.stdout) as { key: string; step: number; value: number }[];
    assert.deepEqual(
      points.map((p) => [p.key, p.step, p.value]),
      [0, 1, 2, 3, 4].map((s) => ['loss', s, 1 / (s + 1)]),
    );
    const table = await runCli(['run', 'metrics', job], t.url);
    assert.match(table.stdout, /accuracy\s+0\s+0\.91/);
    assert.equal(table.stdout.match(/^loss\s/gm)?.length, 5);

    const list = await runCli(['experiment', 'list'], t.url);
    assert.equal(list.code, 0, list.stderr);
    assert.match(list.stdout, /tracked-training/);
    assert.match(list.stdout, /Default/);
    const show = await runCli(['experiment', 'show', 'tracked-training'], t.url);
    assert.equal(show.code, 0, show.stderr);
    assert.match(show.stdout, new RegExp(`${job}\\s+tracked\\s+FINISHED`));
    const missing = await runCli(['experiment', 'show', 'no-such-experiment'], t.url);
    assert.equal(missing.code, 3, 'not found');
    assert.match(missing.stderr, /no-such-experiment/);
  });

  it('the sklearn-iris example records autologged params and training metrics, and its test accuracy', async () => {
    const example = fileURLToPath(new URL('../../../../examples/jobs/sklearn-iris.yml', import.meta.url));
    const created = await runCli(['job', 'create', '--file', example, '-o', 'json'], t.url);
    assert.equal(created.code, 0, created.stderr);
    const name = (JSON.parse(created.stdout) as { name: string }).name;
    const ended = await waitForEnd(t.client, name);
    assert.equal(ended.status, 'Completed', await t.client.getLogs(name));
    const run = await tracking.getRun(name);
    const params = Object.fromEntries(run.data.params.map((p) => [p.key, p.value]));
    assert.equal(params.C, '0.8');
    assert.equal(params.max_iter, '200', "train.py's default: the optional --max-iter was left out");
    const metrics = Object.fromEntries(run.data.metrics.map((m) => [m.key, Number(m.value)]));
    for (const key of ['training_accuracy_score', 'training_f1_score', 'training_precision_score', 'training_recall_score', 'training_log_loss', 'training_score']) {
      assert.ok(Number.isFinite(metrics[key]), `${key} in ${Object.keys(metrics).join(', ')}`);
    }
    assert.ok((metrics.test_accuracy ?? 0) > 0.9, `test accuracy ${metrics.test_accuracy}`);
    const tags = Object.fromEntries(run.data.tags.map((p) => [p.key, p.value]));
    assert.equal(tags.estimator_name, 'LogisticRegression');
    assert.equal(run.info.status, 'FINISHED');
  });

  it("an mlflow installed in the job's Python wins over the shipped client", async () => {
    const userbase = join(t.scratch, 'userbase');
    const python = process.env.LATHE_PYTHON ?? '/usr/bin/python3';
    const site = spawnSync(python, ['-c', 'import site; print(site.getusersitepackages())'], { env: { ...process.env, PYTHONUSERBASE: userbase }, encoding: 'utf8' });
    await writeFiles(site.stdout.trim(), { 'mlflow/__init__.py': FAKE_MLFLOW });
    await writeFiles(join(t.scratch, 'which'), { 'job.yml': WHICH_JOB.replace('{{userbase}}', userbase) });
    const created = await runCli(['job', 'create', '--file', join(t.scratch, 'which', 'job.yml'), '-o', 'json'], t.url);
    assert.equal(created.code, 0, created.stderr);
    const name = (JSON.parse(created.stdout) as { name: string }).name;
    assert.equal((await waitForEnd(t.client, name)).status, 'Completed');
    assert.match(await t.client.getLogs(name), /which mlflow: True .*userbase/);
  });
});
