import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { assertMlflowError, describeOnEachStore, MlflowTestServer, uniqueName } from '../../testing/mlflow-test-server.js';

describeOnEachStore((store) => {
  let srv: MlflowTestServer;
  let exp: string;
  before(async () => {
    srv = await MlflowTestServer.start({}, store);
    exp = await srv.createExperiment(uniqueName('models'));
  });
  after(() => srv.close());

  async function createModel(body: Record<string, unknown> = {}): Promise<any> {
    const res = await srv.post('logged-models', { experiment_id: exp, ...body });
    assert.equal(res.status, 200, JSON.stringify(res.body));
    return res.body.model;
  }
  const getModel = (id: string) => srv.get(`logged-models/${id}`);

  describe('logged models', () => {
    it('creates a pending model with params, tags, type and source run, and reads it back', async () => {
      const runId = await srv.createRun(exp);
      const model = await createModel({
        name: 'clf',
        model_type: 'sklearn',
        source_run_id: runId,
        params: [{ key: 'alpha', value: '0.5' }],
        tags: [{ key: 'owner', value: 'ada' }],
      });
      const { info } = model;
      assert.match(info.model_id, /^m-[0-9a-f]{32}$/);
      assert.deepEqual([info.experiment_id, info.name, info.model_type, info.source_run_id, info.status], [exp, 'clf', 'sklearn', runId, 'LOGGED_MODEL_PENDING']);
      assert.equal(info.artifact_uri, `mlflow-artifacts:/${exp}/models/${info.model_id}/artifacts`);
      assert.equal(typeof info.creation_timestamp_ms, 'number');
      assert.deepEqual(info.tags, [{ key: 'owner', value: 'ada' }]);
      assert.deepEqual(model.data.params, [{ key: 'alpha', value: '0.5' }]);
      const got = await getModel(info.model_id);
      assert.equal(got.status, 200);
      assert.deepEqual(got.body.model, model);
    });

    it('gives a model without a name one', async () => {
      const model = await createModel();
      assert.equal(typeof model.info.name, 'string');
      assert.ok(model.info.name.length > 0);
    });

    it('refuses a missing or unknown experiment, an unknown source run and malformed params', async () => {
      assertMlflowError(await srv.post('logged-models', {}), 400, 'INVALID_PARAMETER_VALUE', /'experiment_id'/);
      assertMlflowError(await srv.post('logged-models', { experiment_id: '999999' }), 404, 'RESOURCE_DOES_NOT_EXIST');
      assertMlflowError(await srv.post('logged-models', { experiment_id: exp, source_run_id: 'ab'.repeat(16) }), 404, 'RESOURCE_DOES_NOT_EXIST');
      assertMlflowError(await srv.post('logged-models', { experiment_id: exp, params: { alpha: 1 } }), 400, 'INVALID_PARAMETER_VALUE', /'params'/);
      assertMlflowError(await srv.post('logged-models', { experiment_id: exp, tags: [{ value: 'x' }] }), 400, 'INVALID_PARAMETER_VALUE', /'key'/);
    });

    it('answers RESOURCE_DOES_NOT_EXIST for an unknown model on every route', async () => {
      const id = 'm-' + '0'.repeat(32);
      assertMlflowError(await getModel(id), 404, 'RESOURCE_DOES_NOT_EXIST', `Logged model with ID '${id}' not found.`);
      assertMlflowError(await srv.patch(`logged-models/${id}`, { status: 'LOGGED_MODEL_READY' }), 404, 'RESOURCE_DOES_NOT_EXIST');
      assertMlflowError(await srv.delete(`logged-models/${id}`), 404, 'RESOURCE_DOES_NOT_EXIST');
      assertMlflowError(await srv.patch(`logged-models/${id}/tags`, { tags: [{ key: 'a', value: 'b' }] }), 404, 'RESOURCE_DOES_NOT_EXIST');
      assertMlflowError(await srv.delete(`logged-models/${id}/tags/a`), 404, 'RESOURCE_DOES_NOT_EXIST');
      assertMlflowError(await srv.post(`logged-models/${id}/params`, { params: [{ key: 'a', value: 'b' }] }), 404, 'RESOURCE_DOES_NOT_EXIST');
    });

    it('finalizes a model with PATCH, by status name or number', async () => {
      const { info } = await createModel();
      const ready = await srv.patch(`logged-models/${info.model_id}`, { status: 'LOGGED_MODEL_READY' });
      assert.equal(ready.status, 200, JSON.stringify(ready.body));
      assert.equal(ready.body.model.info.status, 'LOGGED_MODEL_READY');
      assert.equal((await getModel(info.model_id)).body.model.info.status, 'LOGGED_MODEL_READY');
      const failed = await srv.patch(`logged-models/${info.model_id}`, { status: 3 });
      assert.equal(failed.body.model.info.status, 'LOGGED_MODEL_UPLOAD_FAILED');
      assertMlflowError(await srv.patch(`logged-models/${info.model_id}`, { status: 'DONE' }), 400, 'INVALID_PARAMETER_VALUE', /'status'/);
      assertMlflowError(await srv.patch(`logged-models/${info.model_id}`, {}), 400, 'INVALID_PARAMETER_VALUE', /'status'/);
    });

    it('sets, overwrites and deletes tags', async () => {
      const { info } = await createModel({ tags: [{ key: 'a', value: '1' }] });
      const res = await srv.patch(`logged-models/${info.model_id}/tags`, {
        tags: [
          { key: 'a', value: '2' },
          { key: 'b', value: '3' },
        ],
      });
      assert.equal(res.status, 200, JSON.stringify(res.body));
      assert.deepEqual((await getModel(info.model_id)).body.model.info.tags, [
        { key: 'a', value: '2' },
        { key: 'b', value: '3' },
      ]);
      const del = await srv.delete(`logged-models/${info.model_id}/tags/a`);
      assert.equal(del.status, 200, JSON.stringify(del.body));
      assert.deepEqual((await getModel(info.model_id)).body.model.info.tags, [{ key: 'b', value: '3' }]);
      assertMlflowError(await srv.delete(`logged-models/${info.model_id}/tags/a`), 404, 'RESOURCE_DOES_NOT_EXIST');
      assertMlflowError(await srv.patch(`logged-models/${info.model_id}/tags`, { tags: 'a' }), 400, 'INVALID_PARAMETER_VALUE', /'tags'/);
    });

    it('logs params', async () => {
      const { info } = await createModel({ params: [{ key: 'a', value: '1' }] });
      const res = await srv.post(`logged-models/${info.model_id}/params`, { params: [{ key: 'b', value: '2' }] });
      assert.equal(res.status, 200, JSON.stringify(res.body));
      assert.deepEqual((await getModel(info.model_id)).body.model.data.params, [
        { key: 'a', value: '1' },
        { key: 'b', value: '2' },
      ]);
      assertMlflowError(await srv.post(`logged-models/${info.model_id}/params`, { params: [{ value: '2' }] }), 400, 'INVALID_PARAMETER_VALUE', /'key'/);
    });

    it('deletes a model: it is then gone from get and search', async () => {
      const { info } = await createModel({ name: 'doomed' });
      const res = await srv.delete(`logged-models/${info.model_id}`);
      assert.equal(res.status, 200, JSON.stringify(res.body));
      assertMlflowError(await getModel(info.model_id), 404, 'RESOURCE_DOES_NOT_EXIST');
      const found = await srv.ok('logged-models/search', { experiment_ids: [exp], max_results: 50 });
      assert.equal(
        found.models.some((m: { info: { model_id: string } }) => m.info.model_id === info.model_id),
        false,
      );
    });

    it("lists a model's artifact directories", async () => {
      const { info } = await createModel();
      const root = info.artifact_uri.replace('mlflow-artifacts:/', '');
      const up = await srv.send('PUT', `/api/2.0/mlflow-artifacts/artifacts/${root}/MLmodel`, 'flavors: {}\n', { 'content-type': 'text/plain' });
      assert.equal(up.status, 200);
      await srv.send('PUT', `/api/2.0/mlflow-artifacts/artifacts/${root}/data/model.pkl`, 'pkl', { 'content-type': 'application/octet-stream' });
      const top = await srv.getOk(`logged-models/${info.model_id}/artifacts/directories`);
      assert.equal(top.root_uri, info.artifact_uri);
      assert.deepEqual(top.files, [
        { path: 'MLmodel', is_dir: false, file_size: 12 },
        { path: 'data', is_dir: true },
      ]);
      const data = await srv.getOk(`logged-models/${info.model_id}/artifacts/directories`, { artifact_directory_path: 'data' });
      assert.deepEqual(data.files, [{ path: 'data/model.pkl', is_dir: false, file_size: 3 }]);
      assertMlflowError(await srv.get(`logged-models/${info.model_id}/artifacts/directories`, { artifact_directory_path: '../..' }), 400, 'INVALID_PARAMETER_VALUE');
    });
  });

  describe('logged-models/search', () => {
    let searchExp: string;
    const ids: string[] = [];
    before(async () => {
      searchExp = await srv.createExperiment(uniqueName('models-search'));
      for (let i = 0; i < 5; i++) {
        const res = await srv.post('logged-models', { experiment_id: searchExp, name: `m${i}`, params: [{ key: 'i', value: String(i) }] });
        ids.push(res.body.model.info.model_id);
      }
    });

    it('finds the models of an experiment, newest first, and pages through each exactly once', async () => {
      const full = await srv.ok('logged-models/search', { experiment_ids: [searchExp] });
      const fullIds = full.models.map((m: { info: { model_id: string } }) => m.info.model_id);
      assert.deepEqual([...fullIds].sort(), [...ids].sort());
      const created = full.models.map((m: { info: { creation_timestamp_ms: number } }) => m.info.creation_timestamp_ms);
      assert.deepEqual(
        created,
        [...created].sort((a: number, b: number) => b - a),
      );
      for (const max_results of [1, 2, 3]) {
        const seen: string[] = [];
        let token: string | undefined;
        for (let page = 0; page < 10; page++) {
          const res = await srv.ok('logged-models/search', { experiment_ids: [searchExp], max_results, ...(token ? { page_token: token } : {}) });
          assert.ok(res.models.length <= max_results);
          seen.push(...res.models.map((m: { info: { model_id: string } }) => m.info.model_id));
          token = res.next_page_token;
          if (!token) break;
        }
        assert.deepEqual(seen, fullIds, `max_results=${max_results}`);
      }
    });

    it('finds nothing for an unknown experiment', async () => {
      assert.deepEqual((await srv.ok('logged-models/search', { experiment_ids: ['999999'] })).models ?? [], []);
    });

    it('refuses a bad max_results or page token', async () => {
      assertMlflowError(await srv.post('logged-models/search', { experiment_ids: [searchExp], max_results: 0 }), 400, 'INVALID_PARAMETER_VALUE', /max_results/);
      assertMlflowError(await srv.post('logged-models/search', { experiment_ids: [searchExp], page_token: 'nope!' }), 400, 'INVALID_PARAMETER_VALUE', /page token/i);
    });

    it('applies a filter and an order', async () => {
      const res = await srv.ok('logged-models/search', {
        experiment_ids: [searchExp],
        filter: "params.i = '3'",
        order_by: [{ field_name: 'name', ascending: true }],
      });
      assert.deepEqual(
        res.models.map((m: { info: { name: string } }) => m.info.name),
        ['m3'],
      );
    });

    it('orders by name either way and pages a filtered, ordered search exactly once', async () => {
      const names = async (body: Record<string, unknown>) =>
        (await srv.ok('logged-models/search', { experiment_ids: [searchExp], ...body })).models.map((m: { info: { name: string } }) => m.info.name);
      assert.deepEqual(await names({ order_by: [{ field_name: 'name', ascending: false }] }), ['m4', 'm3', 'm2', 'm1', 'm0']);
      assert.deepEqual(await names({ filter: "name LIKE 'm%' AND params.i != '0'", order_by: [{ field_name: 'name' }] }), ['m1', 'm2', 'm3', 'm4']);
      const seen: string[] = [];
      let token: string | undefined;
      for (let page = 0; page < 10; page++) {
        const body = { experiment_ids: [searchExp], filter: "params.i != '2'", order_by: [{ field_name: 'name' }], max_results: 1, ...(token ? { page_token: token } : {}) };
        const res = await srv.ok('logged-models/search', body);
        seen.push(...res.models.map((m: { info: { name: string } }) => m.info.name));
        token = res.next_page_token;
        if (!token) break;
      }
      assert.deepEqual(seen, ['m0', 'm1', 'm3', 'm4']);
      const first = await srv.ok('logged-models/search', { experiment_ids: [searchExp], order_by: [{ field_name: 'name' }], max_results: 1 });
      assertMlflowError(await srv.post('logged-models/search', { experiment_ids: [searchExp], max_results: 1, page_token: first.next_page_token }), 400, 'INVALID_PARAMETER_VALUE', /page token/i);
    });

    it('finds the model of a run by name, as the client resolves runs:/<run>/<name>, and the newest of a name', async () => {
      const exp2 = await srv.createExperiment(uniqueName('two-models'));
      const runId = await srv.createRun(exp2);
      const first = (await srv.ok('logged-models', { experiment_id: exp2, name: 'first', source_run_id: runId })).model.info.model_id;
      const second = (await srv.ok('logged-models', { experiment_id: exp2, name: 'second', source_run_id: runId })).model.info.model_id;
      const other = await srv.createRun(exp2);
      await srv.ok('logged-models', { experiment_id: exp2, name: 'first', source_run_id: other });
      const byRun = await srv.ok('logged-models/search', { experiment_ids: [exp2], filter: `source_run_id='${runId}' AND name='first'`, max_results: 2 });
      assert.deepEqual(
        byRun.models.map((m: { info: { model_id: string } }) => m.info.model_id),
        [first],
      );
      const bySecond = await srv.ok('logged-models/search', { experiment_ids: [exp2], filter: `name = 'second'` });
      assert.deepEqual(
        bySecond.models.map((m: { info: { model_id: string } }) => m.info.model_id),
        [second],
      );
      const byName = await srv.ok('logged-models/search', { experiment_ids: [exp2], filter: "name = 'first'", order_by: [{ field_name: 'last_updated_timestamp', ascending: false }] });
      assert.equal(byName.models.length, 2);
      assert.equal(
        byName.models.every((m: { info: { name: string } }) => m.info.name === 'first'),
        true,
      );
      assert.deepEqual((await srv.ok('logged-models/search', { experiment_ids: [exp2], filter: "tags.missing = 'x'" })).models ?? [], []);
    });

    it('refuses a bad filter, order_by or datasets with 400', async () => {
      const bad = (body: Record<string, unknown>) => srv.post('logged-models/search', { experiment_ids: [searchExp], ...body });
      assertMlflowError(await bad({ filter: "colour = 'red'" }), 400, 'INVALID_PARAMETER_VALUE', /Invalid attribute key 'colour'/);
      assertMlflowError(await bad({ filter: 'metric.acc > 1' }), 400, 'INVALID_PARAMETER_VALUE', /Invalid entity type/);
      assertMlflowError(await bad({ filter: "name = 'a' OR name = 'b'" }), 400, 'INVALID_PARAMETER_VALUE');
      assertMlflowError(await bad({ filter: 'metrics.acc > ' }), 400, 'INVALID_PARAMETER_VALUE');
      assertMlflowError(await bad({ filter: 7 }), 400, 'INVALID_PARAMETER_VALUE');
      assertMlflowError(await bad({ order_by: ['name'] }), 400, 'INVALID_PARAMETER_VALUE', /list of dictionaries/);
      assertMlflowError(await bad({ order_by: [{ field_name: 'params.i' }] }), 400, 'INVALID_PARAMETER_VALUE', /only `metrics.<name>`/);
      assertMlflowError(await bad({ datasets: [{ dataset_digest: 'd' }] }), 400, 'INVALID_PARAMETER_VALUE', /`dataset_name`/);
      assertMlflowError(await bad({ datasets: 'train' }), 400, 'INVALID_PARAMETER_VALUE', /'datasets'/);
    });
  });

  describe('metrics of logged models', () => {
    it('keeps metrics logged with a model_id on the model, with their datasets, and on the run', async () => {
      const runId = await srv.createRun(exp);
      const { info } = await createModel({ name: 'scored', source_run_id: runId });
      const at = 1_700_000_000_000;
      await srv.ok('runs/log-metric', { run_id: runId, key: 'acc', value: 0.75, timestamp: at, step: 1, model_id: info.model_id, dataset_name: 'test', dataset_digest: 'd1' });
      await srv.ok('runs/log-batch', {
        run_id: runId,
        metrics: [
          { key: 'loss', value: 0.5, timestamp: at, step: 0, model_id: info.model_id },
          { key: 'plain', value: 1, timestamp: at },
        ],
      });
      const model = (await getModel(info.model_id)).body.model;
      assert.deepEqual(model.data.metrics, [
        { key: 'acc', value: 0.75, timestamp: at, step: 1, dataset_name: 'test', dataset_digest: 'd1', model_id: info.model_id, run_id: runId },
        { key: 'loss', value: 0.5, timestamp: at, step: 0, model_id: info.model_id, run_id: runId },
      ]);
      const run = await srv.getOk('runs/get', { run_id: runId });
      assert.deepEqual(run.run.data.metrics.map((m: { key: string }) => m.key).sort(), ['acc', 'loss', 'plain']);
      const found = await srv.ok('logged-models/search', { experiment_ids: [exp], filter: 'metrics.acc >= 0.7' });
      assert.deepEqual(
        found.models.map((m: { info: { model_id: string } }) => m.info.model_id),
        [info.model_id],
      );
    });

    it('refuses a metric for an unknown model, and writes none of its batch', async () => {
      const runId = await srv.createRun(exp);
      const missing = 'm-' + 'f'.repeat(32);
      assertMlflowError(await srv.post('runs/log-metric', { run_id: runId, key: 'acc', value: 1, timestamp: 1, model_id: missing }), 404, 'RESOURCE_DOES_NOT_EXIST', new RegExp(missing));
      assertMlflowError(
        await srv.post('runs/log-batch', {
          run_id: runId,
          metrics: [
            { key: 'x', value: 1, timestamp: 1 },
            { key: 'y', value: 1, timestamp: 1, model_id: missing },
          ],
        }),
        404,
        'RESOURCE_DOES_NOT_EXIST',
      );
      assert.deepEqual((await srv.getOk('runs/get', { run_id: runId })).run.data.metrics ?? [], []);
    });

    it('filters and sorts on metrics per dataset, models without the metric last', async () => {
      const exp3 = await srv.createExperiment(uniqueName('model-metrics'));
      const runId = await srv.createRun(exp3);
      const ids: Record<string, string> = {};
      for (const name of ['a', 'b', 'c', 'none']) ids[name] = (await srv.ok('logged-models', { experiment_id: exp3, name, source_run_id: runId })).model.info.model_id;
      const log = (name: string, value: number, dataset: string, timestamp = 10) =>
        srv.ok('runs/log-metric', { run_id: runId, key: 'acc', value, timestamp, model_id: ids[name], dataset_name: dataset, dataset_digest: `${dataset}-digest` });
      await log('a', 0.9, 'test');
      await log('a', 0.1, 'train');
      await log('b', 0.5, 'test');
      await log('b', 0.95, 'train');
      await log('c', 0.2, 'train');
      const names = async (body: Record<string, unknown>) => (await srv.ok('logged-models/search', { experiment_ids: [exp3], ...body })).models.map((m: { info: { name: string } }) => m.info.name);
      const byTest = await names({ order_by: [{ field_name: 'metrics.acc', ascending: false, dataset_name: 'test' }, { field_name: 'name' }] });
      assert.deepEqual(byTest.slice(0, 2), ['a', 'b']);
      assert.deepEqual([...byTest.slice(2)].sort(), ['c', 'none']);
      assert.deepEqual(await names({ order_by: [{ field_name: 'metrics.acc', ascending: true, dataset_name: 'train', dataset_digest: 'train-digest' }, { field_name: 'name' }] }), [
        'a',
        'c',
        'b',
        'none',
      ]);
      assert.deepEqual(await names({ filter: 'metrics.acc > 0.8', order_by: [{ field_name: 'name' }] }), ['a', 'b']);
      assert.deepEqual(await names({ filter: 'metrics.acc > 0.8', datasets: [{ dataset_name: 'test' }] }), ['a']);
      assert.deepEqual(await names({ datasets: [{ dataset_name: 'train', dataset_digest: 'train-digest' }], order_by: [{ field_name: 'name' }] }), ['a', 'b', 'c']);
      assert.deepEqual(await names({ datasets: [{ dataset_name: 'train', dataset_digest: 'other' }] }), []);
    });
  });
});
