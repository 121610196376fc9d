import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { MlflowTestServer } from '../testing/mlflow-test-server.js';

const WS = '/api/v1/workspaces/default';

describe('query strings', () => {
  let srv: MlflowTestServer;
  before(async () => {
    srv = await MlflowTestServer.start();
  });
  after(() => srv.close());

  const expect400 = async (path: string, method = 'GET') => {
    // Runtime routes check the job's token first; with it, the query is what is refused.
    const job = /\/jobs\/([^/]+)\/runtime\//.exec(path)?.[1];
    const res = await srv.send(method, path, undefined, job ? { authorization: `Bearer ${await srv.jobToken(job)}` } : {});
    assert.equal(res.status, 400, `${method} ${path}: ${res.status} ${JSON.stringify(res.body)}`);
    assert.equal(res.body.error_code, 'LATHE_BAD_REQUEST');
  };

  it('a repeated key of a single-valued parameter is a 400', async () => {
    await expect400(`${WS}/lineage?job=a&job=b`);
    await expect400(`${WS}/data/x/archive?version=1&version=2`, 'POST');
    await expect400(`${WS}/data/x/restore?version=1&version=2`, 'POST');
    await expect400(`${WS}/data?include_archived=true&include_archived=false`);
    await expect400(`${WS}/jobs/x?x=1&x=2`);
    await expect400(`/api/v1/health?a=1&a=2`);
  });

  it('Infinity and other non-finite numbers are a 400 for every numeric parameter', async () => {
    for (const value of ['Infinity', '-Infinity', '1e400']) {
      await expect400(`${WS}/runs?max_results=${value}`);
      await expect400(`${WS}/jobs?max_results=${value}`);
      await expect400(`${WS}/jobs/x/logs?offset=${value}`);
      await expect400(`${WS}/jobs/x/runtime/logs?offset=${value}`, 'POST');
    }
  });

  it("MLflow's GET routes refuse non-finite numbers with INVALID_PARAMETER_VALUE", async () => {
    for (const path of ['experiments/search', 'registered-models/search', 'model-versions/search', 'metrics/get-history?run_id=r&metric_key=m&']) {
      const res = await srv.send('GET', `/api/2.0/mlflow/${path}${path.includes('?') ? '' : '?'}max_results=Infinity`);
      assert.equal(res.status, 400, `${path}: ${JSON.stringify(res.body)}`);
      assert.equal(res.body.error_code, 'INVALID_PARAMETER_VALUE');
    }
  });

  it('repeatable parameters still take several values', async () => {
    const res = await srv.send('GET', `${WS}/runs?status=Completed&status=Failed&max_results=5`);
    assert.equal(res.status, 200, JSON.stringify(res.body));
  });
});
