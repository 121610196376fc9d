import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { MlflowTestServer, type Answer } from '../../testing/mlflow-test-server.js';
import { armToken, armWorkspacePath } from './arm-test-client.js';

const WS = armWorkspacePath();

/** An `AmlCompute` body as the SDK's `compute.begin_create_or_update` PUTs it. */
function amlCompute(maxNodeCount: number, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    location: 'westeurope',
    tags: { team: 'ml' },
    properties: {
      computeType: 'AmlCompute',
      description: 'gpu nodes',
      properties: { vmSize: 'STANDARD_NC6', vmPriority: 'LowPriority', scaleSettings: { maxNodeCount, minNodeCount: 1, nodeIdleTimeBeforeScaleDown: 'PT1M30S' }, ...extra },
    },
  };
}

describe('the ARM compute routes', () => {
  let srv: MlflowTestServer;
  let auth: Record<string, string>;
  // As azure-core sends them: a content type only with a body.
  const send = (method: string, path: string, body?: unknown): Promise<Answer> => srv.send(method, `${WS}/${path}`, body, body === undefined ? auth : { ...auth, 'content-type': 'application/json' });
  const lathe = (name: string) => srv.get(`/api/v1/workspaces/default/computes/${name}`);

  before(async () => {
    srv = await MlflowTestServer.start();
    auth = { authorization: `Bearer ${await armToken(srv)}` };
  });
  after(async () => srv?.close());

  it('creates a cluster as a Lathe compute, updates it, and answers it provisioned in AmlCompute shape', async () => {
    const created = await send('PUT', 'computes/gpu-cluster?api-version=2022-10-01-preview', amlCompute(2));
    assert.equal(created.status, 201, JSON.stringify(created.body));
    assert.deepEqual(
      { id: created.body.id, name: created.body.name, location: created.body.location, tags: created.body.tags },
      { id: `${WS}/computes/gpu-cluster`, name: 'gpu-cluster', location: 'westeurope', tags: { team: 'ml' } },
    );
    const props = created.body.properties;
    assert.deepEqual(
      { type: props.computeType, state: props.provisioningState, description: props.description, priority: props.properties.vmPriority, scale: props.properties.scaleSettings },
      { type: 'AmlCompute', state: 'Succeeded', description: 'gpu nodes', priority: 'LowPriority', scale: { maxNodeCount: 2, minNodeCount: 1, nodeIdleTimeBeforeScaleDown: 'PT90S' } },
    );
    const held = (await lathe('gpu-cluster')).body;
    assert.deepEqual(
      { max: held.max_instances, size: held.size, tier: held.spec.tier, min: held.spec.min_instances, idle: held.spec.idle_time_before_scale_down },
      { max: 2, size: 'STANDARD_NC6', tier: 'low_priority', min: 1, idle: 90 },
    );
    // The operation the SDK's poller follows before it GETs the compute.
    const operation = new URL(created.headers.get('azure-asyncoperation') ?? '');
    assert.equal(operation.pathname, `${WS}/computes/gpu-cluster/provisioningStatus`);
    assert.deepEqual((await send('GET', `computes/gpu-cluster/provisioningStatus`)).body, { name: 'gpu-cluster', status: 'Succeeded' });
    assert.equal((await send('GET', 'computes/none-cluster/provisioningStatus')).status, 404);
    const updated = await send('PUT', 'computes/gpu-cluster', amlCompute(5));
    assert.equal(updated.status, 200);
    assert.equal((await lathe('gpu-cluster')).body.max_instances, 5);
    assert.deepEqual((await send('GET', 'computes/gpu-cluster')).body, updated.body);
  });

  it('lists the built-in computes with the named ones, in pages', async () => {
    assert.equal((await send('PUT', 'computes/cpu-cluster', amlCompute(1))).status, 201);
    const all = await send('GET', 'computes');
    assert.deepEqual(
      (all.body.value as { name: string }[]).map((c) => c.name),
      ['local', 'cpu-cluster', 'gpu-cluster'],
    );
    const local = all.body.value[0];
    assert.equal(local.properties.properties.scaleSettings.maxNodeCount, (await lathe('local')).body.max_instances);
    const page = await send('GET', 'computes?count=2');
    assert.equal(page.body.value.length, 2);
    assert.ok(page.body.nextLink);
  });

  it('deletes a named cluster, and refuses to replace or delete a built-in one', async () => {
    assert.equal((await send('PUT', 'computes/old-cluster', amlCompute(1))).status, 201);
    assert.equal((await send('DELETE', 'computes/old-cluster?underlyingResourceAction=Delete')).status, 200);
    assert.equal((await lathe('old-cluster')).status, 404);
    for (const [method, path, status] of [
      ['DELETE', 'computes/old-cluster', 404],
      ['GET', 'computes/old-cluster', 404],
      ['DELETE', 'computes/local', 409],
      ['PUT', 'computes/local', 409],
    ] as const) {
      const answer = await send(method, path, method === 'PUT' ? amlCompute(1) : undefined);
      assert.equal(answer.status, status, `${method} ${path}`);
      assert.equal(answer.body.error.code, status === 404 ? 'ResourceNotFound' : 'Conflict');
    }
  });

  it('refuses bad bodies and names with 400 naming the field, and never answers 5xx', async () => {
    const cases: [string, unknown, RegExp][] = [
      ['computes/bad-cluster', {}, /properties/],
      ['computes/bad-cluster', { properties: {} }, /computeType/],
      ['computes/bad-cluster', { properties: { computeType: 'ComputeInstance' } }, /properties\.computeType/],
      ['computes/bad-cluster', amlCompute(0), /max_instances/],
      ['computes/bad-cluster', amlCompute(1e12), /max_instances/],
      ['computes/bad-cluster', { properties: { computeType: 'AmlCompute', properties: { scaleSettings: { maxNodeCount: 'many' } } } }, /maxNodeCount/],
      ['computes/bad-cluster', { properties: { computeType: 'AmlCompute', properties: { scaleSettings: { maxNodeCount: 1, nodeIdleTimeBeforeScaleDown: 'soon' } } } }, /nodeIdleTimeBeforeScaleDown/],
      ['computes/bad-cluster', { properties: { computeType: 'AmlCompute', properties: { vmPriority: 'Spot' } } }, /vmPriority/],
      ['computes/x', amlCompute(1), /name/],
    ];
    for (const [path, body, field] of cases) {
      const answer = await send('PUT', path, body);
      const what = `${path} ${JSON.stringify(body)}`;
      assert.equal(answer.status, 400, `${what}: ${JSON.stringify(answer.body)}`);
      assert.equal(answer.body.error.code, 'BadRequest', what);
      assert.match(answer.body.error.message, field, what);
    }
    assert.equal((await lathe('bad-cluster')).status, 404);
    for (const [method, path, body] of [
      ['PUT', 'computes/odd-cluster', '{"properties":'],
      ['PUT', 'computes/odd-cluster', { properties: { computeType: 'AmlCompute', properties: null } }],
      ['GET', `computes/${'c'.repeat(300)}`, undefined],
      ['GET', 'computes?count=0', undefined],
    ] as const) {
      const answer = await send(method, path, body);
      assert.ok(answer.status < 500, `${method} ${path}: ${answer.status} ${JSON.stringify(answer.body)}`);
    }
  });
});
