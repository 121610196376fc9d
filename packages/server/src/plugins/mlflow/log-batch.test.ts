import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { assertMlflowError, describeOnEachStore, MlflowTestServer, uniqueName } from '../../testing/mlflow-test-server.js';

describeOnEachStore((store) => {
  let srv: MlflowTestServer;
  let exp: string;
  before(async () => {
    srv = await MlflowTestServer.start({}, store);
    exp = await srv.createExperiment(uniqueName('batch'));
  });
  after(() => srv.close());

  type Metric = { key: string; value: number | string; timestamp: number; step: number };
  const getRun = async (runId: string) => (await srv.getOk('runs/get', { run_id: runId })).run;
  const latest = async (runId: string, key: string): Promise<Metric | undefined> => (await getRun(runId)).data.metrics.find((m: Metric) => m.key === key);
  const history = async (runId: string, key: string): Promise<Metric[]> => (await srv.getOk('metrics/get-history', { run_id: runId, metric_key: key })).metrics ?? [];
  const metrics = (n: number, key = 'm') => Array.from({ length: n }, (_, i) => ({ key, value: i, timestamp: 1000 + i, step: i }));
  const keyValues = (n: number, prefix: string) => Array.from({ length: n }, (_, i) => ({ key: `${prefix}${i}`, value: String(i) }));

  describe('runs/log-batch', () => {
    it('logs metrics, params and tags in one request', async () => {
      const runId = await srv.createRun(exp);
      await srv.ok('runs/log-batch', {
        run_id: runId,
        metrics: [
          { key: 'loss', value: 0.9, timestamp: 10, step: 0 },
          { key: 'loss', value: 0.4, timestamp: 20, step: 1 },
          { key: 'acc', value: 0.7, timestamp: 20, step: 1 },
        ],
        params: [
          { key: 'lr', value: '0.1' },
          { key: 'opt', value: 'adam' },
        ],
        tags: [
          { key: 'stage', value: 'a' },
          { key: 'stage', value: 'b' },
        ],
      });
      const run = await getRun(runId);
      assert.deepEqual(run.data.metrics, [
        { key: 'acc', value: 0.7, timestamp: 20, step: 1 },
        { key: 'loss', value: 0.4, timestamp: 20, step: 1 },
      ]);
      assert.deepEqual(run.data.params, [
        { key: 'lr', value: '0.1' },
        { key: 'opt', value: 'adam' },
      ]);
      // The last value of a repeated tag key wins.
      assert.equal(run.data.tags.find((t: { key: string }) => t.key === 'stage').value, 'b');
      assert.deepEqual(
        (await history(runId, 'loss')).map((m) => m.value),
        [0.9, 0.4],
      );
    });

    it('accepts an empty batch and exactly 1000 metrics, 100 params and 100 tags', async () => {
      const runId = await srv.createRun(exp);
      await srv.ok('runs/log-batch', { run_id: runId });
      await srv.ok('runs/log-batch', { run_id: runId, metrics: metrics(1000) });
      await srv.ok('runs/log-batch', { run_id: runId, params: keyValues(100, 'p') });
      await srv.ok('runs/log-batch', { run_id: runId, tags: keyValues(100, 't') });
      const run = await getRun(runId);
      assert.equal((await history(runId, 'm')).length, 1000);
      assert.equal(run.data.params.length, 100);
      assert.equal(run.data.tags.filter((t: { key: string }) => /^t\d+$/.test(t.key)).length, 100);
    });

    it('refuses 1001 metrics, 101 params, 101 tags and 1001 items in all, with MLflow messages, writing nothing', async () => {
      const runId = await srv.createRun(exp);
      const message = (n: number, limit: number, what: string) =>
        `A batch logging request can contain at most ${limit} ${what}. Got ${n} ${what}. Please split up ${what} across multiple requests and try again.`;
      assertMlflowError(await srv.post('runs/log-batch', { run_id: runId, metrics: metrics(1001) }), 400, 'INVALID_PARAMETER_VALUE', message(1001, 1000, 'metrics'));
      assertMlflowError(await srv.post('runs/log-batch', { run_id: runId, params: keyValues(101, 'p') }), 400, 'INVALID_PARAMETER_VALUE', message(101, 100, 'params'));
      assertMlflowError(await srv.post('runs/log-batch', { run_id: runId, tags: keyValues(101, 't') }), 400, 'INVALID_PARAMETER_VALUE', message(101, 100, 'tags'));
      const all = { run_id: runId, metrics: metrics(900), params: keyValues(100, 'p'), tags: keyValues(1, 't') };
      assertMlflowError(await srv.post('runs/log-batch', all), 400, 'INVALID_PARAMETER_VALUE', message(1001, 1000, 'metrics, params, and tags'));
      const run = await getRun(runId);
      assert.deepEqual([run.data.metrics, run.data.params], [[], []]);
      assert.equal(
        run.data.tags.some((t: { key: string }) => t.key.startsWith('t')),
        false,
      );
    });

    it('refuses a request body over 1 MB, as MLflow does', async () => {
      const runId = await srv.createRun(exp);
      const tags = Array.from({ length: 100 }, (_, i) => ({ key: `big${i}`, value: 'x'.repeat(8000) }));
      const params = Array.from({ length: 100 }, (_, i) => ({ key: `bigp${i}`, value: 'y'.repeat(6000) }));
      assertMlflowError(await srv.post('runs/log-batch', { run_id: runId, tags, params }), 400, 'INVALID_PARAMETER_VALUE', /at most 1000000 bytes/);
    });

    it('refuses duplicate param keys in one batch, even with equal values', async () => {
      const runId = await srv.createRun(exp);
      const res = await srv.post('runs/log-batch', {
        run_id: runId,
        params: [
          { key: 'a', value: '1' },
          { key: 'a', value: '1' },
        ],
      });
      assertMlflowError(res, 400, 'INVALID_PARAMETER_VALUE', "Duplicate parameter keys have been submitted: ['a']. Please ensure the request contains only one param value per param key.");
    });

    it('refuses a changed param and then writes nothing of the batch', async () => {
      const runId = await srv.createRun(exp);
      await srv.ok('runs/log-batch', { run_id: runId, params: [{ key: 'lr', value: '0.1' }] });
      const res = await srv.post('runs/log-batch', {
        run_id: runId,
        metrics: [{ key: 'loss', value: 1, timestamp: 1, step: 0 }],
        params: [{ key: 'lr', value: '0.2' }],
        tags: [{ key: 'after', value: 'x' }],
      });
      assertMlflowError(res, 400, 'INVALID_PARAMETER_VALUE', /Changing param values is not allowed. Param with key='lr' was already logged with value='0.1'/);
      const run = await getRun(runId);
      assert.deepEqual(run.data.metrics, []);
      assert.deepEqual(run.data.params, [{ key: 'lr', value: '0.1' }]);
      assert.equal(
        run.data.tags.some((t: { key: string }) => t.key === 'after'),
        false,
      );
      // Re-logging the same value is fine.
      await srv.ok('runs/log-batch', { run_id: runId, params: [{ key: 'lr', value: '0.1' }] });
    });

    it('refuses malformed items, missing run_id and unknown runs', async () => {
      const runId = await srv.createRun(exp);
      const bad = async (body: Record<string, unknown>, message?: RegExp) => assertMlflowError(await srv.post('runs/log-batch', { run_id: runId, ...body }), 400, 'INVALID_PARAMETER_VALUE', message);
      await bad({ metrics: { key: 'm', value: 1 } }, /'metrics'/);
      await bad({ metrics: ['m'] }, /'metrics'/);
      await bad({ metrics: [{ value: 1, timestamp: 1 }] }, /'key'/);
      await bad({ metrics: [{ key: 'm', timestamp: 1 }] }, /'value'/);
      await bad({ metrics: [{ key: 'm', value: 'one', timestamp: 1 }] }, /'value'/);
      await bad({ metrics: [{ key: 'm', value: 1, timestamp: 'now' }] }, /'timestamp'/);
      await bad({ params: [{ key: 'p', value: { nested: true } }] }, /'value'/);
      await bad({ params: 'lr=1' }, /'params'/);
      await bad({ tags: [{ value: 'v' }] }, /'key'/);
      await bad({ tags: [{ key: 'bad/../key', value: 'v' }] });
      assertMlflowError(await srv.post('runs/log-batch', { metrics: [] }), 400, 'INVALID_PARAMETER_VALUE', /'run_id'/);
      assertMlflowError(await srv.post('runs/log-batch', { run_id: 'a1'.repeat(16), metrics: metrics(1) }), 404, 'RESOURCE_DOES_NOT_EXIST');
      assert.deepEqual((await getRun(runId)).data.metrics, []);
    });

    it('ignores a point logged twice', async () => {
      const runId = await srv.createRun(exp);
      const point = { key: 'dup', value: 1.5, timestamp: 100, step: 2 };
      await srv.ok('runs/log-batch', { run_id: runId, metrics: [point, point] });
      await srv.ok('runs/log-metric', { run_id: runId, ...point });
      assert.deepEqual(await history(runId, 'dup'), [point]);
    });
  });

  describe('NaN and Infinity metric values', () => {
    it('round-trip as "NaN", "Infinity" and "-Infinity" through log-batch, log-metric, runs/get and get-history', async () => {
      const runId = await srv.createRun(exp);
      await srv.ok('runs/log-batch', {
        run_id: runId,
        metrics: [
          { key: 'nan', value: 'NaN', timestamp: 1, step: 0 },
          { key: 'pos', value: 'Infinity', timestamp: 1, step: 0 },
          { key: 'neg', value: '-Infinity', timestamp: 1, step: 0 },
        ],
      });
      await srv.ok('runs/log-metric', { run_id: runId, key: 'nan', value: 'NaN', timestamp: 2, step: 1 });
      const run = await getRun(runId);
      assert.deepEqual(run.data.metrics, [
        { key: 'nan', value: 'NaN', timestamp: 2, step: 1 },
        { key: 'neg', value: '-Infinity', timestamp: 1, step: 0 },
        { key: 'pos', value: 'Infinity', timestamp: 1, step: 0 },
      ]);
      assert.deepEqual(
        (await history(runId, 'nan')).map((m) => m.value),
        ['NaN', 'NaN'],
      );
      assert.deepEqual(await history(runId, 'pos'), [{ key: 'pos', value: 'Infinity', timestamp: 1, step: 0 }]);
      assert.deepEqual(await history(runId, 'neg'), [{ key: 'neg', value: '-Infinity', timestamp: 1, step: 0 }]);
    });

    it('keeps a NaN point and a numeric point at the same step and time apart', async () => {
      const runId = await srv.createRun(exp);
      await srv.ok('runs/log-batch', {
        run_id: runId,
        metrics: [
          { key: 'x', value: 0, timestamp: 5, step: 1 },
          { key: 'x', value: 'NaN', timestamp: 5, step: 1 },
        ],
      });
      assert.deepEqual((await history(runId, 'x')).map((m) => m.value).sort(), [0, 'NaN']);
    });
  });

  describe('latest metric', () => {
    it('is the point with the greatest step, then timestamp, then value', async () => {
      const runId = await srv.createRun(exp);
      const log = (value: number, timestamp: number, step: number) => srv.ok('runs/log-metric', { run_id: runId, key: 'l', value, timestamp, step });
      await log(1, 100, 5);
      await log(2, 999, 3); // earlier step, later time: not latest
      assert.deepEqual(await latest(runId, 'l'), { key: 'l', value: 1, timestamp: 100, step: 5 });
      await log(0.5, 200, 5); // same step, later time
      assert.deepEqual(await latest(runId, 'l'), { key: 'l', value: 0.5, timestamp: 200, step: 5 });
      await log(0.7, 200, 5); // same step and time, greater value
      assert.deepEqual(await latest(runId, 'l'), { key: 'l', value: 0.7, timestamp: 200, step: 5 });
      await log(0.6, 200, 5); // same step and time, smaller value
      assert.deepEqual(await latest(runId, 'l'), { key: 'l', value: 0.7, timestamp: 200, step: 5 });
      await log(-1, 1, 6); // greater step wins whatever its time
      assert.deepEqual(await latest(runId, 'l'), { key: 'l', value: -1, timestamp: 1, step: 6 });
    });

    it('follows the same rule inside one batch, whatever the order of its points', async () => {
      const runId = await srv.createRun(exp);
      await srv.ok('runs/log-batch', {
        run_id: runId,
        metrics: [
          { key: 'b', value: 3, timestamp: 50, step: 2 },
          { key: 'b', value: 9, timestamp: 40, step: 2 },
          { key: 'b', value: 1, timestamp: 90, step: 1 },
          { key: 'b', value: 4, timestamp: 50, step: 2 },
          { key: 'b', value: 2, timestamp: 50, step: 2 },
        ],
      });
      assert.deepEqual(await latest(runId, 'b'), { key: 'b', value: 4, timestamp: 50, step: 2 });
    });

    it('defaults step to 0 and timestamp to the server time', async () => {
      const runId = await srv.createRun(exp);
      const before = Date.now();
      await srv.ok('runs/log-batch', { run_id: runId, metrics: [{ key: 'd', value: 1 }] });
      const point = await latest(runId, 'd');
      assert.equal(point?.step, 0);
      assert.ok(typeof point?.timestamp === 'number' && point.timestamp >= before, JSON.stringify(point));
    });
  });
});
