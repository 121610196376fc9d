import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { assertMlflowError, describeOnEachStore, MlflowTestServer, uniqueName } from '../../testing/mlflow-test-server.js';

describeOnEachStore((store) => {
  let srv: MlflowTestServer;
  let exp: string;
  let otherExp: string;
  /** Run ids by name: r1..r5 active, r6 deleted, o1 in the other experiment. */
  const ids: Record<string, string> = {};

  interface Spec {
    name: string;
    start: number;
    user?: string;
    status: string;
    metrics: Record<string, number | string>;
    params: Record<string, string>;
    tags: Record<string, string>;
  }

  // start_time orders the runs by default (DESC): r5, r4, r3, r2, r1.
  const SPECS: Record<string, Spec> = {
    r1: { name: 'alpha', start: 1000, user: 'ada', status: 'FINISHED', metrics: { acc: 0.9, loss: 0.1 }, params: { lr: '0.1', model: 'CNN', seq: '01' }, tags: { env: 'Prod' } },
    r2: { name: 'beta', start: 2000, user: 'bob', status: 'FAILED', metrics: { acc: 0.5, loss: 0.5 }, params: { lr: '0.01', model: 'cnn', seq: '02' }, tags: { env: 'prod' } },
    r3: { name: 'gamma', start: 3000, user: 'ada', status: 'FINISHED', metrics: { acc: 0.7, loss: 'NaN' }, params: { lr: '0.001', model: 'rnn', seq: '007' }, tags: { env: 'dev' } },
    r4: { name: 'delta', start: 4000, user: 'cy', status: 'RUNNING', metrics: {}, params: { model: 'Transformer', seq: '10' }, tags: {} },
    r5: { name: 'Alpha-2', start: 5000, user: 'dee', status: 'KILLED', metrics: { acc: 0.9, loss: 0.2 }, params: { lr: '0.1', model: 'CNN', seq: '9' }, tags: { env: 'staging' } },
    r6: { name: 'epsilon', start: 6000, user: 'ada', status: 'FINISHED', metrics: { acc: 1 }, params: {}, tags: {} },
  };

  async function createRun(experimentId: string, spec: Spec): Promise<string> {
    const runId = await srv.createRun(experimentId, { run_name: spec.name, start_time: spec.start, ...(spec.user ? { user_id: spec.user } : {}) });
    await srv.ok('runs/log-batch', {
      run_id: runId,
      metrics: Object.entries(spec.metrics).map(([key, value]) => ({ key, value, timestamp: spec.start, step: 0 })),
      params: Object.entries(spec.params).map(([key, value]) => ({ key, value })),
      tags: Object.entries(spec.tags).map(([key, value]) => ({ key, value })),
    });
    await srv.ok('runs/update', { run_id: runId, status: spec.status, ...(spec.status !== 'RUNNING' ? { end_time: spec.start + 500 } : {}) });
    return runId;
  }

  before(async () => {
    srv = await MlflowTestServer.start({}, store);
    exp = await srv.createExperiment(uniqueName('search'));
    otherExp = await srv.createExperiment(uniqueName('search-other'));
    for (const [key, spec] of Object.entries(SPECS)) ids[key] = await createRun(exp, spec);
    await srv.ok('runs/delete', { run_id: ids.r6 });
    ids.o1 = await createRun(otherExp, { name: 'other', start: 500, status: 'FINISHED', metrics: { acc: 0.95 }, params: {}, tags: {} });
    await srv.ok('runs/log-inputs', {
      run_id: ids.r2,
      datasets: [{ tags: [{ key: 'mlflow.data.context', value: 'training' }], dataset: { name: 'iris', digest: 'abc123', source_type: 'local', source: '/data/iris' } }],
    });
  });
  after(() => srv.close());

  const nameOf = (runId: string) => Object.keys(ids).find((k) => ids[k] === runId) ?? runId;

  /** Names (r1…) of the runs a search returns in its first page. */
  async function search(body: Record<string, unknown>): Promise<string[]> {
    const res = await srv.ok('runs/search', { experiment_ids: [exp], ...body });
    return (res.runs ?? []).map((r: { info: { run_id: string } }) => nameOf(r.info.run_id));
  }

  /** Every run of a search, following next_page_token; asserts the paging ends. */
  async function searchAll(body: Record<string, unknown>): Promise<string[]> {
    const out: string[] = [];
    let token: string | undefined;
    for (let page = 0; page < 50; page++) {
      const res = await srv.ok('runs/search', { experiment_ids: [exp], ...body, ...(token ? { page_token: token } : {}) });
      out.push(...(res.runs ?? []).map((r: { info: { run_id: string } }) => nameOf(r.info.run_id)));
      if (body.max_results !== undefined) assert.ok((res.runs ?? []).length <= Number(body.max_results));
      token = res.next_page_token;
      if (!token) return out;
    }
    assert.fail('paging does not end');
  }

  const filter = (f: string) => search({ filter: f });

  describe('runs/search filters', () => {
    it('returns the active runs, newest first, with no filter', async () => {
      assert.deepEqual(await search({}), ['r5', 'r4', 'r3', 'r2', 'r1']);
    });

    it('compares metrics with every numeric comparator', async () => {
      assert.deepEqual(await filter('metrics.acc > 0.7'), ['r5', 'r1']);
      assert.deepEqual(await filter('metrics.acc >= 0.7'), ['r5', 'r3', 'r1']);
      assert.deepEqual(await filter('metrics.acc < 0.7'), ['r2']);
      assert.deepEqual(await filter('metrics.acc <= 0.7'), ['r3', 'r2']);
      assert.deepEqual(await filter('metrics.acc = 0.9'), ['r5', 'r1']);
      assert.deepEqual(await filter('metrics.acc != 0.9'), ['r3', 'r2']);
      assert.deepEqual(await filter('metric.loss > 0.15'), ['r5', 'r2']);
      assert.deepEqual(await filter('metrics.`acc` > 0.8'), ['r5', 'r1']);
    });

    it('compares params with =, !=, LIKE (case-sensitive) and ILIKE (case-insensitive)', async () => {
      assert.deepEqual(await filter("params.lr = '0.1'"), ['r5', 'r1']);
      assert.deepEqual(await filter("params.lr != '0.1'"), ['r3', 'r2']);
      assert.deepEqual(await filter("params.model = 'cnn'"), ['r2']);
      assert.deepEqual(await filter("params.model LIKE 'C%'"), ['r5', 'r1']);
      assert.deepEqual(await filter("params.model LIKE '_NN'"), ['r5', 'r1']);
      assert.deepEqual(await filter("params.model LIKE '%n'"), ['r3', 'r2']);
      assert.deepEqual(await filter("params.model ILIKE 'c%'"), ['r5', 'r2', 'r1']);
      assert.deepEqual(await filter("params.model ILIKE '%N'"), ['r5', 'r3', 'r2', 'r1']);
      assert.deepEqual(await filter("param.model like 'T%'"), ['r4']);
    });

    it('compares tags, including a backquoted key with a dot', async () => {
      assert.deepEqual(await filter("tags.env = 'prod'"), ['r2']);
      assert.deepEqual(await filter("tags.env != 'prod'"), ['r5', 'r3', 'r1']);
      assert.deepEqual(await filter("tags.env LIKE 'P%'"), ['r1']);
      assert.deepEqual(await filter("tags.env ILIKE 'PROD'"), ['r2', 'r1']);
      assert.deepEqual(await filter("tags.`mlflow.runName` = 'gamma'"), ['r3']);
      assert.deepEqual(await filter('tags."mlflow.runName" = \'delta\''), ['r4']);
      assert.deepEqual(await filter("tags.`mlflow.user` = 'bob'"), ['r2']);
    });

    it('compares string attributes: status, run_name, user_id, artifact_uri', async () => {
      assert.deepEqual(await filter("attributes.status = 'FINISHED'"), ['r3', 'r1']);
      assert.deepEqual(await filter("attributes.status != 'FINISHED'"), ['r5', 'r4', 'r2']);
      assert.deepEqual(await filter("status LIKE 'F%'"), ['r3', 'r2', 'r1']);
      assert.deepEqual(await filter("attributes.run_name = 'alpha'"), ['r1']);
      assert.deepEqual(await filter("run_name LIKE 'alpha%'"), ['r1']);
      assert.deepEqual(await filter("attributes.run_name ILIKE 'alpha%'"), ['r5', 'r1']);
      assert.deepEqual(await filter("attributes.run_name != 'alpha'"), ['r5', 'r4', 'r3', 'r2']);
      assert.deepEqual(await filter("attributes.user_id = 'ada'"), ['r3', 'r1']);
      assert.deepEqual(await filter(`attributes.artifact_uri LIKE '%${ids.r2}%'`), ['r2']);
    });

    it('compares start_time (and its alias created) and end_time as numbers', async () => {
      assert.deepEqual(await filter('attributes.start_time >= 3000'), ['r5', 'r4', 'r3']);
      assert.deepEqual(await filter('attributes.start_time = 2000'), ['r2']);
      assert.deepEqual(await filter('attributes.created < 2500'), ['r2', 'r1']);
      assert.deepEqual(await filter('attributes.end_time > 2600'), ['r5', 'r3']);
      assert.deepEqual(await filter('attributes.end_time != 1500'), ['r5', 'r3', 'r2']);
    });

    it('matches run ids with =, IN and NOT IN', async () => {
      assert.deepEqual(await filter(`attributes.run_id = '${ids.r2}'`), ['r2']);
      assert.deepEqual(await filter(`attributes.run_id IN ('${ids.r1}', '${ids.r3}')`), ['r3', 'r1']);
      assert.deepEqual(await filter(`run_id in ('${ids.r4}',)`), ['r4']);
      assert.deepEqual(await filter(`attributes.run_id NOT IN ('${ids.r1}', '${ids.r3}')`), ['r5', 'r4', 'r2']);
      // A run of another experiment is not found through this one.
      assert.deepEqual(await filter(`attributes.run_id IN ('${ids.o1}')`), []);
    });

    it('matches dataset inputs by name, digest and context', async () => {
      assert.deepEqual(await filter("datasets.name = 'iris'"), ['r2']);
      assert.deepEqual(await filter("datasets.digest LIKE 'abc%'"), ['r2']);
      assert.deepEqual(await filter("datasets.context IN ('training', 'eval')"), ['r2']);
      assert.deepEqual(await filter("datasets.name = 'mnist'"), []);
    });

    it('ANDs clauses, in any case of AND', async () => {
      assert.deepEqual(await filter("metrics.acc > 0.5 and params.model ILIKE 'cnn' AND tags.env != 'staging'"), ['r1']);
      assert.deepEqual(await filter("attributes.status = 'FINISHED' and metrics.acc < 0.8"), ['r3']);
    });

    it('searches several experiments at once, and none for unknown ids', async () => {
      assert.deepEqual(await search({ experiment_ids: [exp, otherExp], filter: 'metrics.acc >= 0.9' }), ['r5', 'r1', 'o1']);
      assert.deepEqual(await search({ experiment_ids: ['999999'] }), []);
    });

    it('sees deleted runs only with DELETED_ONLY or ALL', async () => {
      assert.deepEqual(await search({ run_view_type: 'DELETED_ONLY' }), ['r6']);
      assert.deepEqual(await search({ run_view_type: 'ALL' }), ['r6', 'r5', 'r4', 'r3', 'r2', 'r1']);
      assert.deepEqual(await search({ run_view_type: 'ACTIVE_ONLY', filter: "attributes.user_id = 'ada'" }), ['r3', 'r1']);
      assert.deepEqual(await search({ run_view_type: 'ALL', filter: "attributes.user_id = 'ada'" }), ['r6', 'r3', 'r1']);
      // The enum's numbers work too: 1 ACTIVE_ONLY, 2 DELETED_ONLY, 3 ALL.
      assert.deepEqual(await search({ run_view_type: 2 }), ['r6']);
      assert.deepEqual((await search({ run_view_type: 3 })).length, 6);
    });
  });

  describe('runs/search order_by', () => {
    it('orders by a metric, DESC and ASC, with runs missing it last either way', async () => {
      assert.deepEqual(await search({ order_by: ['metrics.acc DESC'] }), ['r5', 'r1', 'r3', 'r2', 'r4']);
      assert.deepEqual(await search({ order_by: ['metrics.acc ASC'] }), ['r2', 'r3', 'r5', 'r1', 'r4']);
      assert.deepEqual(await search({ order_by: ['metrics.acc'] }), ['r2', 'r3', 'r5', 'r1', 'r4']);
    });

    it('sorts a NaN metric after every number and before a missing one', async () => {
      assert.deepEqual(await search({ order_by: ['metrics.loss ASC'] }), ['r1', 'r5', 'r2', 'r3', 'r4']);
      assert.deepEqual(await search({ order_by: ['metrics.loss DESC'] }), ['r2', 'r5', 'r1', 'r3', 'r4']);
    });

    it('orders by params and tags as strings, missing last', async () => {
      assert.deepEqual(await search({ order_by: ['params.lr ASC'] }), ['r3', 'r2', 'r5', 'r1', 'r4']);
      assert.deepEqual(await search({ order_by: ['params.lr DESC'] }), ['r5', 'r1', 'r2', 'r3', 'r4']);
      assert.deepEqual(await search({ order_by: ['params.seq ASC'] }), ['r3', 'r1', 'r2', 'r4', 'r5']);
      assert.deepEqual(await search({ order_by: ['tags.env DESC'] }), ['r5', 'r2', 'r3', 'r1', 'r4']);
      assert.deepEqual(await search({ order_by: ['tags.`mlflow.runName` ASC'] }), ['r5', 'r1', 'r2', 'r4', 'r3']);
    });

    it('orders by attributes', async () => {
      assert.deepEqual(await search({ order_by: ['attributes.start_time ASC'] }), ['r1', 'r2', 'r3', 'r4', 'r5']);
      assert.deepEqual(await search({ order_by: ['created DESC'] }), ['r5', 'r4', 'r3', 'r2', 'r1']);
      assert.deepEqual(await search({ order_by: ['run_name'] }), ['r5', 'r1', 'r2', 'r4', 'r3']);
      assert.deepEqual(await search({ order_by: ['attributes.end_time DESC'] }), ['r5', 'r3', 'r2', 'r1', 'r4']);
    });

    it('orders by several keys, each with its own direction', async () => {
      assert.deepEqual(await search({ order_by: ['attributes.status ASC', 'metrics.acc DESC'] }), ['r2', 'r1', 'r3', 'r5', 'r4']);
      assert.deepEqual(await search({ order_by: ['attributes.status DESC', 'attributes.start_time ASC'] }), ['r4', 'r5', 'r1', 'r3', 'r2']);
      assert.deepEqual(await search({ order_by: ['params.model ASC', 'metrics.acc ASC', 'run_name DESC'] }), ['r1', 'r5', 'r4', 'r2', 'r3']);
      assert.deepEqual(await search({ order_by: ['params.lr DESC', 'run_name ASC'] }), ['r5', 'r1', 'r2', 'r3', 'r4']);
    });

    it('combines a filter with an order', async () => {
      assert.deepEqual(await search({ filter: "params.model ILIKE 'cnn'", order_by: ['metrics.loss DESC'] }), ['r2', 'r5', 'r1']);
    });
  });

  describe('runs/search order_by with infinite and NaN metrics', () => {
    let infExp: string;
    const byName: Record<string, string> = {};
    before(async () => {
      infExp = await srv.createExperiment(uniqueName('search-inf'));
      const values: Record<string, string | number | undefined> = { pinf: 'Infinity', ninf: '-Infinity', one: 1, nan: 'NaN', none: undefined, zero: 0 };
      let start = 100;
      for (const [name, value] of Object.entries(values)) {
        const runId = await srv.createRun(infExp, { run_name: name, start_time: (start += 100) });
        byName[runId] = name;
        if (value !== undefined) await srv.ok('runs/log-metric', { run_id: runId, key: 'v', value, timestamp: 1, step: 0 });
      }
    });
    const ordered = async (order: string, max_results?: number) => {
      const names: string[] = [];
      let token: string | undefined;
      for (let page = 0; page < 20; page++) {
        const res = await srv.ok('runs/search', { experiment_ids: [infExp], order_by: [order], ...(max_results ? { max_results } : {}), ...(token ? { page_token: token } : {}) });
        names.push(...res.runs.map((r: { info: { run_id: string } }) => byName[r.info.run_id]));
        token = res.next_page_token;
        if (!token) break;
      }
      return names;
    };

    it('sorts -Infinity and Infinity among the numbers, then NaN, then missing, and pages through them', async () => {
      assert.deepEqual(await ordered('metrics.v ASC'), ['ninf', 'zero', 'one', 'pinf', 'nan', 'none']);
      assert.deepEqual(await ordered('metrics.v DESC'), ['pinf', 'one', 'zero', 'ninf', 'nan', 'none']);
      for (const max of [1, 2, 4]) {
        assert.deepEqual(await ordered('metrics.v ASC', max), ['ninf', 'zero', 'one', 'pinf', 'nan', 'none']);
        assert.deepEqual(await ordered('metrics.v DESC', max), ['pinf', 'one', 'zero', 'ninf', 'nan', 'none']);
      }
    });

    it('filters on infinite values as numbers', async () => {
      const names = async (filter: string) =>
        (await srv.ok('runs/search', { experiment_ids: [infExp], filter, order_by: ['metrics.v ASC'] })).runs.map((r: { info: { run_id: string } }) => byName[r.info.run_id]);
      assert.deepEqual(await names('metrics.v > 0.5'), ['one', 'pinf']);
      assert.deepEqual(await names('metrics.v < 0'), ['ninf']);
    });
  });

  describe('runs/search paging', () => {
    const orders: string[][] = [
      [],
      ['metrics.acc DESC'],
      ['metrics.loss ASC'],
      ['params.lr ASC'],
      ['params.seq ASC'],
      ['tags.env DESC'],
      ['run_name ASC'],
      ['attributes.end_time DESC'],
      ['attributes.status ASC', 'metrics.acc DESC'],
      ['params.model DESC', 'metrics.loss ASC', 'attributes.start_time ASC'],
    ];
    for (const order_by of orders) {
      it(`visits every run once, in order, for order_by [${order_by.join(', ')}]`, async () => {
        const full = await search({ order_by, run_view_type: 'ALL' });
        assert.equal(full.length, 6);
        for (const max_results of [1, 2, 4]) {
          assert.deepEqual(await searchAll({ order_by, run_view_type: 'ALL', max_results }), full, `max_results=${max_results}`);
        }
      });
    }

    it('pages a filtered search', async () => {
      assert.deepEqual(await searchAll({ filter: "params.model ILIKE '%n%'", order_by: ['params.model ASC'], max_results: 1 }), ['r5', 'r1', 'r4', 'r2', 'r3']);
    });

    it('answers no next_page_token on the last page', async () => {
      const res = await srv.ok('runs/search', { experiment_ids: [exp], max_results: 5 });
      assert.equal(res.runs.length, 5);
      assert.equal(res.next_page_token, undefined);
    });
  });

  describe('runs/search bad input', () => {
    const bad = async (body: Record<string, unknown>, message?: RegExp) =>
      assertMlflowError(await srv.post('runs/search', { experiment_ids: [exp], ...body }), 400, 'INVALID_PARAMETER_VALUE', message);

    it('refuses malformed filters with MLflow messages', async () => {
      await bad({ filter: "metrics.acc > 'high'" }, /Expected numeric value type for metric/);
      await bad({ filter: "params.lr > '0.1'" }, /Invalid comparator '>'/);
      await bad({ filter: 'params.lr = 0.1' }, /Expected a quoted string value for parameter/);
      await bad({ filter: "foo.bar = 'x'" }, /Invalid entity type 'foo'/);
      await bad({ filter: "attributes.nope = 'x'" }, /Invalid attribute key 'nope'/);
      await bad({ filter: 'metrics.acc > 0.5 OR metrics.acc < 0.1' }, /Invalid clause/);
      await bad({ filter: "attributes.status IN ('FINISHED')" }, /Only the 'run_id' attribute supports comparison with a list/);
      await bad({ filter: 'attributes.run_id IN ()' }, /empty list/);
      await bad({ filter: 'tags.env LIKE' });
      await bad({ filter: 'metrics.acc > 0.5 AND' }, /Invalid clause/);
      await bad({ filter: "attributes.start_time > 'now'" }, /Expected numeric value type for numeric attribute/);
      await bad({ filter: "params.lr = 'unterminated" });
    });

    it('refuses malformed order_by', async () => {
      await bad({ order_by: ['metrics.acc UP'] }, /Invalid ordering key/);
      await bad({ order_by: ['datasets.name'] });
      await bad({ order_by: ['metrics.acc', 'metrics.acc DESC'] }, /duplicate fields/);
      await bad({ order_by: ['attributes.nope'] }, /Invalid attribute key/);
      await bad({ order_by: ['metrics.acc DESC ASC'] });
    });

    it('refuses a bad max_results or run_view_type', async () => {
      await bad({ max_results: 0 }, /max_results/);
      await bad({ max_results: 50001 }, /max_results/);
      await bad({ max_results: 'ten' }, /max_results/);
      await bad({ run_view_type: 'EVERYTHING' }, /run_view_type/);
    });

    it('refuses bad page tokens with 400', async () => {
      await bad({ page_token: 'garbage!' }, /page token/i);
      await bad({ page_token: 'bm90LWpzb24' }, /page token/i);
      await bad({ page_token: Buffer.from(JSON.stringify({ k: 'runs:1', c: ['x'] })).toString('base64url') }, /page token/i);
      await bad({ page_token: Buffer.from(JSON.stringify({ k: 'runs:1', c: [{ n: 'x' }, 'y'] })).toString('base64url') }, /page token/i);
      // A token from one order is refused for another (different number of sort keys).
      const { next_page_token } = await srv.ok('runs/search', { experiment_ids: [exp], max_results: 1 });
      assert.equal(typeof next_page_token, 'string');
      await bad({ page_token: next_page_token, order_by: ['metrics.acc DESC'] }, /page token/i);
    });
  });
});
