import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { assertMlflowError, describeOnEachStore, MlflowTestServer, uniqueName } from '../../testing/mlflow-test-server.js';

describeOnEachStore((store) => {
  let srv: MlflowTestServer;
  let exp: string;
  before(async () => {
    srv = await MlflowTestServer.start({}, store);
    exp = await srv.createExperiment(uniqueName('history'));
  });
  after(() => srv.close());

  type Point = { key: string; value: number | string; timestamp: number; step: number };

  async function logPoints(runId: string, points: Point[]): Promise<void> {
    for (let i = 0; i < points.length; i += 1000) await srv.ok('runs/log-batch', { run_id: runId, metrics: points.slice(i, i + 1000) });
  }

  /** Every point of a history, following next_page_token, and the number of pages. */
  async function historyAll(runId: string, key: string, maxResults?: number): Promise<{ points: Point[]; pages: number }> {
    const points: Point[] = [];
    let token: string | undefined;
    for (let pages = 1; pages <= 200; pages++) {
      const res = await srv.getOk('metrics/get-history', {
        run_id: runId,
        metric_key: key,
        ...(maxResults !== undefined ? { max_results: maxResults } : {}),
        ...(token ? { page_token: token } : {}),
      });
      const page: Point[] = res.metrics ?? [];
      if (maxResults !== undefined) assert.ok(page.length <= maxResults);
      points.push(...page);
      token = res.next_page_token;
      if (!token) return { points, pages };
    }
    assert.fail('paging does not end');
  }

  describe('metrics/get-history', () => {
    // 3 points a step for steps 0..9, time rising with the step; some NaN and ±Infinity values.
    const points: Point[] = [];
    for (let step = 0; step < 10; step++) {
      for (let j = 0; j < 3; j++) {
        const value = step === 4 && j === 1 ? 'NaN' : step === 6 && j === 0 ? 'Infinity' : step === 6 && j === 2 ? '-Infinity' : step * 10 + j;
        points.push({ key: 'loss', value, timestamp: 1000 + step * 100 + j, step });
      }
    }
    let runId: string;
    before(async () => {
      runId = await srv.createRun(exp);
      // Logged out of order; the history comes back by step, then time.
      await logPoints(runId, [...points].reverse());
      await logPoints(runId, [{ key: 'other', value: 1, timestamp: 1, step: 0 }]);
    });

    it('returns every point of the metric, by step then timestamp', async () => {
      const { points: got, pages } = await historyAll(runId, 'loss');
      assert.equal(pages, 1);
      assert.deepEqual(got, points);
    });

    it('pages through every point exactly once, in order, for any page size', async () => {
      for (const max of [1, 2, 7, 29, 30, 31]) {
        const { points: got, pages } = await historyAll(runId, 'loss', max);
        assert.deepEqual(got, points, `max_results=${max}`);
        assert.equal(pages, Math.ceil(30 / max), `max_results=${max}`);
      }
    });

    it('pages through points that share step and timestamp', async () => {
      const id = await srv.createRun(exp);
      const same: Point[] = [0, 5, 'NaN', -2, 'Infinity', 3.5].map((value) => ({ key: 's', value, timestamp: 7, step: 1 }) as Point);
      await logPoints(id, same);
      const full = (await historyAll(id, 's')).points;
      assert.equal(full.length, 6);
      assert.deepEqual((await historyAll(id, 's', 1)).points, full);
      assert.deepEqual((await historyAll(id, 's', 4)).points, full);
      assert.deepEqual(full.map((p) => p.value).sort(), [-2, 0, 3.5, 5, 'Infinity', 'NaN']);
    });

    it('accepts run_uuid and answers an empty list for a metric never logged', async () => {
      const res = await srv.getOk('metrics/get-history', { run_uuid: runId, metric_key: 'other' });
      assert.deepEqual(res.metrics, [{ key: 'other', value: 1, timestamp: 1, step: 0 }]);
      const none = await srv.getOk('metrics/get-history', { run_id: runId, metric_key: 'never' });
      assert.deepEqual(none.metrics ?? [], []);
      assert.equal(none.next_page_token, undefined);
    });

    it('refuses missing fields, an unknown run, bad max_results and bad page tokens', async () => {
      assertMlflowError(await srv.get('metrics/get-history', { run_id: runId }), 400, 'INVALID_PARAMETER_VALUE', /'metric_key'/);
      assertMlflowError(await srv.get('metrics/get-history', { metric_key: 'loss' }), 400, 'INVALID_PARAMETER_VALUE', /'run_id'/);
      assertMlflowError(await srv.get('metrics/get-history', { run_id: 'ab'.repeat(16), metric_key: 'loss' }), 404, 'RESOURCE_DOES_NOT_EXIST');
      assertMlflowError(await srv.get('metrics/get-history', { run_id: runId, metric_key: 'loss', max_results: 0 }), 400, 'INVALID_PARAMETER_VALUE', /max_results/);
      assertMlflowError(await srv.get('metrics/get-history', { run_id: runId, metric_key: 'loss', max_results: 'all' }), 400, 'INVALID_PARAMETER_VALUE', /max_results/);
      assertMlflowError(await srv.get('metrics/get-history', { run_id: runId, metric_key: 'loss', page_token: '%%%' }), 400, 'INVALID_PARAMETER_VALUE', /page token/i);
      const wrongKind = Buffer.from(JSON.stringify({ k: 'runs:1', c: [1, 2, 3, 4] })).toString('base64url');
      assertMlflowError(await srv.get('metrics/get-history', { run_id: runId, metric_key: 'loss', page_token: wrongKind }), 400, 'INVALID_PARAMETER_VALUE', /page token/i);
      const shortCursor = Buffer.from(JSON.stringify({ k: 'history', c: [1] })).toString('base64url');
      assertMlflowError(await srv.get('metrics/get-history', { run_id: runId, metric_key: 'loss', page_token: shortCursor }), 400, 'INVALID_PARAMETER_VALUE', /page token/i);
    });
  });

  describe('metrics/get-history-bulk-interval', () => {
    let a: string;
    let b: string;
    const series = (steps: number, offset: number): Point[] => Array.from({ length: steps }, (_, step) => ({ key: 'acc', value: offset + step, timestamp: 5000 + step, step }));
    before(async () => {
      a = await srv.createRun(exp);
      b = await srv.createRun(exp);
      await logPoints(a, series(10, 0));
      await logPoints(b, series(5, 100));
    });
    const bulk = (query: Record<string, string | number | (string | number)[]>) => srv.get('metrics/get-history-bulk-interval', { metric_key: 'acc', ...query });

    it('returns every point of each run, run by run, each with its run_id', async () => {
      const res = await bulk({ run_ids: [a, b] });
      assert.equal(res.status, 200, JSON.stringify(res.body));
      const expected = [...series(10, 0).map((p) => ({ ...p, run_id: a })), ...series(5, 100).map((p) => ({ ...p, run_id: b }))];
      assert.deepEqual(res.body.metrics, expected);
    });

    it('keeps to [start_step, end_step]', async () => {
      const res = await bulk({ run_ids: [a, b], start_step: 2, end_step: 5 });
      assert.equal(res.status, 200, JSON.stringify(res.body));
      assert.deepEqual(
        res.body.metrics.map((m: Point & { run_id: string }) => `${m.run_id === a ? 'a' : 'b'}${m.step}`),
        ['a2', 'a3', 'a4', 'a5', 'b2', 'b3', 'b4'],
      );
    });

    it('samples at most about max_results steps, keeping the first and last', async () => {
      const res = await bulk({ run_ids: [a], max_results: 4 });
      assert.equal(res.status, 200, JSON.stringify(res.body));
      const steps: number[] = res.body.metrics.map((m: Point) => m.step);
      assert.equal(steps[0], 0);
      assert.equal(steps[steps.length - 1], 9);
      assert.deepEqual(
        steps,
        [...new Set(steps)].sort((x, y) => x - y),
      );
      assert.ok(steps.length >= 4 && steps.length <= 6, `steps ${steps.join(',')}`);
    });

    it('refuses missing or too many run_ids, bad ranges and bad max_results with MLflow messages', async () => {
      assertMlflowError(await bulk({}), 400, 'INVALID_PARAMETER_VALUE', /run_ids/);
      const many = Array.from({ length: 101 }, (_, i) => i.toString(16).padStart(32, '0'));
      assertMlflowError(await bulk({ run_ids: many }), 400, 'INVALID_PARAMETER_VALUE', 'GetMetricHistoryBulkInterval request must specify at most 100 run_ids. Received 101 run_ids.');
      assertMlflowError(await bulk({ run_ids: [a], start_step: 5, end_step: 2 }), 400, 'INVALID_PARAMETER_VALUE', 'end_step must be greater than start_step. Found start_step=5 and end_step=2.');
      assertMlflowError(await bulk({ run_ids: [a], start_step: 2 }), 400, 'INVALID_PARAMETER_VALUE', 'If either start step or end step are specified, both must be specified.');
      assertMlflowError(await bulk({ run_ids: [a], max_results: 2501 }), 400, 'INVALID_PARAMETER_VALUE', 'max_results must be between 1 and 2500.');
      assertMlflowError(await bulk({ run_ids: [a], max_results: 0 }), 400, 'INVALID_PARAMETER_VALUE', 'max_results must be between 1 and 2500.');
      assertMlflowError(await bulk({ run_ids: [a], start_step: 'one', end_step: 3 }), 400, 'INVALID_PARAMETER_VALUE', /start_step/);
      assertMlflowError(await srv.get('metrics/get-history-bulk-interval', { run_ids: [a] }), 400, 'INVALID_PARAMETER_VALUE', /'metric_key'/);
      assertMlflowError(await bulk({ run_ids: [a, 'cd'.repeat(16)] }), 404, 'RESOURCE_DOES_NOT_EXIST');
    });
  });
});
