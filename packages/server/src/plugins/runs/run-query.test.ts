import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { ExperimentSummaryResource, MetricSeriesResource, RunPageResource } from '@lathe/api';
import { LatheClient } from '@lathe/sdk';
import { MlflowTestServer } from '../../testing/mlflow-test-server.js';

const RUNS = '/api/v1/workspaces/default/runs';

describe('GET /runs and /experiments: the run list Studio pages through', () => {
  let srv: MlflowTestServer;
  let experiment: string;
  const runs: string[] = [];

  before(async () => {
    srv = await MlflowTestServer.start();
    experiment = await srv.createExperiment('listing');
    for (let i = 0; i < 5; i++) {
      const id = await srv.createRun(experiment, { run_name: `r${i}`, start_time: 1_000 + i, user_id: i % 2 ? 'ada' : 'bob' });
      await srv.ok('runs/log-batch', {
        run_id: id,
        metrics: [{ key: 'acc', value: i / 10, timestamp: 5, step: 0 }],
        params: [{ key: 'lr', value: String(i) }],
        tags: [{ key: 'team', value: i < 3 ? 'a' : 'b' }],
      });
      runs.push(id);
    }
    await srv.ok('runs/update', { run_id: runs[4], status: 'FAILED', end_time: 2_000 });
  });
  after(() => srv.close());

  it('returns rows with metrics, params, tags and the experiment, newest first, with a total', async () => {
    const page = await srv.getOk<RunPageResource>(RUNS, { experiment: 'listing', count: 'true' });
    assert.equal(page.total, 5);
    assert.deepEqual(
      page.value.map((r) => r.run_name),
      ['r4', 'r3', 'r2', 'r1', 'r0'],
    );
    const r1 = page.value[3]!;
    assert.equal(r1.experiment_name, 'listing');
    assert.equal(r1.user_id, 'ada');
    assert.deepEqual(r1.metrics, { acc: 0.1 });
    assert.deepEqual(r1.params, { lr: '1' });
    assert.equal(r1.tags.team, 'a');
    assert.equal(r1.job, null);
    // A run no job made shows its MLflow status as the job status it would be.
    assert.equal(r1.status, 'Running');
    assert.equal(page.value[0]!.status, 'Failed');
  });

  it('filters with MLflow grammar, sorts, pages with tokens, and counts every page', async () => {
    const filtered = await srv.getOk<RunPageResource>(RUNS, { experiment: 'listing', filter: 'metrics.acc >= 0.2 and tags.team = "a"', count: 'true' });
    assert.deepEqual(
      filtered.value.map((r) => r.run_name),
      ['r2'],
    );
    assert.equal(filtered.total, 1);

    const sorted = await srv.getOk<RunPageResource>(RUNS, { experiment: 'listing', order_by: 'metrics.acc ASC' });
    assert.deepEqual(
      sorted.value.map((r) => r.run_name),
      ['r0', 'r1', 'r2', 'r3', 'r4'],
    );

    const seen: string[] = [];
    let token: string | undefined;
    do {
      const page: RunPageResource = await srv.getOk(RUNS, { experiment: 'listing', max_results: 2, ...(token ? { page_token: token } : {}) });
      seen.push(...page.value.map((r) => r.run_name));
      token = page.next_page_token;
    } while (token);
    assert.deepEqual(seen, ['r4', 'r3', 'r2', 'r1', 'r0']);

    const failed = await srv.getOk<RunPageResource>(RUNS, { status: 'Failed,Canceled' });
    assert.deepEqual(
      failed.value.map((r) => r.run_name),
      ['r4'],
    );
    const byUser = await srv.getOk<RunPageResource>(RUNS, { filter: "attributes.user_id = 'bob'" });
    assert.deepEqual(
      byUser.value.map((r) => r.run_name),
      ['r4', 'r2', 'r0'],
    );
  });

  it('without an experiment, lists every experiment; an unknown one lists nothing', async () => {
    const all = await srv.getOk<RunPageResource>(RUNS, { count: 'true' });
    assert.equal(all.total, 5);
    const none = await srv.getOk<RunPageResource>(RUNS, { experiment: 'no-such', count: 'true' });
    assert.deepEqual(none, { value: [], total: 0 });
  });

  it("finds runs by plain words of the run name or the job's own name (text)", async () => {
    const client = new LatheClient({ url: srv.url });
    const job = await client.createJob({ type: 'command', command: 'echo words', experiment_name: 'words', display_name: 'Nightly ResNet' });
    const other = await srv.createRun(await srv.createExperiment('words-other'), { run_name: 'resnet-outside' });
    const found = async (text: string, experiment?: string) =>
      (await srv.getOk<RunPageResource>(RUNS, { text, count: 'true', ...(experiment ? { experiment } : {}) })).value.map((r) => r.run_id).sort();
    // A job with a display name is found by its own name too, which the grammar's run_name misses.
    assert.deepEqual(await found(job.name.toUpperCase()), [job.name]);
    assert.deepEqual((await srv.getOk<RunPageResource>(RUNS, { filter: `attributes.run_name ILIKE '%${job.name}%'` })).value, []);
    assert.deepEqual(await found('resnet'), [job.name, other].sort());
    assert.deepEqual(await found('  resnet   nightly '), [job.name]);
    assert.deepEqual(await found('resnet', 'words'), [job.name]);
    assert.deepEqual(await srv.getOk<RunPageResource>(RUNS, { text: 'resnet', filter: "attributes.run_name = 'resnet-outside'", count: 'true' }), {
      value: (await srv.getOk<RunPageResource>(RUNS, { filter: "attributes.run_name = 'resnet-outside'" })).value,
      total: 1,
    });
    const tooLong = await srv.get(RUNS, { text: 'x'.repeat(1001) });
    assert.equal(tooLong.status, 400);
    assert.match(tooLong.body.message, /text/);
  });

  it('refuses bad input with a 400 that names it', async () => {
    const bad = await srv.get(RUNS, { filter: 'metrics.acc >>> 1' });
    assert.equal(bad.status, 400);
    assert.equal(bad.body.error_code, 'LATHE_BAD_REQUEST');
    const status = await srv.get(RUNS, { status: 'Sleeping' });
    assert.equal(status.status, 400);
    assert.match(status.body.message, /'Sleeping' is not a job status/);
    const size = await srv.get(RUNS, { max_results: 5000 });
    assert.equal(size.status, 400);
    assert.match(size.body.message, /max_results/);
    const token = await srv.get(RUNS, { page_token: 'garbage' });
    assert.equal(token.status, 400);
    const extra = await srv.get(RUNS, { colour: 'red' });
    assert.equal(extra.status, 400);
  });

  it('summarises experiments with run counts and last activity', async () => {
    const { value } = await srv.getOk<{ value: ExperimentSummaryResource[] }>('/api/v1/workspaces/default/experiments');
    const listing = value.find((e) => e.name === 'listing');
    assert.equal(listing?.run_count, 5);
    assert.ok((listing?.last_activity ?? 0) >= 2_000);
    assert.equal(value.find((e) => e.name === 'Default')?.run_count, 0);
    assert.equal((await srv.get('/api/v1/workspaces/default/experiments', { view_type: 'SOME' })).status, 400);
  });

  it('serves a metric as columns in step order, NaN included', async () => {
    const id = runs[0]!;
    await srv.ok('runs/log-batch', {
      run_id: id,
      metrics: [
        { key: 'loss', value: 0.5, timestamp: 20, step: 2 },
        { key: 'loss', value: 0.9, timestamp: 10, step: 1 },
        { key: 'loss', value: 'NaN', timestamp: 30, step: 3 },
      ],
    });
    const series = await srv.getOk<MetricSeriesResource>(`${RUNS}/${id}/metrics/loss`);
    assert.deepEqual(series, { run_id: id, key: 'loss', steps: [1, 2, 3], timestamps: [10, 20, 30], values: [0.9, 0.5, 'NaN'] });
    const stepsOnly = await srv.getOk<MetricSeriesResource>(`${RUNS}/${id}/metrics/loss`, { columns: 'steps,values' });
    assert.deepEqual(stepsOnly, { run_id: id, key: 'loss', steps: [1, 2, 3], values: [0.9, 0.5, 'NaN'] });
    assert.equal((await srv.get(`${RUNS}/${id}/metrics/loss`, { columns: 'values' })).status, 400);
    const empty = await srv.getOk<MetricSeriesResource>(`${RUNS}/${id}/metrics/never-logged`);
    assert.deepEqual(empty.steps, []);
    const missing = await srv.get(`${RUNS}/no-such-run/metrics/loss`);
    assert.equal(missing.status, 404);
  });
});
