import assert from 'node:assert/strict';
import type { MetadataStore, MetricPoint, Run, SearchRunsQuery, TrackingStore } from '@lathe/store';
import { parseRunFilter, parseRunOrderBy } from '@lathe/tracking';
import { jobInput, newWorkspace, T0, uniqueName } from '../metadata-store/store-fixtures.js';
import { rejectsWith } from '../rejects-with.js';

/** The stores under test: the tracking store and the metadata store that shares its database. */
export interface TrackingSuite {
  readonly metadata: MetadataStore;
  readonly tracking: TrackingStore;
  test(name: string, body: () => Promise<void>): void;
}

const metric = (key: string, value: number, step = 0, timestamp = T0): MetricPoint => ({ key, value, step, timestamp });

function query(experimentIds: string[], overrides: Partial<Omit<SearchRunsQuery, 'filter' | 'orderBy'>> & { filter?: string; orderBy?: string[] } = {}): SearchRunsQuery {
  const { filter, orderBy, ...rest } = overrides;
  return { experimentIds, filter: parseRunFilter(filter), orderBy: parseRunOrderBy(orderBy ?? []), viewType: 'ACTIVE_ONLY', maxResults: 1000, ...rest };
}

async function allPages(tracking: TrackingStore, workspace: string, q: SearchRunsQuery): Promise<Run[]> {
  const runs: Run[] = [];
  let pageToken: string | undefined;
  do {
    const page = await tracking.searchRuns(workspace, { ...q, ...(pageToken ? { pageToken } : {}) });
    runs.push(...page.items);
    pageToken = page.nextPageToken;
  } while (pageToken);
  return runs;
}

/** Experiments: creation, names, lifecycle, tags. */
export function defineExperimentTests(s: TrackingSuite): void {
  s.test('a new workspace has a Default experiment; experiments are unique by name', async () => {
    const ws = await newWorkspace(s.metadata);
    assert.equal((await s.tracking.findExperimentByName(ws, 'Default'))?.lifecycleStage, 'active');
    const e = await s.tracking.createExperiment(ws, { name: 'exp', tags: [{ key: 'team', value: 'a' }], at: T0 });
    assert.deepEqual(await s.tracking.getExperiment(ws, e.experimentId), {
      experimentId: e.experimentId,
      name: 'exp',
      artifactLocation: `mlflow-artifacts:/${e.experimentId}`,
      lifecycleStage: 'active',
      creationTime: T0,
      lastUpdateTime: T0,
      tags: [{ key: 'team', value: 'a' }],
    });
    await rejectsWith(s.tracking.createExperiment(ws, { name: 'exp', at: T0 }), 'LATHE_CONFLICT', /already exists/);
    await rejectsWith(s.tracking.getExperiment(ws, '999999999'), 'LATHE_NOT_FOUND');
    await rejectsWith(s.tracking.getExperiment(ws, 'abc'), 'LATHE_NOT_FOUND');
    const other = await newWorkspace(s.metadata);
    await rejectsWith(s.tracking.getExperiment(other, e.experimentId), 'LATHE_NOT_FOUND', /No Experiment/);
    assert.equal((await s.tracking.ensureExperiment(ws, 'exp', T0)).experimentId, e.experimentId);
  });

  s.test('rename, tags, delete and restore; a deleted experiment hides its runs', async () => {
    const ws = await newWorkspace(s.metadata);
    const e = await s.tracking.createExperiment(ws, { name: 'old', at: T0 });
    await s.tracking.createExperiment(ws, { name: 'taken', at: T0 });
    await rejectsWith(s.tracking.renameExperiment(ws, e.experimentId, 'taken', T0 + 1), 'LATHE_CONFLICT');
    await s.tracking.renameExperiment(ws, e.experimentId, 'new', T0 + 2);
    await s.tracking.setExperimentTag(ws, e.experimentId, { key: 'k', value: 'v1' }, T0 + 3);
    await s.tracking.setExperimentTag(ws, e.experimentId, { key: 'k', value: 'v2' }, T0 + 4);
    const renamed = await s.tracking.getExperiment(ws, e.experimentId);
    assert.equal(renamed.name, 'new');
    assert.deepEqual(renamed.tags, [{ key: 'k', value: 'v2' }]);
    assert.equal(renamed.lastUpdateTime, T0 + 4);
    await s.tracking.deleteExperimentTag(ws, e.experimentId, 'k', T0 + 5);
    await rejectsWith(s.tracking.deleteExperimentTag(ws, e.experimentId, 'k', T0 + 5), 'LATHE_NOT_FOUND');

    const run = await s.tracking.createRun(ws, { experimentId: e.experimentId, startTime: T0 });
    await s.tracking.setExperimentLifecycle(ws, e.experimentId, 'deleted', T0 + 6);
    assert.equal((await s.tracking.getRunInfo(ws, run.info.runId)).lifecycleStage, 'deleted');
    await rejectsWith(s.tracking.createRun(ws, { experimentId: e.experimentId }), 'LATHE_BAD_REQUEST', /must be in the 'active' state/);
    await rejectsWith(s.tracking.setExperimentLifecycle(ws, e.experimentId, 'deleted', T0 + 7), 'LATHE_NOT_FOUND', /No Experiment/);
    await s.tracking.setExperimentLifecycle(ws, e.experimentId, 'active', T0 + 8);
    await rejectsWith(s.tracking.setExperimentLifecycle(ws, e.experimentId, 'active', T0 + 9), 'LATHE_NOT_FOUND', /No Experiment/);
    assert.equal((await s.tracking.getRunInfo(ws, run.info.runId)).lifecycleStage, 'active');
  });
}

