import assert from 'node:assert/strict';
import type { SearchLoggedModelsQuery } from '@lathe/store';
import { parseLoggedModelFilter, parseLoggedModelOrderBy } from '@lathe/tracking';
import { newWorkspace, T0 } from '../metadata-store/store-fixtures.js';
import { rejectsWith } from '../rejects-with.js';
import type { TrackingSuite } from './tracking-store-tests.js';

/** Logged models: metrics logged with a model id, and logged-models/search's filter and order. */
export function defineLoggedModelTests(s: TrackingSuite): void {
  async function setUp() {
    const ws = await newWorkspace(s.metadata);
    const { experimentId } = await s.tracking.createExperiment(ws, { name: 'models', at: T0 });
    const run = await s.tracking.createRun(ws, { experimentId, startTime: T0 });
    const model = (name: string, at: number, params: { key: string; value: string }[] = []) => s.tracking.createLoggedModel(ws, { experimentId, name, sourceRunId: run.info.runId, params, at });
    return { ws, experimentId, runId: run.info.runId, model };
  }
  const names = (page: { items: { name: string }[] }) => page.items.map((m) => m.name);

  s.test('a metric logged with a model id is the model’s too, with its dataset; an unknown model writes nothing', async () => {
    const { ws, runId, model } = await setUp();
    const m = await model('clf', T0);
    await s.tracking.logBatch(ws, runId, { metrics: [{ key: 'acc', value: 0.5, step: 2, timestamp: T0 + 1, modelId: m.modelId, datasetName: 'test', datasetDigest: 'd' }] });
    await s.tracking.logBatch(ws, runId, { metrics: [{ key: 'acc', value: 0.5, step: 2, timestamp: T0 + 1, modelId: m.modelId, datasetName: 'test', datasetDigest: 'd' }] });
    assert.deepEqual((await s.tracking.getLoggedModel(ws, m.modelId)).metrics, [{ key: 'acc', value: 0.5, step: 2, timestamp: T0 + 1, runId, datasetName: 'test', datasetDigest: 'd' }]);
    await rejectsWith(s.tracking.logBatch(ws, runId, { metrics: [{ key: 'x', value: 1, step: 0, timestamp: T0, modelId: 'm-unknown' }] }), 'LATHE_NOT_FOUND', /m-unknown/);
    assert.deepEqual(
      (await s.tracking.getRun(ws, runId)).data.metrics.map((p) => p.key),
      ['acc'],
    );
  });

  s.test('searchLoggedModels filters on attributes, params and metrics and orders on attributes and metrics', async () => {
    const { ws, experimentId, runId, model } = await setUp();
    const a = await model('a', T0 + 1, [{ key: 'lr', value: '0.1' }]);
    const b = await model('b', T0 + 2, [{ key: 'lr', value: '0.2' }]);
    await model('c', T0 + 3);
    await s.tracking.logBatch(ws, runId, {
      metrics: [
        { key: 'acc', value: 0.9, step: 0, timestamp: T0, modelId: a.modelId, datasetName: 'test' },
        { key: 'acc', value: 0.7, step: 0, timestamp: T0, modelId: b.modelId, datasetName: 'test' },
        { key: 'acc', value: 0.99, step: 0, timestamp: T0 + 1, modelId: b.modelId, datasetName: 'train' },
      ],
    });
    const search = (filter?: string, orderBy?: unknown, more: Partial<SearchLoggedModelsQuery> = {}) =>
      s.tracking.searchLoggedModels(ws, { experimentIds: [experimentId], filter: parseLoggedModelFilter(filter), orderBy: parseLoggedModelOrderBy(orderBy), maxResults: 100, ...more });
    assert.deepEqual(names(await search()), ['c', 'b', 'a']);
    assert.deepEqual(names(await search("name = 'b'")), ['b']);
    assert.deepEqual(names(await search(`source_run_id = '${runId}' and params.lr LIKE '0.%'`, [{ field_name: 'name' }])), ['a', 'b']);
    assert.deepEqual(names(await search(`creation_time > ${T0 + 1}`, [{ field_name: 'creation_timestamp' }])), ['b', 'c']);
    assert.deepEqual(names(await search('metrics.acc > 0.8', [{ field_name: 'name' }])), ['a', 'b']);
    assert.deepEqual(names(await search('metrics.acc > 0.8', undefined, { datasets: [{ datasetName: 'test' }] })), ['a']);
    assert.deepEqual(names(await search(undefined, [{ field_name: 'metrics.acc', ascending: false, dataset_name: 'test' }])), ['a', 'b', 'c']);
    assert.deepEqual(names(await search(undefined, [{ field_name: 'metrics.acc', ascending: false }])), ['b', 'a', 'c']);
    const first = await search(undefined, [{ field_name: 'name' }], { maxResults: 2 });
    assert.deepEqual(names(first), ['a', 'b']);
    assert.deepEqual(names(await search(undefined, [{ field_name: 'name' }], { maxResults: 2, pageToken: first.nextPageToken as string })), ['c']);
    await rejectsWith(search(undefined, undefined, { pageToken: first.nextPageToken as string }), 'LATHE_BAD_REQUEST');
  });
}
