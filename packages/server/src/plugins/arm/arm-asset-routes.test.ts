import assert from 'node:assert/strict';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { MlflowTestServer, type Answer } from '../../testing/mlflow-test-server.js';
import { armToken, armWorkspacePath } from './arm-test-client.js';

const WS = armWorkspacePath();
const CURATED = 'AzureML-sklearn-1.0-ubuntu20.04-py38-cpu';

describe('the ARM versioned asset routes', () => {
  let srv: MlflowTestServer;
  let auth: Record<string, string>;
  const send = (method: string, path: string, body?: unknown): Promise<Answer> => srv.send(method, `${WS}/${path}`, body, auth);
  const lathe = async (path: string) => (await srv.get(`/api/v1/workspaces/default/${path}`)).body;
  const dataUri = (folder: string) => `azureml://datastores/workspaceblobstore/paths/${folder}`;

  before(async () => {
    srv = await MlflowTestServer.start();
    auth = { authorization: `Bearer ${await armToken(srv)}`, 'content-type': 'application/json' };
    for (const folder of ['a', 'b', 'c']) {
      const dir = join(srv.home, 'datastores', 'default', 'workspaceblobstore', folder);
      await mkdir(dir, { recursive: true });
      await writeFile(join(dir, `${folder}.csv`), `${folder}\n`);
    }
  });
  after(async () => srv?.close());

  it('answers a version as created, the same content again with 200, other content and DELETE with 409', async () => {
    const body = { properties: { dataType: 'uri_folder', dataUri: dataUri('a'), description: 'first', tags: { team: 'x' } } };
    const created = await send('PUT', 'data/seq/versions/1?api-version=2022-10-01', body);
    assert.equal(created.status, 201, JSON.stringify(created.body));
    assert.deepEqual(
      { id: created.body.id, name: created.body.name, type: created.body.type },
      { id: `${WS}/data/seq/versions/1`, name: '1', type: 'Microsoft.MachineLearningServices/workspaces/data/versions' },
    );
    assert.deepEqual(created.body.properties, {
      description: 'first',
      tags: { team: 'x' },
      properties: {},
      isAnonymous: false,
      isArchived: false,
      dataType: 'uri_folder',
      dataUri: dataUri('a'),
    });
    assert.deepEqual((await send('GET', 'data/seq/versions/1')).body, created.body);
    assert.equal((await send('PUT', 'data/seq/versions/1', body)).status, 200);
    const clash = await send('PUT', 'data/seq/versions/1', { properties: { ...body.properties, dataUri: dataUri('b') } });
    assert.equal(clash.status, 409);
    assert.equal(clash.body.error.code, 'Conflict');
    assert.match((await lathe('data/seq/versions/1')).spec.path, /^blob:\/\/[0-9a-f]{64}$/);
    // Versions are archived, never deleted: jobs' lineage names them.
    for (const path of ['data/seq/versions/1', 'data/seq']) {
      const refused = await srv.send('DELETE', `${WS}/${path}`, undefined, { authorization: auth.authorization ?? '' });
      assert.equal(refused.status, 409, path);
      assert.match(refused.body.error.message, /archive/);
    }
    assert.equal((await lathe('data/seq/versions/1')).version, '1');
  });

  it('lists versions by $orderBy and $top, in pages, and archives and restores with isArchived', async () => {
    for (const [version, folder] of [
      ['2', 'b'],
      ['3', 'c'],
    ] as const) {
      assert.equal((await send('PUT', `data/seq/versions/${version}`, { properties: { dataType: 'uri_folder', dataUri: dataUri(folder) } })).status, 201);
    }
    const names = (answer: Answer) => (answer.body.value as { name: string }[]).map((v) => v.name);
    assert.deepEqual(names(await send('GET', 'data/seq/versions?$orderBy=createdtime%20desc&$top=1')), ['3']);
    assert.deepEqual(names(await send('GET', 'data/seq/versions?$orderBy=createdtime%20asc')), ['1', '2', '3']);
    assert.deepEqual(names(await send('GET', 'data/seq/versions?$orderBy=version%20desc')), ['3', '2', '1']);
    const first = await send('GET', 'data/seq/versions?count=2');
    assert.deepEqual(names(first), ['3', '2']);
    const next = new URL(first.body.nextLink as string);
    const second = await send('GET', `data/seq/versions${next.search}`);
    assert.deepEqual(names(second), ['1']);
    assert.equal(second.body.nextLink, undefined);

    // The SDK archives by PUTting the version it read back with isArchived set.
    const three = (await send('GET', 'data/seq/versions/3')).body;
    const archived = await send('PUT', 'data/seq/versions/3', { properties: { ...three.properties, isArchived: true } });
    assert.equal(archived.status, 200, JSON.stringify(archived.body));
    assert.equal(archived.body.properties.isArchived, true);
    assert.equal((await lathe('data/seq/versions/3')).archived, true);
    assert.deepEqual(names(await send('GET', 'data/seq/versions')), ['2', '1']);
    assert.deepEqual(names(await send('GET', 'data/seq/versions?listViewType=ArchivedOnly')), ['3']);
    assert.deepEqual(names(await send('GET', 'data/seq/versions?listViewType=All')), ['3', '2', '1']);
    const container = await send('GET', 'data/seq');
    assert.equal(container.status, 200);
    assert.deepEqual({ id: container.body.id, latest: container.body.properties.latestVersion, next: container.body.properties.nextVersion }, { id: `${WS}/data/seq`, latest: '2', next: '4' });
    assert.equal((await send('PUT', 'data/seq/versions/3', { properties: { ...three.properties, isArchived: false } })).body.properties.isArchived, false);
    assert.equal((await lathe('data/seq/versions/3')).archived, false);
  });

  it('lists containers by listViewType, archives and restores them, and answers 404 for a name with no version', async () => {
    const body = { properties: { dataType: 'uri_folder', dataUri: dataUri('a') } };
    assert.equal((await send('PUT', 'data/gone/versions/1', { properties: { ...body.properties, isArchived: true } })).status, 201);
    const names = (answer: Answer) => (answer.body.value as { name: string }[]).map((v) => v.name);
    assert.ok(names(await send('GET', 'data?listViewType=ActiveOnly')).includes('seq'));
    assert.ok(!names(await send('GET', 'data')).includes('gone'));
    assert.deepEqual(names(await send('GET', 'data?listViewType=ArchivedOnly')), ['gone']);
    assert.ok(names(await send('GET', 'data?listViewType=All')).includes('gone'));
    for (const path of ['data/nope', 'data/nope/versions/1', 'models/seq', 'environments/nope/versions/1', `environments/${CURATED}/versions/1`]) {
      const missing = await send('GET', path);
      assert.equal(missing.status, 404, path);
      assert.equal(missing.body.error.code, 'ResourceNotFound', path);
    }
    assert.deepEqual((await send('GET', 'data/nope/versions')).body, { value: [] });
    // The SDK archives and restores a whole name through its container.
    const restored = await send('PUT', 'data/gone', { properties: { isArchived: false, tags: {} } });
    assert.equal(restored.status, 200, JSON.stringify(restored.body));
    assert.deepEqual({ archived: restored.body.properties.isArchived, latest: restored.body.properties.latestVersion }, { archived: false, latest: '1' });
    assert.equal((await lathe('data/gone/versions/1')).archived, false);
    assert.equal((await send('PUT', 'data/nope', { properties: { isArchived: true } })).status, 404);
  });

  it('registers models with flavors and the long datastore URI, and refuses another workspace', async () => {
    const modelUri = 'azureml://subscriptions/sub-1/resourcegroups/rg-1/workspaces/default/datastores/workspaceblobstore/paths/a';
    const flavors = { sklearn: { data: { pickled_model: 'model.pkl' } } };
    const put = await send('PUT', 'models/clf/versions/1', { properties: { modelUri, modelType: 'mlflow_model', flavors } });
    assert.equal(put.status, 201, JSON.stringify(put.body));
    assert.deepEqual({ uri: put.body.properties.modelUri, flavors: put.body.properties.flavors }, { uri: modelUri, flavors });
    const held = await lathe('models/clf/versions/1');
    assert.deepEqual({ type: held.spec.type, flavors: held.spec.flavors }, { type: 'mlflow_model', flavors: { sklearn: { pickled_model: 'model.pkl' } } });
    const bare = await send('PUT', 'models/bare/versions/1', { properties: { modelUri } });
    assert.deepEqual({ type: bare.body.properties.modelType, flavors: bare.body.properties.flavors }, { type: 'custom_model', flavors: {} });
    const elsewhere = await send('PUT', 'models/clf/versions/2', { properties: { modelUri: modelUri.replace('/workspaces/default/', '/workspaces/other/') } });
    assert.equal(elsewhere.status, 400);
    assert.match(elsewhere.body.error.message, /properties\.modelUri.*workspace 'other'/);
  });

  it("registers the SDK's anonymous environments and components under the names in the path", async () => {
    const condaFile = 'name: anon\ndependencies:\n  - pip:\n    - numpy\n';
    const env = await send('PUT', 'environments/CliV2AnonymousEnvironment/versions/0f3a9c', { properties: { image: 'python:3.11', condaFile, isAnonymous: true, osType: 'Linux' } });
    assert.equal(env.status, 201, JSON.stringify(env.body));
    assert.deepEqual(
      { condaFile: env.body.properties.condaFile, isAnonymous: env.body.properties.isAnonymous, type: env.body.properties.environmentType },
      { condaFile, isAnonymous: true, type: 'UserCreated' },
    );
    assert.deepEqual((await lathe('environments/CliV2AnonymousEnvironment/versions/0f3a9c')).spec.conda_file, { name: 'anon', dependencies: [{ pip: ['numpy'] }] });
    const componentSpec = {
      name: 'my_step',
      version: '1',
      type: 'command',
      command: 'echo ${{inputs.n}}',
      environment: 'azureml:anon-env:1',
      inputs: { n: { type: 'integer', default: '2' } },
      _source: 'DSL',
    };
    const component = await send('PUT', 'components/azureml_anonymous/versions/77aa', { properties: { componentSpec, isAnonymous: true } });
    assert.equal(component.status, 201, JSON.stringify(component.body));
    assert.equal(component.body.properties.componentSpec.name, 'azureml_anonymous');
    const held = await lathe('components/azureml_anonymous/versions/77aa');
    assert.deepEqual({ command: held.spec.command, inputs: held.spec.inputs }, { command: 'echo ${{inputs.n}}', inputs: { n: { type: 'integer', default: 2 } } });
  });

  it('answers curated environments from the workspace path at version curated', async () => {
    const latest = await send('GET', `environments/${CURATED}/versions?$orderBy=createdtime%20desc&$top=1&api-version=2022-05-01`);
    assert.equal(latest.status, 200);
    assert.equal(latest.body.value.length, 1);
    const [version] = latest.body.value;
    assert.equal(version.id, `${WS}/environments/${CURATED}/versions/curated`);
    assert.equal(version.properties.environmentType, 'Curated');
    const curated = (await srv.get(`/api/v1/registries/azureml/environments/${CURATED}`)).body;
    assert.equal(version.properties.image, curated.image);
    assert.deepEqual((await send('GET', `environments/${CURATED}/versions/curated`)).body, version);
    assert.equal((await send('GET', `environments/${CURATED}`)).body.properties.latestVersion, 'curated');
  });

  it('refuses bad bodies, paths and queries with 400 naming the field, and never answers 5xx', async () => {
    const cases: [string, string, unknown, RegExp][] = [
      ['PUT', 'data/bad/versions/1', { properties: { dataUri: dataUri('a') } }, /dataType/],
      ['PUT', 'data/bad/versions/1', { properties: { dataType: 'table', dataUri: dataUri('a') } }, /dataType/],
      ['PUT', 'data/bad/versions/1', { properties: { dataType: 'uri_folder', dataUri: 'ftp://x/y' } }, /properties\.dataUri/],
      ['PUT', 'data/bad/versions/1', { properties: { dataType: 'uri_file', dataUri: 'https://example.com/files/iris.csv' } }, /properties\.dataUri/],
      ['PUT', 'data/bad/versions/1', { properties: { dataType: 'uri_folder', dataUri: 'azureml://datastores/workspaceblobstore/paths/../x' } }, /properties\.dataUri/],
      ['PUT', 'data/bad/versions/1', { properties: { dataType: 'uri_folder', dataUri: dataUri('a'), tags: { a: { b: 1 } } } }, /tags/],
      ['PUT', 'models/bad/versions/1', { properties: { modelUri: dataUri('a'), modelType: 'onnx' } }, /modelType/],
      ['PUT', 'models/bad/versions/1', { properties: { modelUri: dataUri('a'), flavors: { f: { data: { k: { x: 1 } } } } } }, /flavors/],
      ['PUT', 'environments/bad/versions/1', { properties: { image: 'python:3.11', condaFile: 'dependencies: [' } }, /properties\.condaFile/],
      ['PUT', 'environments/bad/versions/1', { properties: { image: 'python:3.11', osType: 'Plan9' } }, /osType/],
      ['PUT', 'environments/bad/versions/1', { properties: { description: 'nothing to run' } }, /image/],
      ['PUT', 'components/bad/versions/1', { properties: { componentSpec: { type: 'command', environment: 'azureml:e:1' } } }, /command/],
      [
        'PUT',
        'components/bad/versions/1',
        { properties: { componentSpec: { type: 'command', command: 'x', environment: 'azureml:e:1', code: `${WS}/codes/none/versions/1` } } },
        /properties\.componentSpec\.code/,
      ],
      ['PUT', 'codes/bad/versions/1', { properties: { codeUri: 7 } }, /codeUri/],
      ['PUT', 'data/bad/versions/-1', { properties: { dataType: 'uri_folder', dataUri: dataUri('a') } }, /version/],
      ['PUT', 'data/bad/versions/1', { value: {} }, /properties/],
      ['GET', 'data/seq/versions?$orderBy=size', undefined, /\$orderBy/],
      ['GET', 'data/seq/versions?$top=0', undefined, /\$top/],
      ['GET', 'data?listViewType=Some', undefined, /listViewType/],
    ];
    for (const [method, path, body, field] of cases) {
      const answer = await send(method, path, body);
      const what = `${method} ${path} ${JSON.stringify(body)}`;
      assert.equal(answer.status, 400, `${what}: ${JSON.stringify(answer.body)}`);
      assert.equal(answer.body.error.code, 'BadRequest', what);
      assert.match(answer.body.error.message, field, what);
    }
    assert.equal((await lathe('data/bad/versions/1')).error_code, 'LATHE_NOT_FOUND');
    const odd: [string, string, unknown][] = [
      ['PUT', 'data/x/versions/1', '{"properties":'],
      ['PUT', 'data/x/versions/1', [1, 2]],
      ['PUT', 'components/x/versions/1', { properties: { componentSpec: { inputs: { a: null }, command: 'x', environment: 'azureml:e:1' } } }],
      ['PUT', 'environments/x/versions/1', { properties: { build: { contextUri: 'azureml://datastores/workspaceblobstore/paths/a' }, inferenceConfig: { scoringRoute: { path: '/s', port: 1 } } } }],
      ['GET', 'data/x/versions?$skip=abc', undefined],
      ['GET', 'data/x/versions?$top=1&$top=2', undefined],
      ['GET', `models/${'m'.repeat(300)}/versions/1`, undefined],
    ];
    for (const [method, path, body] of odd) {
      const answer = await send(method, path, body);
      assert.ok(answer.status < 500, `${method} ${path}: ${answer.status} ${JSON.stringify(answer.body)}`);
    }
  });
});