/** Runs and what they log. */
export function defineRunTests(s: TrackingSuite): void {
  s.test("appendLoggedModel keeps every model of concurrent appends in the run's log-model history", async () => {
    const ws = await newWorkspace(s.metadata);
    const e = await s.tracking.createExperiment(ws, { name: 'log-model', at: T0 });
    const { runId } = (await s.tracking.createRun(ws, { experimentId: e.experimentId, runName: 'r', startTime: T0, tags: [] })).info;
    await Promise.all(Array.from({ length: 8 }, (_, i) => s.tracking.appendLoggedModel(ws, runId, { artifact_path: `model-${i}` })));
    const tag = (await s.tracking.getRun(ws, runId)).data.tags.find((t) => t.key === 'mlflow.log-model.history');
    const paths = (JSON.parse(tag?.value ?? '[]') as { artifact_path: string }[]).map((m) => m.artifact_path).sort();
    assert.deepEqual(
      paths,
      Array.from({ length: 8 }, (_, i) => `model-${i}`),
    );
  });

  s.test('a run logs params, tags and metrics; the latest point is the greatest (step, timestamp, value)', async () => {
    const ws = await newWorkspace(s.metadata);
    const e = await s.tracking.createExperiment(ws, { name: 'runs', at: T0 });
    const created = await s.tracking.createRun(ws, { experimentId: e.experimentId, runName: 'r', userId: 'ann', startTime: T0, tags: [{ key: 'a', value: '1' }] });
    assert.equal(created.info.runName, 'r');
    assert.equal(created.info.status, 'RUNNING');
    assert.equal(created.info.artifactUri, `mlflow-artifacts:/${e.experimentId}/${created.info.runId}/artifacts`);
    assert.deepEqual(created.data.tags, [
      { key: 'a', value: '1' },
      { key: 'mlflow.runName', value: 'r' },
      { key: 'mlflow.user', value: 'ann' },
    ]);
    const id = created.info.runId;
    await s.tracking.logBatch(ws, id, {
      params: [{ key: 'lr', value: '0.1' }],
      tags: [{ key: 'a', value: '2' }],
      metrics: [metric('loss', 5, 1, T0 + 9), metric('loss', 4, 2, T0), metric('loss', 3, 2, T0), metric('acc', 0.5)],
    });
    await s.tracking.logBatch(ws, id, { metrics: [metric('loss', 9, 1, T0 + 99)] });
    const run = await s.tracking.getRun(ws, id);
    assert.deepEqual(run.data.params, [{ key: 'lr', value: '0.1' }]);
    assert.deepEqual(run.data.metrics, [metric('acc', 0.5), metric('loss', 4, 2, T0)]);
    assert.equal(run.data.tags.find((t) => t.key === 'a')?.value, '2');
    // Same value again is fine; another value is refused and the whole batch is not written.
    await s.tracking.logBatch(ws, id, { params: [{ key: 'lr', value: '0.1' }] });
    await rejectsWith(s.tracking.logBatch(ws, id, { params: [{ key: 'lr', value: '0.2' }], metrics: [metric('new', 1)] }), 'LATHE_BAD_REQUEST', /Changing param values is not allowed/);
    assert.equal(
      (await s.tracking.getRun(ws, id)).data.metrics.some((m) => m.key === 'new'),
      false,
    );
    await rejectsWith(s.tracking.getRun(ws, 'no-such-run'), 'LATHE_NOT_FOUND', /Run with id=no-such-run not found/);
  });

  s.test('NaN and infinities round-trip; an identical point is stored once', async () => {
    const ws = await newWorkspace(s.metadata);
    const e = await s.tracking.createExperiment(ws, { name: 'values', at: T0 });
    const id = (await s.tracking.createRun(ws, { experimentId: e.experimentId })).info.runId;
    const points = [metric('v', Number.NaN, 0), metric('v', Number.POSITIVE_INFINITY, 1), metric('v', Number.NEGATIVE_INFINITY, 2), metric('v', 1.5, 3)];
    await s.tracking.logBatch(ws, id, { metrics: points });
    await s.tracking.logBatch(ws, id, { metrics: [metric('v', 1.5, 3)] });
    const history = await s.tracking.getMetricHistory(ws, id, 'v', { maxResults: 100 });
    assert.deepEqual(history.items, points);
  });

  s.test('metric history pages by keyset: every point once, in step order', async () => {
    const ws = await newWorkspace(s.metadata);
    const e = await s.tracking.createExperiment(ws, { name: 'history', at: T0 });
    const id = (await s.tracking.createRun(ws, { experimentId: e.experimentId })).info.runId;
    for (let b = 0; b < 3; b++) {
      await s.tracking.logBatch(ws, id, { metrics: Array.from({ length: 900 }, (_, i) => metric('h', b * 900 + i, b * 900 + i)) });
    }
    const seen: number[] = [];
    let pageToken: string | undefined;
    let pages = 0;
    do {
      const page = await s.tracking.getMetricHistory(ws, id, 'h', { maxResults: 1000, ...(pageToken ? { pageToken } : {}) });
      seen.push(...page.items.map((m) => m.step));
      pageToken = page.nextPageToken;
      pages++;
    } while (pageToken);
    assert.equal(pages, 3);
    assert.deepEqual(
      seen,
      Array.from({ length: 2700 }, (_, i) => i),
    );
    await rejectsWith(s.tracking.getMetricHistory(ws, id, 'h', { maxResults: 10, pageToken: 'garbage!' }), 'LATHE_BAD_REQUEST');
  });

  s.test('a metric series is the history as columns, in the same order, NaN and infinities kept', async () => {
    const ws = await newWorkspace(s.metadata);
    const e = await s.tracking.createExperiment(ws, { name: 'series', at: T0 });
    const id = (await s.tracking.createRun(ws, { experimentId: e.experimentId })).info.runId;
    await s.tracking.logBatch(ws, id, {
      metrics: [metric('s', 3, 2, T0 + 5), metric('s', 1, 0, T0 + 9), metric('s', Number.NaN, 1, T0 + 1), metric('s', Infinity, 1, T0 + 2), metric('s', -Infinity, 3), metric('other', 7, 0)],
    });
    const text = await s.tracking.getMetricSeries(ws, id, 's');
    const series = { steps: JSON.parse(text.steps), timestamps: JSON.parse(text.timestamps ?? 'null'), values: JSON.parse(text.values) };
    const history = (await s.tracking.getMetricHistory(ws, id, 's', { maxResults: 100 })).items;
    const asJson = (v: number) => (Number.isNaN(v) ? 'NaN' : v === Infinity ? 'Infinity' : v === -Infinity ? '-Infinity' : v);
    assert.deepEqual(series, { steps: history.map((m) => m.step), timestamps: history.map((m) => m.timestamp), values: history.map((m) => asJson(m.value)) });
    assert.deepEqual(series.steps, [0, 1, 1, 2, 3]);
    assert.deepEqual(series.values, [1, 'NaN', 'Infinity', 3, '-Infinity']);
    // Doubles survive exactly.
    await s.tracking.logBatch(ws, id, { metrics: [metric('exact', 0.1 + 0.2, 0), metric('exact', 1 / 3, 1), metric('exact', 1e-300, 2), metric('exact', 123456789.123456789, 3)] });
    assert.deepEqual(JSON.parse((await s.tracking.getMetricSeries(ws, id, 'exact')).values), [0.1 + 0.2, 1 / 3, 1e-300, 123456789.123456789]);
    assert.deepEqual(await s.tracking.getMetricSeries(ws, id, 'never'), { steps: '[]', timestamps: '[]', values: '[]' });
    // Without timestamps: the same steps and values.
    assert.deepEqual(await s.tracking.getMetricSeries(ws, id, 's', { timestamps: false }), { steps: text.steps, values: text.values });
    await rejectsWith(s.tracking.getMetricSeries(ws, 'no-such-run', 's'), 'LATHE_NOT_FOUND');
  });

  s.test('a deleted run refuses writes until restored', async () => {
    const ws = await newWorkspace(s.metadata);
    const e = await s.tracking.createExperiment(ws, { name: 'deleted', at: T0 });
    const id = (await s.tracking.createRun(ws, { experimentId: e.experimentId })).info.runId;
    await s.tracking.setRunLifecycle(ws, id, 'deleted', T0);
    await rejectsWith(s.tracking.logBatch(ws, id, { metrics: [metric('m', 1)] }), 'LATHE_BAD_REQUEST', /must be in the 'active' state/);
    await s.tracking.setRunLifecycle(ws, id, 'active', T0);
    await s.tracking.logBatch(ws, id, { metrics: [metric('m', 1)] });
  });

  s.test('concurrent writers to many runs lose no point', async () => {
    const ws = await newWorkspace(s.metadata);
    const e = await s.tracking.createExperiment(ws, { name: 'concurrent', at: T0 });
    const ids = await Promise.all(Array.from({ length: 20 }, () => s.tracking.createRun(ws, { experimentId: e.experimentId }).then((r) => r.info.runId)));
    await Promise.all(
      ids.map(async (id, w) => {
        for (let b = 0; b < 10; b++) {
          await s.tracking.logBatch(ws, id, { metrics: Array.from({ length: 200 }, (_, i) => metric('m', w * 10_000 + b * 200 + i, b * 200 + i)) });
        }
      }),
    );
    for (const [w, id] of ids.entries()) {
      const { items } = await s.tracking.getMetricHistory(ws, id, 'm', { maxResults: 5000 });
      assert.deepEqual(
        items.map((m) => m.value),
        Array.from({ length: 2000 }, (_, i) => w * 10_000 + i),
      );
    }
  });
}

