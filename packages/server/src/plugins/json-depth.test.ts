import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { jsonDepth, MAX_JSON_DEPTH } from './json-depth.js';
import { assertMlflowError, MlflowTestServer } from '../testing/mlflow-test-server.js';

const nested = (depth: number, inner = '1') => `${'['.repeat(depth)}${inner}${']'.repeat(depth)}`;

describe('jsonDepth', () => {
  it('counts brackets outside strings only', () => {
    assert.equal(jsonDepth('1'), 0);
    assert.equal(jsonDepth('{"a":[1,{"b":[]}]}'), 4);
    assert.equal(jsonDepth('{"a":"[[[[\\"[[["}'), 1);
  });

  it('stops counting past the limit, whatever the depth', () => {
    assert.equal(jsonDepth(nested(1_000_000), 64), 65);
  });
});

describe('deeply nested JSON bodies', () => {
  let srv: MlflowTestServer;
  before(async () => {
    srv = await MlflowTestServer.start();
  });
  after(() => srv.close());

  it('an MLflow field nested 5,000 levels deep is MALFORMED_REQUEST, not a 500', async () => {
    const res = await srv.post('experiments/create', `{"name":${nested(5000)}}`);
    assertMlflowError(res, 400, 'MALFORMED_REQUEST', /nests deeper than 64 levels/);
    const encoded = await srv.post('runs/log-batch', JSON.stringify(`{"run_id":${nested(5000)}}`));
    assertMlflowError(encoded, 400, 'MALFORMED_REQUEST');
  });

  it('a REST body nested deeper than the limit is a 400 before any handler; one at the limit is read', async () => {
    const tags = `${'{"a":'.repeat(50_000)}1${'}'.repeat(50_000)}`;
    const deep = await srv.send('POST', '/api/v1/workspaces/default/data/deep/versions', `{"spec":{"type":"uri_file","path":"x","tags":${tags}}}`, {
      'content-type': 'application/json',
    });
    assert.equal(deep.status, 400, JSON.stringify(deep.body).slice(0, 500));
    assert.equal(deep.body.error_code, 'LATHE_BAD_REQUEST');
    assert.match(deep.body.message, /nests deeper than 64 levels/);
    const atLimit = await srv.send('POST', '/api/v1/workspaces/default/jobs', `{"spec":{"command":${nested(MAX_JSON_DEPTH - 2)}}}`, { 'content-type': 'application/json' });
    assert.equal(atLimit.status, 400);
    assert.doesNotMatch(atLimit.body.message, /nests deeper/);
  });

  it('a huge or deep value in a wrong-typed field is echoed only in part', async () => {
    const huge = await srv.post('runs/search', { experiment_ids: ['0'], max_results: ['x'.repeat(100_000)] });
    assertMlflowError(huge, 400, 'INVALID_PARAMETER_VALUE');
    assert.ok(huge.body.message.length < 1000, `message of ${huge.body.message.length} characters`);
  });
});
