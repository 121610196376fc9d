import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { runCli, startTestServer, waitForEnd, type TestServer } from './harness.js';

describe('lathe run list and run show, for runs an MLflow client logged without a job', () => {
  let t: TestServer;
  let notebookRun: string;
  let job: string;
  const mlflow = async (path: string, body: unknown) => {
    const res = await fetch(`${t.url}/api/2.0/mlflow/${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    assert.equal(res.status, 200, await res.clone().text());
    return (await res.json()) as Record<string, unknown>;
  };

  before(async () => {
    t = await startTestServer();
    // What a notebook does with MLFLOW_TRACKING_URI pointed at Lathe.
    const { experiment_id } = (await mlflow('experiments/create', { name: 'notebook' })) as { experiment_id: string };
    notebookRun = ((await mlflow('runs/create', { experiment_id, run_name: 'exploring' })) as { run: { info: { run_id: string } } }).run.info.run_id;
    await mlflow('runs/log-parameter', { run_id: notebookRun, key: 'alpha', value: '0.3' });
    await mlflow('runs/log-metric', { run_id: notebookRun, key: 'rmse', value: 0.25, timestamp: Date.now(), step: 0 });
    job = (await t.client.createJob({ command: 'echo done', experiment_name: 'jobs' })).name;
    await waitForEnd(t.client, job);
  });
  after(async () => t.close());

  it('run list shows runs of every experiment and says which a job created', async () => {
    const table = await runCli(['run', 'list'], t.url);
    assert.equal(table.code, 0, table.stderr);
    assert.match(table.stdout, new RegExp(`^${notebookRun}\\s+exploring\\s+\\S+\\s+RUNNING\\s+.*MLflow client\\s+rmse=0.25$`, 'm'));
    assert.match(table.stdout, new RegExp(`^${job}\\s+.*\\s+job\\s*$`, 'm'));
    const json = JSON.parse((await runCli(['run', 'list', '--experiment-name', 'notebook', '-o', 'json'], t.url)).stdout) as { info: { run_id: string } }[];
    assert.deepEqual(
      json.map((r) => r.info.run_id),
      [notebookRun],
    );
  });

  it('run show prints a run no job created, with its params and metrics', async () => {
    const show = await runCli(['run', 'show', notebookRun], t.url);
    assert.equal(show.code, 0, show.stderr);
    assert.match(show.stdout, /Logged by an MLflow client directly; no Lathe job ran it/);
    assert.match(show.stdout, /^alpha\s+0\.3$/m);
    assert.match(show.stdout, /^rmse\s+0\.25\s+0$/m);
    const ofJob = await runCli(['run', 'show', job], t.url);
    assert.match(ofJob.stdout, new RegExp(`Created by job ${job}: lathe job show ${job}`));
  });

  it('job show of such a run explains what it is and points to run show', async () => {
    const show = await runCli(['job', 'show', notebookRun], t.url);
    assert.equal(show.code, 3);
    assert.equal(show.stderr, `Error: '${notebookRun}' is not a job: it is an MLflow run that an MLflow client logged directly (no Lathe job ran it). See it with: lathe run show ${notebookRun}\n`);
    const missing = await runCli(['job', 'show', 'no_such_thing'], t.url);
    assert.match(missing.stderr, /job 'no_such_thing' does not exist/);
  });
});