/** runs/search: filters, orders, views and pages. */
export function defineSearchTests(s: TrackingSuite): void {
  s.test('filters on metrics, params, tags and attributes; orders with missing values last; pages once each', async () => {
    const ws = await newWorkspace(s.metadata);
    const e = await s.tracking.createExperiment(ws, { name: 'search', at: T0 });
    const names: string[] = [];
    for (let i = 0; i < 30; i++) {
      const run = await s.tracking.createRun(ws, { experimentId: e.experimentId, runName: `run${String(i).padStart(2, '0')}`, startTime: T0 + i });
      names.push(run.info.runName);
      await s.tracking.logBatch(ws, run.info.runId, {
        params: [{ key: 'opt', value: i % 2 === 0 ? 'Adam' : 'sgd' }],
        tags: [{ key: 'group', value: `g${i % 3}` }],
        // Every fifth run has no accuracy at all.
        metrics: i % 5 === 0 ? [metric('loss', i)] : [metric('acc', i / 100), metric('loss', i)],
      });
      if (i < 3) await s.tracking.updateRun(ws, run.info.runId, { status: 'FINISHED', endTime: T0 + 100 });
    }
    const found = async (filter: string, orderBy: string[] = []) => (await s.tracking.searchRuns(ws, query([e.experimentId], { filter, orderBy }))).items.map((r) => r.info.runName);
    assert.deepEqual(await found('metrics.acc > 0.25'), ['run29', 'run28', 'run27', 'run26']);
    assert.deepEqual(await found("metrics.acc >= 0.2 and params.opt = 'Adam'"), ['run28', 'run26', 'run24', 'run22']);
    assert.deepEqual(await found("params.opt LIKE 'adam'"), [], 'LIKE is case-sensitive');
    assert.equal((await found("params.opt ILIKE 'adam'")).length, 15);
    assert.deepEqual(await found("tags.group = 'g0' and metrics.loss < 7"), ['run06', 'run03', 'run00']);
    assert.deepEqual(await found("attributes.status = 'FINISHED'"), ['run02', 'run01', 'run00']);
    assert.deepEqual(await found("attributes.run_name LIKE 'run1%' and metrics.loss != 15"), ['run19', 'run18', 'run17', 'run16', 'run14', 'run13', 'run12', 'run11', 'run10']);
    const someIds = (await s.tracking.searchRuns(ws, query([e.experimentId], { maxResults: 2 }))).items.map((r) => r.info.runId);
    assert.deepEqual(await found(`attributes.run_id IN ('${someIds.join("','")}')`), ['run29', 'run28']);

    const byAcc = await found('', ['metrics.acc DESC']);
    assert.deepEqual(byAcc.slice(0, 2), ['run29', 'run28']);
    assert.deepEqual(byAcc.slice(-7), ['run01', 'run25', 'run20', 'run15', 'run10', 'run05', 'run00'], 'no accuracy: last, newest first');
    const byAccAsc = await found('', ['metrics.acc ASC']);
    assert.deepEqual(byAccAsc.slice(0, 2), ['run01', 'run02']);
    assert.deepEqual(byAccAsc.slice(-6), ['run25', 'run20', 'run15', 'run10', 'run05', 'run00']);
    assert.deepEqual((await found('', ['params.opt ASC', 'attributes.start_time ASC'])).slice(0, 3), ['run00', 'run02', 'run04']);

    for (const orderBy of [[], ['metrics.acc DESC'], ['params.opt', 'metrics.loss DESC'], ['attributes.run_name ASC']]) {
      const all = await allPages(s.tracking, ws, query([e.experimentId], { orderBy, maxResults: 7 }));
      const once = await s.tracking.searchRuns(ws, query([e.experimentId], { orderBy }));
      assert.deepEqual(
        all.map((r) => r.info.runName),
        once.items.map((r) => r.info.runName),
        `pages of ${orderBy.join(',')}`,
      );
      assert.equal(new Set(all.map((r) => r.info.runId)).size, 30);
    }
    await rejectsWith(s.tracking.searchRuns(ws, { ...query([e.experimentId]), pageToken: 'bm90IGEgdG9rZW4' }), 'LATHE_BAD_REQUEST');
    assert.deepEqual((await s.tracking.searchRuns(ws, query(['999999']))).items, [], 'unknown experiments have no runs');
    const other = await newWorkspace(s.metadata);
    assert.deepEqual((await s.tracking.searchRuns(other, query([e.experimentId]))).items, [], "another workspace's experiment");
  });

  s.test('view types: deleted runs only when asked for', async () => {
    const ws = await newWorkspace(s.metadata);
    const e = await s.tracking.createExperiment(ws, { name: 'views', at: T0 });
    const keep = await s.tracking.createRun(ws, { experimentId: e.experimentId, runName: 'keep' });
    const gone = await s.tracking.createRun(ws, { experimentId: e.experimentId, runName: 'gone' });
    await s.tracking.setRunLifecycle(ws, gone.info.runId, 'deleted', T0);
    const names = async (viewType: SearchRunsQuery['viewType']) => (await s.tracking.searchRuns(ws, query([e.experimentId], { viewType }))).items.map((r) => r.info.runName).sort();
    assert.deepEqual(await names('ACTIVE_ONLY'), [keep.info.runName]);
    assert.deepEqual(await names('DELETED_ONLY'), [gone.info.runName]);
    assert.deepEqual(await names('ALL'), ['gone', 'keep']);
  });
}

