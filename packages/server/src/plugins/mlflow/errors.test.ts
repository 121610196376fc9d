import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { assertMlflowError, describeOnEachStore, MlflowTestServer, uniqueName } from '../../testing/mlflow-test-server.js';

describeOnEachStore((store) => {
  let srv: MlflowTestServer;
  before(async () => {
    srv = await MlflowTestServer.start({}, store);
  });
  after(() => srv.close());

  describe('request bodies', () => {
    it('answers malformed JSON with 400 MALFORMED_REQUEST, never a 5xx', async () => {
      const bodies = ['{', '{"name": }', 'nul', '[1, 2', '{"name": "x",}', "{'name': 'x'}", '\u0000'];
      for (const path of ['experiments/create', 'runs/create', 'runs/log-batch', 'runs/search', 'experiments/search', 'logged-models']) {
        for (const body of bodies) {
          const res = await srv.post(path, body);
          assertMlflowError(res, 400, 'MALFORMED_REQUEST');
        }
      }
    });

    it('refuses a body that is JSON but not an object', async () => {
      for (const body of ['[1, 2]', '42', 'true', '["name", "x"]']) {
        assertMlflowError(await srv.post('experiments/create', body), 400, 'MALFORMED_REQUEST', /JSON object/);
      }
    });

    it('reads a JSON body only under a JSON content type, as MLflow does', async () => {
      const name = uniqueName('ctype');
      const ok = await srv.post('experiments/create', JSON.stringify({ name }), { 'content-type': 'application/json; charset=utf-8' });
      assert.equal(ok.status, 200, JSON.stringify(ok.body));
      // Other types are what a web page can send without a preflight: refused before anything is read.
      for (const type of ['text/plain', 'application/x-www-form-urlencoded', 'application/octet-stream']) {
        const res = await srv.post('experiments/create', JSON.stringify({ name: uniqueName('ctype') }), { 'content-type': type });
        assertMlflowError(res, 400, 'INVALID_PARAMETER_VALUE', "Bad Request. Content-Type must be one of ['application/json'].");
      }
      const res = await srv.send('POST', 'experiments/create', new TextEncoder().encode(JSON.stringify({ name: uniqueName('no-type') })));
      assertMlflowError(res, 400, 'INVALID_PARAMETER_VALUE', 'Bad Request. Content-Type header is missing.');
    });

    it('reads a body double-encoded as a JSON string, as older MLflow clients send it', async () => {
      const name = uniqueName('double');
      const res = await srv.post('experiments/create', JSON.stringify(JSON.stringify({ name })));
      assert.equal(res.status, 200, JSON.stringify(res.body));
      assert.equal((await srv.getOk('experiments/get-by-name', { experiment_name: name })).experiment.name, name);
      assertMlflowError(await srv.post('experiments/create', JSON.stringify('{not json')), 400, 'MALFORMED_REQUEST');
    });

    it('treats an empty body as no fields', async () => {
      assertMlflowError(
        await srv.post('experiments/create', ''),
        400,
        'INVALID_PARAMETER_VALUE',
        "Missing value for required parameter 'name'. See the API docs for more information about request parameters.",
      );
      assertMlflowError(await srv.post('experiments/create', 'null'), 400, 'INVALID_PARAMETER_VALUE', /'name'/);
    });

    it('answers errors with exactly error_code and message', async () => {
      const res = await srv.get('experiments/get', { experiment_id: '424242' });
      assert.deepEqual(Object.keys(res.body).sort(), ['error_code', 'message']);
      assert.match(res.headers.get('content-type') ?? '', /^application\/json/);
    });
  });

  describe('routing', () => {
    it('answers an unknown endpoint with 404 ENDPOINT_NOT_FOUND', async () => {
      assertMlflowError(await srv.post('experiments/explode', {}), 404, 'ENDPOINT_NOT_FOUND', /experiments\/explode/);
      assertMlflowError(await srv.get('no/such/thing'), 404, 'ENDPOINT_NOT_FOUND');
      assertMlflowError(await srv.post('/ajax-api/2.0/mlflow/runs/nothing', {}), 404, 'ENDPOINT_NOT_FOUND');
    });

    it('answers an unknown endpoint under /api/3.0 with 404 ENDPOINT_NOT_FOUND, as under /api/2.0', async () => {
      assertMlflowError(await srv.post('/api/3.0/mlflow/traces/nothing', {}), 404, 'ENDPOINT_NOT_FOUND', /\/api\/3\.0\/mlflow\/traces\/nothing/);
      assertMlflowError(await srv.get('/api/3.0/mlflow/traces'), 404, 'ENDPOINT_NOT_FOUND');
      assertMlflowError(await srv.get('/ajax-api/3.0/mlflow/logged-models/m-1'), 404, 'ENDPOINT_NOT_FOUND');
      assertMlflowError(await srv.get('/api/v1/workspaces/default/mlflow/api/3.0/mlflow/traces/x'), 404, 'ENDPOINT_NOT_FOUND');
    });

    it('serves the same API under /ajax-api/2.0/mlflow', async () => {
      const name = uniqueName('ajax');
      const created = await srv.post('/ajax-api/2.0/mlflow/experiments/create', { name });
      assert.equal(created.status, 200, JSON.stringify(created.body));
      const id = created.body.experiment_id;
      assert.equal((await srv.getOk('experiments/get', { experiment_id: id })).experiment.name, name);
      const run = await srv.post('/ajax-api/2.0/mlflow/runs/create', { experiment_id: id });
      const runId = run.body.run.info.run_id;
      await srv.ok('runs/log-metric', { run_id: runId, key: 'm', value: 2, timestamp: 1, step: 0 });
      const search = await srv.post('/ajax-api/2.0/mlflow/runs/search', { experiment_ids: [id] });
      assert.deepEqual(
        search.body.runs.map((r: { info: { run_id: string } }) => r.info.run_id),
        [runId],
      );
      const history = await srv.get(`/ajax-api/2.0/mlflow/metrics/get-history?run_id=${runId}&metric_key=m`);
      assert.deepEqual(history.body.metrics, [{ key: 'm', value: 2, timestamp: 1, step: 0 }]);
      assertMlflowError(await srv.get('/ajax-api/2.0/mlflow/experiments/get?experiment_id=313131'), 404, 'RESOURCE_DOES_NOT_EXIST');
      // The artifact proxy too.
      const path = `${id}/${runId}/artifacts/a.txt`;
      assert.equal((await srv.send('PUT', `/ajax-api/2.0/mlflow-artifacts/artifacts/${path}`, 'ajax', { 'content-type': 'text/plain' })).status, 200);
      assert.equal((await srv.bytes(`/api/2.0/mlflow-artifacts/artifacts/${path}`)).bytes.toString('utf8'), 'ajax');
    });
  });

  describe('a workspace-prefixed mount', () => {
    const ws = 'team-a';
    const base = `/api/v1/workspaces/${ws}/mlflow/api/2.0/mlflow`;
    before(async () => {
      await srv.server.context.store.ensureWorkspace(ws, Date.now());
    });

    it('keeps experiments, runs and artifacts of a workspace apart from the default one', async () => {
      const name = uniqueName('shared-name');
      const defaultId = await srv.createExperiment(name);
      // The same name is free in another workspace.
      const created = await srv.post(`${base}/experiments/create`, { name });
      assert.equal(created.status, 200, JSON.stringify(created.body));
      const wsId: string = created.body.experiment_id;
      assert.notEqual(wsId, defaultId);
      assert.equal((await srv.get(`${base}/experiments/get-by-name?experiment_name=${name}`)).body.experiment.experiment_id, wsId);
      assertMlflowError(await srv.get('experiments/get', { experiment_id: wsId }), 404, 'RESOURCE_DOES_NOT_EXIST');
      assertMlflowError(await srv.get(`${base}/experiments/get?experiment_id=${defaultId}`), 404, 'RESOURCE_DOES_NOT_EXIST');

      const run = await srv.post(`${base}/runs/create`, { experiment_id: wsId, run_name: 'ws-run' });
      assert.equal(run.status, 200, JSON.stringify(run.body));
      const runId: string = run.body.run.info.run_id;
      assert.equal((await srv.post(`${base}/runs/log-batch`, { run_id: runId, params: [{ key: 'p', value: '1' }] })).status, 200);
      assertMlflowError(await srv.get('runs/get', { run_id: runId }), 404, 'RESOURCE_DOES_NOT_EXIST');
      assertMlflowError(await srv.post('runs/log-metric', { run_id: runId, key: 'm', value: 1, timestamp: 1 }), 404, 'RESOURCE_DOES_NOT_EXIST');
      const found = await srv.post(`${base}/runs/search`, { experiment_ids: [wsId], filter: "params.p = '1'" });
      assert.deepEqual(
        found.body.runs.map((r: { info: { run_name: string } }) => r.info.run_name),
        ['ws-run'],
      );
      // A default-workspace search naming the other workspace's experiment finds nothing.
      assert.deepEqual((await srv.ok('runs/search', { experiment_ids: [wsId] })).runs ?? [], []);

      const proxy = `/api/v1/workspaces/${ws}/mlflow/api/2.0/mlflow-artifacts/artifacts`;
      const file = `${wsId}/${runId}/artifacts/w.txt`;
      assert.equal((await srv.send('PUT', `${proxy}/${file}`, 'in ws', { 'content-type': 'text/plain' })).status, 200);
      assert.equal((await srv.bytes(`${proxy}/${file}`)).bytes.toString('utf8'), 'in ws');
      assertMlflowError(await srv.get(`/api/2.0/mlflow-artifacts/artifacts/${file}`), 404, 'RESOURCE_DOES_NOT_EXIST');
      const listed = await srv.get(`${base}/artifacts/list?run_id=${runId}`);
      assert.deepEqual(listed.body.files, [{ path: 'w.txt', is_dir: false, file_size: 5 }]);
    });

    it('serves the ajax-api alias inside a workspace too', async () => {
      const res = await srv.post(`/api/v1/workspaces/${ws}/mlflow/ajax-api/2.0/mlflow/experiments/search`, { max_results: 5 });
      assert.equal(res.status, 200, JSON.stringify(res.body));
      assert.ok(Array.isArray(res.body.experiments));
    });

    it('reaches the default workspace through its own prefix', async () => {
      const name = uniqueName('default-via-prefix');
      const id = await srv.createExperiment(name);
      const res = await srv.get(`/api/v1/workspaces/default/mlflow/api/2.0/mlflow/experiments/get?experiment_id=${id}`);
      assert.equal(res.body.experiment.name, name);
    });

    it('answers an unknown workspace with 404 RESOURCE_DOES_NOT_EXIST in MLflow form', async () => {
      assertMlflowError(await srv.post('/api/v1/workspaces/nowhere/mlflow/api/2.0/mlflow/experiments/create', { name: 'x' }), 404, 'RESOURCE_DOES_NOT_EXIST', /nowhere/);
      assertMlflowError(await srv.get('/api/v1/workspaces/nowhere/mlflow/api/2.0/mlflow-artifacts/artifacts/a.txt'), 404, 'RESOURCE_DOES_NOT_EXIST', /nowhere/);
    });
  });
});
