import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { groupAlive, startTestServer, waitForEnd, waitForStatus, type TestServer } from './harness.js';

describe('job lifecycle on local compute', () => {
  let t: TestServer;
  before(async () => {
    t = await startTestServer();
  });
  after(async () => t.close());

  it('a successful job goes through every state in order, each with its time', async () => {
    const created = await t.client.createJob({ command: 'echo "hello world"' });
    assert.equal(created.status, 'Queued');
    const job = await waitForEnd(t.client, created.name);
    assert.equal(job.status, 'Completed');
    assert.equal(job.exit_code, 0);
    assert.deepEqual(
      job.status_history.map((e) => e.status),
      ['NotStarted', 'Queued', 'Preparing', 'Running', 'Finalizing', 'Completed'],
    );
    const times = job.status_history.map((e) => Date.parse(e.time));
    assert.deepEqual(
      times,
      [...times].sort((a, b) => a - b),
    );
    assert.ok(job.started_at && job.ended_at && job.duration_seconds !== null);
    assert.match(await t.client.getLogs(job.name), /^hello world$/m);
  });

  it('a non-zero exit fails the job with the exit code and the last lines of the log', async () => {
    const created = await t.client.createJob({ command: 'echo first line; echo "boom: it broke" >&2; exit 3' });
    const job = await waitForEnd(t.client, created.name);
    assert.equal(job.status, 'Failed');
    assert.equal(job.exit_code, 3);
    assert.equal(job.error?.type, 'UserError');
    assert.match(job.error?.message ?? '', /exited with code 3/);
    assert.match(job.error?.message ?? '', /boom: it broke/);
    assert.equal(job.error?.details.exit_code, 3);
  });

  it('limits.timeout stops a job that runs too long and fails it with a timeout reason', async () => {
    const created = await t.client.createJob({ command: 'sleep 30', limits: { timeout: 1 } });
    const job = await waitForEnd(t.client, created.name, 20_000);
    assert.equal(job.status, 'Failed');
    assert.equal(job.error?.type, 'Timeout');
    assert.match(job.error?.message ?? '', /time limit of 1 s/);
    assert.ok((job.duration_seconds ?? 99) < 10, `took ${job.duration_seconds}s`);
  });

  it('cancel stops a running job and its whole process group, ending Canceled', async () => {
    const created = await t.client.createJob({ command: 'sleep 60 & sleep 60; wait' });
    await waitForStatus(t.client, created.name, ['Running']);
    const folder = join(t.home, 'runs', 'default', created.name);
    const pgid = Number(await readFile(join(folder, 'child.pgid'), 'utf8'));
    assert.ok(await groupAlive(pgid), 'the command runs in its own process group');
    const requested = await t.client.cancelJob(created.name);
    assert.ok(['CancelRequested', 'Canceled'].includes(requested.status));
    const job = await waitForEnd(t.client, created.name, 20_000);
    assert.equal(job.status, 'Canceled');
    assert.equal(await groupAlive(pgid), false, 'no process of the job survives');
    assert.equal((await t.client.cancelJob(created.name)).status, 'Canceled', 'cancel is idempotent for a finished job');
  });

  it('cancel escalates to SIGKILL when the command ignores SIGTERM', async () => {
    const created = await t.client.createJob({ command: 'trap "" TERM; echo ready; while true; do sleep 0.1; done' });
    await waitForStatus(t.client, created.name, ['Running']);
    const started = Date.now();
    await t.client.cancelJob(created.name);
    const job = await waitForEnd(t.client, created.name, 20_000);
    assert.equal(job.status, 'Canceled');
    assert.ok(Date.now() - started >= 400, 'SIGKILL waited for the grace period');
  });

  it('a queued job that is canceled never starts', async () => {
    const busy = await Promise.all([1, 2, 3].map(() => t.client.createJob({ command: 'sleep 2' })));
    const queued = await t.client.createJob({ command: 'echo should-not-run' });
    const canceled = await t.client.cancelJob(queued.name);
    for (const b of busy) await t.client.cancelJob(b.name);
    if (canceled.status === 'Canceled') {
      const job = await t.client.getJob(queued.name);
      assert.deepEqual(
        job.status_history.map((e) => e.status),
        ['NotStarted', 'Queued', 'Canceled'],
      );
      assert.equal(await t.client.getLogs(queued.name), '');
    } else {
      assert.equal((await waitForEnd(t.client, queued.name)).status, 'Canceled');
    }
  });

  it('the command sees the job name, its inputs and outputs and its environment variables', async () => {
    const created = await t.client.createJob({
      command: 'echo "run=$AZUREML_RUN_ID name=$LATHE_JOB_NAME lr=$AZURE_ML_INPUT_lr out=$AZURE_ML_OUTPUT_model mode=$MODE py=$(python -c "import sys; print(sys.version_info[0])")"',
      inputs: { lr: 0.01 },
      outputs: { model: { type: 'uri_folder' } },
      environment_variables: { MODE: 'fast' },
      experiment_name: 'env-check',
    });
    const job = await waitForEnd(t.client, created.name);
    assert.equal(job.status, 'Completed', job.error?.message);
    const log = await t.client.getLogs(job.name);
    assert.match(log, new RegExp(`run=${job.name} name=${job.name} lr=0.01 out=\\S+/outputs/model mode=fast py=3`));
  });

  it('the log streams live while the job runs and the stream ends with the job', async () => {
    const created = await t.client.createJob({ command: 'echo one; sleep 1; echo two' });
    const chunks: string[] = [];
    let statusAtFirstChunk = '';
    for await (const chunk of t.client.followLogs(created.name)) {
      if (chunks.length === 0) statusAtFirstChunk = (await t.client.getJob(created.name)).status;
      chunks.push(Buffer.from(chunk).toString());
    }
    assert.equal(statusAtFirstChunk, 'Running', 'the first line arrived before the job ended');
    assert.match(chunks.join(''), /one\n[\s\S]*two\n/);
    assert.equal((await t.client.getJob(created.name)).status, 'Completed');
  });
});