/** Every job is a run, moved with it. */
export function defineJobRunTests(s: TrackingSuite): void {
  s.test("a job's run is created with it and follows its state", async () => {
    const ws = await newWorkspace(s.metadata);
    const name = uniqueName('job');
    await s.metadata.createJob(jobInput(ws, name, { experimentName: 'jobs-exp', displayName: 'shown', tags: { team: 'x' }, description: 'about' }));
    const run = await s.tracking.getRun(ws, name);
    const experiment = await s.tracking.findExperimentByName(ws, 'jobs-exp');
    assert.equal(run.info.experimentId, experiment?.experimentId);
    assert.equal(run.info.status, 'SCHEDULED');
    assert.equal(run.info.runName, 'shown');
    assert.equal(run.info.job, name);
    const tags = Object.fromEntries(run.data.tags.map((t) => [t.key, t.value]));
    assert.equal(tags.team, 'x');
    assert.equal(tags['mlflow.source.type'], 'JOB');
    assert.equal(tags['mlflow.note.content'], 'about');

    const move = (from: string, to: string, at: number) => s.metadata.transitionJob({ workspace: ws, name, from: [from as never], to: to as never, at });
    await move('Queued', 'Preparing', T0 + 1);
    assert.equal((await s.tracking.getRunInfo(ws, name)).status, 'SCHEDULED');
    await move('Preparing', 'Running', T0 + 2);
    let info = await s.tracking.getRunInfo(ws, name);
    assert.equal(info.status, 'RUNNING');
    assert.equal(info.startTime, T0 + 2);
    // No caller ends a job's run while the job runs (the script's end_run() included): the
    // job's end decides. The rest of an update (the run's name) still applies.
    info = await s.tracking.updateRun(ws, name, { status: 'FINISHED', endTime: T0 + 3, runName: 'renamed' });
    assert.deepEqual([info.status, info.endTime, info.runName], ['RUNNING', null, 'renamed']);
    await move('Running', 'Finalizing', T0 + 4);
    assert.equal((await s.tracking.getRunInfo(ws, name)).status, 'RUNNING');
    await move('Finalizing', 'Failed', T0 + 5);
    info = await s.tracking.getRunInfo(ws, name);
    assert.equal(info.status, 'FAILED');
    assert.equal(info.endTime, T0 + 5);
    // A second job in the same experiment reuses it.
    await s.metadata.createJob(jobInput(ws, uniqueName('job'), { experimentName: 'jobs-exp' }));
    assert.equal((await s.tracking.findExperimentByName(ws, 'jobs-exp'))?.experimentId, experiment?.experimentId);
  });

  s.test('searches narrow by the job behind a run; counts and experiment summaries agree', async () => {
    const ws = await newWorkspace(s.metadata);
    const [a, b, c] = [uniqueName('job'), uniqueName('job'), uniqueName('job')];
    await s.metadata.createJob(jobInput(ws, a, { experimentName: 'mixed' }));
    await s.metadata.createJob(jobInput(ws, b, { experimentName: 'mixed', type: 'sweep' }));
    await s.metadata.createJob(jobInput(ws, c, { experimentName: 'mixed' }));
    await s.metadata.transitionJob({ workspace: ws, name: c, from: ['Queued'], to: 'Running', at: T0 + 10 });
    const experiment = await s.tracking.findExperimentByName(ws, 'mixed');
    const id = experiment?.experimentId as string;
    // A run an outside MLflow client made: no job, so no type; its status reads as a job status.
    const outside = await s.tracking.createRun(ws, { experimentId: id, runName: 'outside', startTime: T0 + 20, status: 'RUNNING' });
    const ids = async (jobs: SearchRunsQuery['jobs']) => (await allPages(s.tracking, ws, query([id], { jobs }))).map((r) => r.info.runId).sort();

    assert.deepEqual(await ids({ types: ['command'] }), [a, c].sort());
    assert.deepEqual(await ids({ types: ['sweep'] }), [b]);
    assert.deepEqual(await ids({ types: [] }), []);
    assert.deepEqual(await ids({ statuses: ['Queued'] }), [a, b].sort());
    assert.deepEqual(await ids({ statuses: ['Running'] }), [c, outside.info.runId].sort());
    assert.deepEqual(await ids({ statuses: ['Running'], types: ['command'] }), [c]);
    assert.deepEqual(await ids({}), [a, b, c, outside.info.runId].sort());
    // Every experiment of the workspace, without naming them, newest first; other workspaces' runs never.
    const other = await newWorkspace(s.metadata);
    await s.metadata.createJob(jobInput(other, uniqueName('job'), { experimentName: 'mixed' }));
    const every = await allPages(s.tracking, ws, { ...query([], { maxResults: 2 }), everyExperiment: true });
    assert.deepEqual(every.map((r) => r.info.runId).sort(), [a, b, c, outside.info.runId].sort());
    assert.equal(every[0]?.info.runId, outside.info.runId);
    assert.equal(await s.tracking.countRuns(ws, { experimentIds: [], everyExperiment: true, filter: [], viewType: 'ACTIVE_ONLY', jobs: { types: ['command'] } }), 2);

    assert.equal(await s.tracking.countRuns(ws, { experimentIds: [id], filter: [], viewType: 'ACTIVE_ONLY' }), 4);
    assert.equal(await s.tracking.countRuns(ws, { experimentIds: [id], filter: parseRunFilter("attributes.run_name = 'outside'"), viewType: 'ACTIVE_ONLY' }), 1);
    assert.equal(await s.tracking.countRuns(ws, { experimentIds: [id], filter: [], viewType: 'ACTIVE_ONLY', jobs: { statuses: ['Queued'] } }), 2);
    assert.equal(await s.tracking.countRuns(ws, { experimentIds: ['999999999'], filter: [], viewType: 'ACTIVE_ONLY' }), 0);

    const summaries = await s.tracking.summarizeExperiments(ws, 'ACTIVE_ONLY');
    assert.deepEqual(
      summaries.map((x) => [x.experiment.name, x.runCount]),
      [
        ['Default', 0],
        ['mixed', 4],
      ],
    );
    assert.equal(summaries[1]?.lastActivity, T0 + 20);

    const jobs = await s.metadata.getJobs(ws, [a, c, 'missing']);
    assert.deepEqual(
      jobs.map((j) => [j.name, j.status]).sort(),
      [
        [a, 'Queued'],
        [c, 'Running'],
      ].sort(),
    );
    assert.deepEqual(await s.metadata.getJobs(ws, []), []);
  });

  s.test("free text finds a job's run by its display name or its job name, each word, ignoring case, literally", async () => {
    const ws = await newWorkspace(s.metadata);
    const named = uniqueName('job');
    const plain = uniqueName('job');
    await s.metadata.createJob(jobInput(ws, named, { experimentName: 'text', displayName: 'ResNet 50% warmup' }));
    await s.metadata.createJob(jobInput(ws, plain, { experimentName: 'text' }));
    const id = (await s.tracking.findExperimentByName(ws, 'text'))?.experimentId as string;
    const outside = await s.tracking.createRun(ws, { experimentId: id, runName: 'resnet_b', startTime: T0 + 5 });
    const ids = async (...text: string[]) => (await allPages(s.tracking, ws, query([id], { text, maxResults: 1 }))).map((r) => r.info.runId).sort();

    assert.deepEqual(await ids(named.toUpperCase()), [named], 'the job by its own name, though it has a display name');
    assert.deepEqual(await ids(plain), [plain]);
    assert.deepEqual(await ids('resnet'), [named, outside.info.runId].sort());
    assert.deepEqual(await ids('resnet', 'WARMUP'), [named], 'every word must match');
    assert.deepEqual(await ids('50%'), [named]);
    assert.deepEqual(await ids('n%5'), [], '% is a plain character');
    assert.deepEqual(await ids('t_b'), [outside.info.runId]);
    assert.deepEqual(await ids('t_5'), [], '_ is a plain character');
    assert.deepEqual(await ids('no-such-word'), []);
    assert.equal(await s.tracking.countRuns(ws, { experimentIds: [id], filter: [], viewType: 'ACTIVE_ONLY', text: ['RESNET'] }), 2);
  });
}
