import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { assertMlflowError, describeOnEachStore, MlflowTestServer, uniqueName } from '../../testing/mlflow-test-server.js';

describeOnEachStore((store) => {
  const PROXY = '/api/2.0/mlflow-artifacts/artifacts';
  const ASSETS = '/api/v1/workspaces/default/models';
  const MLMODEL = 'artifact_path: model\nflavors:\n  python_function:\n    loader_module: mlflow.sklearn\n';

  let srv: MlflowTestServer;
  let exp: string;
  before(async () => {
    srv = await MlflowTestServer.start({}, store);
    exp = await srv.createExperiment(uniqueName('registry'));
  });
  after(() => srv.close());

  async function upload(path: string, body: string): Promise<void> {
    const res = await srv.send('PUT', `${PROXY}/${path}`, body, { 'content-type': 'application/octet-stream' });
    assert.equal(res.status, 200, JSON.stringify(res.body));
  }

  /** A run with an MLflow model (MLmodel + model.pkl) at `model/`; returns its id. */
  async function runWithModel(): Promise<string> {
    const runId = await srv.createRun(exp);
    await upload(`${exp}/${runId}/artifacts/model/MLmodel`, MLMODEL);
    await upload(`${exp}/${runId}/artifacts/model/model.pkl`, 'pickled');
    return runId;
  }

  /** A registered model with one version from a run's model; returns the name and run. */
  async function modelWithVersion(prefix = 'm'): Promise<{ name: string; runId: string; version: any }> {
    const name = uniqueName(prefix);
    await srv.ok('registered-models/create', { name });
    const runId = await runWithModel();
    const { model_version } = await srv.ok('model-versions/create', { name, source: `runs:/${runId}/model`, run_id: runId });
    return { name, runId, version: model_version };
  }

  const patch = (path: string, body: unknown) => srv.patch(path, body);
  const del = (path: string, body: unknown) => srv.delete(path, body);

  describe('registered-models', () => {
    it('create and get: description and tags; names are asset names and taken once', async () => {
      const name = uniqueName('iris');
      const created = await srv.ok('registered-models/create', { name, description: 'flowers', tags: [{ key: 'team', value: 'vision' }] });
      const model = created.registered_model;
      assert.deepEqual([model.name, model.description, model.tags, model.aliases, model.latest_versions], [name, 'flowers', [{ key: 'team', value: 'vision' }], [], []]);
      assert.equal(typeof model.creation_timestamp, 'number');
      assert.deepEqual((await srv.getOk('registered-models/get', { name })).registered_model, model);
      assertMlflowError(await srv.post('registered-models/create', { name }), 400, 'RESOURCE_ALREADY_EXISTS', `Registered Model (name=${name}) already exists.`);
      assertMlflowError(await srv.post('registered-models/create', {}), 400, 'INVALID_PARAMETER_VALUE', /'name'/);
      assertMlflowError(await srv.post('registered-models/create', { name: 'has space' }), 400, 'INVALID_PARAMETER_VALUE', /asset names/);
      assertMlflowError(await srv.post('registered-models/create', { name: 'x', tags: [{ key: '../up', value: 'v' }] }), 400, 'INVALID_PARAMETER_VALUE');
      assertMlflowError(await srv.get('registered-models/get', { name: 'nope' }), 404, 'RESOURCE_DOES_NOT_EXIST', 'Registered Model with name=nope not found');
      assertMlflowError(await srv.get('registered-models/get'), 400, 'INVALID_PARAMETER_VALUE', /'name'/);
    });

    it('rename moves the versions; update sets the description; delete forgets the model', async () => {
      const { name } = await modelWithVersion();
      const other = uniqueName('taken');
      await srv.ok('registered-models/create', { name: other });
      assertMlflowError(await srv.post('registered-models/rename', { name, new_name: other }), 400, 'RESOURCE_ALREADY_EXISTS');
      assertMlflowError(await srv.post('registered-models/rename', { name }), 400, 'INVALID_PARAMETER_VALUE', /'new_name'/);
      assertMlflowError(await srv.post('registered-models/rename', { name: 'nope', new_name: uniqueName('x') }), 404, 'RESOURCE_DOES_NOT_EXIST');
      const renamed = uniqueName('renamed');
      const res = await srv.ok('registered-models/rename', { name, new_name: renamed });
      assert.equal(res.registered_model.name, renamed);
      assert.equal((await srv.getOk('model-versions/get', { name: renamed, version: '1' })).model_version.name, renamed);
      assert.equal((await srv.getOk(`${ASSETS}/${renamed}/versions/1`)).spec.name, renamed);
      const updated = await patch('registered-models/update', { name: renamed, description: 'better' });
      assert.equal(updated.status, 200, JSON.stringify(updated.body));
      assert.equal(updated.body.registered_model.description, 'better');
      assertMlflowError(await patch('registered-models/update', { name: 'nope', description: 'x' }), 404, 'RESOURCE_DOES_NOT_EXIST');
      assert.equal((await del('registered-models/delete', { name: renamed })).status, 200);
      assertMlflowError(await srv.get('registered-models/get', { name: renamed }), 404, 'RESOURCE_DOES_NOT_EXIST');
      assertMlflowError(await del('registered-models/delete', { name: renamed }), 404, 'RESOURCE_DOES_NOT_EXIST');
      assert.equal((await srv.getOk(`${ASSETS}/${renamed}/versions/1`)).archived, true, 'the files are kept, archived');
    });

    it('search filters by name and tags, orders and pages', async () => {
      const prefix = uniqueName('search');
      for (const [i, suffix] of ['b', 'a', 'c'].entries()) {
        await srv.ok('registered-models/create', { name: `${prefix}-${suffix}`, tags: i === 1 ? [{ key: 'pick', value: 'yes' }] : [] });
      }
      const names = async (query: Record<string, string | number | string[]>) => {
        const res = await srv.getOk('registered-models/search', query);
        return { names: (res.registered_models ?? []).map((m: any) => m.name.slice(prefix.length + 1)), token: res.next_page_token };
      };
      assert.deepEqual((await names({ filter: `name LIKE '${prefix}-%'` })).names, ['a', 'b', 'c']);
      assert.deepEqual((await names({ filter: `name LIKE '${prefix}-%'`, order_by: ['creation_timestamp DESC'] })).names, ['c', 'a', 'b']);
      assert.deepEqual((await names({ filter: `name LIKE '${prefix}-%' and tags.pick = 'yes'` })).names, ['a']);
      const first = await names({ filter: `name LIKE '${prefix}-%'`, max_results: 2 });
      assert.deepEqual(first.names, ['a', 'b']);
      assert.deepEqual((await names({ filter: `name LIKE '${prefix}-%'`, max_results: 2, page_token: first.token })).names, ['c']);
      assertMlflowError(await srv.get('registered-models/search', { filter: 'version_number = 1' }), 400, 'INVALID_PARAMETER_VALUE', /Invalid attribute key 'version_number'/);
      assertMlflowError(await srv.get('registered-models/search', { max_results: 5000 }), 400, 'INVALID_PARAMETER_VALUE', /at most 1000/);
      assertMlflowError(await srv.get('registered-models/search', { order_by: ['size DESC'] }), 400, 'INVALID_PARAMETER_VALUE', /Invalid order by key/);
      assertMlflowError(await srv.get('registered-models/search', { page_token: 'garbage' }), 400, 'INVALID_PARAMETER_VALUE');
    });

    it('get-latest-versions answers the newest version per stage, by GET or POST', async () => {
      const { name, runId } = await modelWithVersion();
      await srv.ok('model-versions/create', { name, source: `runs:/${runId}/model` });
      await srv.ok('model-versions/transition-stage', { name, version: '1', stage: 'production', archive_existing_versions: false });
      const all = await srv.ok('registered-models/get-latest-versions', { name });
      assert.deepEqual(
        all.model_versions.map((v: any) => [v.version, v.current_stage]),
        [
          ['2', 'None'],
          ['1', 'Production'],
        ],
      );
      const prod = await srv.getOk('registered-models/get-latest-versions', { name, stages: ['Production'] });
      assert.deepEqual(
        prod.model_versions.map((v: any) => v.version),
        ['1'],
      );
      assertMlflowError(await srv.post('registered-models/get-latest-versions', { name, stages: ['Live'] }), 400, 'INVALID_PARAMETER_VALUE', /Invalid Model Version stage: Live/);
      assertMlflowError(await srv.post('registered-models/get-latest-versions', { name: 'nope' }), 404, 'RESOURCE_DOES_NOT_EXIST');
    });

    it('set-tag and delete-tag', async () => {
      const name = uniqueName('tags');
      await srv.ok('registered-models/create', { name });
      await srv.ok('registered-models/set-tag', { name, key: 'k', value: 'v' });
      await srv.ok('registered-models/set-tag', { name, key: 'gone', value: 'x' });
      assert.equal((await del('registered-models/delete-tag', { name, key: 'gone' })).status, 200);
      assert.deepEqual((await srv.getOk('registered-models/get', { name })).registered_model.tags, [{ key: 'k', value: 'v' }]);
      assertMlflowError(await srv.post('registered-models/set-tag', { name, value: 'v' }), 400, 'INVALID_PARAMETER_VALUE', /'key'/);
      assertMlflowError(await srv.post('registered-models/set-tag', { name: 'nope', key: 'k', value: 'v' }), 404, 'RESOURCE_DOES_NOT_EXIST');
      assertMlflowError(await del('registered-models/delete-tag', { name: 'nope', key: 'k' }), 404, 'RESOURCE_DOES_NOT_EXIST');
    });

    it('aliases: set, get the version by alias, delete; reserved and unknown aliases are refused', async () => {
      const { name } = await modelWithVersion();
      await srv.ok('registered-models/alias', { name, alias: 'champion', version: '1' });
      const byAlias = await srv.getOk('registered-models/alias', { name, alias: 'champion' });
      assert.deepEqual([byAlias.model_version.version, byAlias.model_version.aliases], ['1', ['champion']]);
      assert.deepEqual((await srv.getOk('registered-models/get', { name })).registered_model.aliases, [{ alias: 'champion', version: '1' }]);
      assert.equal((await srv.getOk('registered-models/alias', { name, alias: 'latest' })).model_version.version, '1');
      assertMlflowError(await srv.post('registered-models/alias', { name, alias: 'latest', version: '1' }), 400, 'INVALID_PARAMETER_VALUE', /reserved/);
      assertMlflowError(await srv.post('registered-models/alias', { name, alias: 'v2', version: '1' }), 400, 'INVALID_PARAMETER_VALUE', /reserved/);
      assertMlflowError(await srv.post('registered-models/alias', { name, alias: 'a b', version: '1' }), 400, 'INVALID_PARAMETER_VALUE', /Invalid alias name/);
      assertMlflowError(await srv.post('registered-models/alias', { name, alias: 'x', version: 'one' }), 400, 'INVALID_PARAMETER_VALUE', "Parameter 'version' must be an integer, got 'one'.");
      assertMlflowError(await srv.post('registered-models/alias', { name, alias: 'x', version: '7' }), 404, 'RESOURCE_DOES_NOT_EXIST');
      assert.equal((await del('registered-models/alias', { name, alias: 'champion' })).status, 200);
      assertMlflowError(await srv.get('registered-models/alias', { name, alias: 'champion' }), 400, 'INVALID_PARAMETER_VALUE', 'Registered model alias champion not found.');
      assertMlflowError(await del('registered-models/alias', { name: 'nope', alias: 'x' }), 404, 'RESOURCE_DOES_NOT_EXIST');
    });
  });

  describe('model-versions', () => {
    it('create from a run snapshots its model as the next version of the model asset', async () => {
      const { name, runId, version } = await modelWithVersion();
      assert.deepEqual(
        [version.name, version.version, version.source, version.run_id, version.current_stage, version.status, version.tags, version.aliases],
        [name, '1', `runs:/${runId}/model`, runId, 'None', 'READY', [], []],
      );
      const asset = await srv.getOk(`${ASSETS}/${name}/versions/1`);
      assert.match(asset.spec.path, /^blob:\/\/[0-9a-f]{64}$/);
      assert.deepEqual([asset.spec.type, asset.spec.source_path, asset.stage, asset.aliases], ['mlflow_model', `runs:/${runId}/model`, 'None', []]);
      // The run's files may change; the version's snapshot does not.
      await upload(`${exp}/${runId}/artifacts/model/model.pkl`, 'changed');
      const second = await srv.ok('model-versions/create', { name, source: `runs:/${runId}/model`, description: 'again', tags: [{ key: 'k', value: 'v' }] });
      assert.deepEqual([second.model_version.version, second.model_version.description, second.model_version.tags], ['2', 'again', [{ key: 'k', value: 'v' }]]);
      assert.notEqual((await srv.getOk(`${ASSETS}/${name}/versions/2`)).spec.path, asset.spec.path);
    });

    it('create from mlflow-artifacts:/ and from an MLflow 3 logged model (models:/m-…)', async () => {
      const name = uniqueName('sources');
      await srv.ok('registered-models/create', { name });
      const runId = await runWithModel();
      const fromProxy = await srv.ok('model-versions/create', { name, source: `mlflow-artifacts:/${exp}/${runId}/artifacts/model`, run_id: runId });
      assert.equal(fromProxy.model_version.version, '1');
      const logged = (await srv.ok('logged-models', { experiment_id: exp, name: 'model', source_run_id: runId })).model.info;
      await upload(`${exp}/models/${logged.model_id}/artifacts/MLmodel`, MLMODEL);
      const fromLogged = await srv.ok('model-versions/create', { name, source: `models:/${logged.model_id}`, model_id: logged.model_id });
      assert.deepEqual([fromLogged.model_version.version, fromLogged.model_version.model_id, fromLogged.model_version.run_id], ['2', logged.model_id, runId]);
      const tags = (await srv.getOk(`logged-models/${logged.model_id}`)).model.info.tags;
      assert.deepEqual(JSON.parse(tags.find((t: any) => t.key === 'mlflow.modelVersions').value), [{ name, version: '2' }]);
      // A run without `model/` artifacts but with a logged model named `model`, as MLflow 3 logs it.
      const bare = await srv.createRun(exp);
      const bareModel = (await srv.ok('logged-models', { experiment_id: exp, name: 'model', source_run_id: bare })).model.info;
      await upload(`${exp}/models/${bareModel.model_id}/artifacts/MLmodel`, MLMODEL);
      const fromRun = await srv.ok('model-versions/create', { name, source: `runs:/${bare}/model` });
      assert.equal((await srv.getOk(`${ASSETS}/${name}/versions/${fromRun.model_version.version}`)).spec.type, 'mlflow_model');
    });

    it('create refuses bad input', async () => {
      const name = uniqueName('bad');
      await srv.ok('registered-models/create', { name });
      const runId = await runWithModel();
      assertMlflowError(await srv.post('model-versions/create', { name }), 400, 'INVALID_PARAMETER_VALUE', /'source'/);
      assertMlflowError(await srv.post('model-versions/create', { name: 'nope', source: `runs:/${runId}/model` }), 404, 'RESOURCE_DOES_NOT_EXIST');
      assertMlflowError(await srv.post('model-versions/create', { name, source: `mlflow-artifacts:/${exp}/../secret` }), 400, 'INVALID_PARAMETER_VALUE', /Invalid model version source/);
      assertMlflowError(await srv.post('model-versions/create', { name, source: `mlflow-artifacts:/${exp}/%2e%2e/secret` }), 400, 'INVALID_PARAMETER_VALUE', /Invalid model version source/);
      assertMlflowError(await srv.post('model-versions/create', { name, source: '/etc/passwd' }), 400, 'INVALID_PARAMETER_VALUE', /cannot be used here/);
      assertMlflowError(await srv.post('model-versions/create', { name, source: `runs:/${runId}/missing` }), 404, 'RESOURCE_DOES_NOT_EXIST');
      assertMlflowError(await srv.post('model-versions/create', { name, source: 'models:/m-00000000000000000000000000000000' }), 404, 'RESOURCE_DOES_NOT_EXIST');
      assert.deepEqual((await srv.getOk('model-versions/search', { filter: `name = '${name}'` })).model_versions, [], 'nothing was created');
    });

    it("registers prompt versions (mlflow.genai.register_prompt) without model files, keeping the template as the version's file", async () => {
      const name = uniqueName('prompt');
      await srv.ok('registered-models/create', { name, tags: [{ key: 'mlflow.prompt.is_prompt', value: 'true' }] });
      const promptTags = (text: string) => [
        { key: 'mlflow.prompt.is_prompt', value: 'true' },
        { key: 'mlflow.prompt.text', value: text },
      ];
      const created = await srv.post('model-versions/create', { name, source: 'prompt-template', description: 'greeting', tags: promptTags('Hello, {{name}}!') });
      assert.equal(created.status, 200, JSON.stringify(created.body));
      assert.deepEqual([created.body.model_version.version, created.body.model_version.source, created.body.model_version.description], ['1', 'prompt-template', 'greeting']);
      // MLflow's older clients send another placeholder source.
      const second = await srv.ok('model-versions/create', { name, source: 'dummy-source', tags: promptTags('Bye, {{name}}.') });
      assert.equal(second.model_version.version, '2');
      const got = await srv.getOk('model-versions/get', { name, version: '1' });
      assert.deepEqual(
        got.model_version.tags.find((t: { key: string }) => t.key === 'mlflow.prompt.text'),
        { key: 'mlflow.prompt.text', value: 'Hello, {{name}}!' },
      );
      const { artifact_uri } = await srv.getOk('model-versions/get-download-uri', { name, version: '2' });
      const path = artifact_uri.slice('mlflow-artifacts:/'.length);
      assert.equal((await srv.bytes(`${PROXY}/${path}/prompt.txt`)).bytes.toString('utf8'), 'Bye, {{name}}.');
      const prompts = await srv.getOk('registered-models/search', { filter: `name = '${name}' AND tags.\`mlflow.prompt.is_prompt\` = 'true'` });
      assert.deepEqual(
        prompts.registered_models.map((m: { name: string }) => m.name),
        [name],
      );
      assert.deepEqual((await srv.getOk('registered-models/search', { filter: `name = '${name}'` })).registered_models ?? [], [], 'prompts are not models');
    });

    it('get, update and delete; versions are integers', async () => {
      const { name } = await modelWithVersion();
      assert.equal((await srv.getOk('model-versions/get', { name, version: '01' })).model_version.version, '1');
      assertMlflowError(await srv.get('model-versions/get', { name, version: 'one' }), 400, 'INVALID_PARAMETER_VALUE', "Parameter 'version' must be an integer, got 'one'.");
      assertMlflowError(await srv.get('model-versions/get', { name, version: '9' }), 404, 'RESOURCE_DOES_NOT_EXIST', `Model Version (name=${name}, version=9) not found`);
      assertMlflowError(await srv.get('model-versions/get', { name }), 400, 'INVALID_PARAMETER_VALUE', /'version'/);
      const updated = await patch('model-versions/update', { name, version: '1', description: 'tuned' });
      assert.equal(updated.status, 200, JSON.stringify(updated.body));
      assert.equal(updated.body.model_version.description, 'tuned');
      assertMlflowError(await patch('model-versions/update', { name, version: '9', description: 'x' }), 404, 'RESOURCE_DOES_NOT_EXIST');
      await srv.ok('registered-models/alias', { name, alias: 'a', version: '1' });
      assert.equal((await del('model-versions/delete', { name, version: '1' })).status, 200);
      assertMlflowError(await srv.get('model-versions/get', { name, version: '1' }), 404, 'RESOURCE_DOES_NOT_EXIST');
      assertMlflowError(await srv.get('registered-models/alias', { name, alias: 'a' }), 400, 'INVALID_PARAMETER_VALUE');
      assertMlflowError(await del('model-versions/delete', { name, version: '1' }), 404, 'RESOURCE_DOES_NOT_EXIST');
    });

    it('transition-stage, archiving the others in the stage when asked', async () => {
      const { name, runId } = await modelWithVersion();
      await srv.ok('model-versions/create', { name, source: `runs:/${runId}/model` });
      await srv.ok('model-versions/transition-stage', { name, version: '1', stage: 'Staging', archive_existing_versions: false });
      const moved = await srv.ok('model-versions/transition-stage', { name, version: '2', stage: 'staging', archive_existing_versions: true });
      assert.equal(moved.model_version.current_stage, 'Staging');
      assert.equal((await srv.getOk('model-versions/get', { name, version: '1' })).model_version.current_stage, 'Archived');
      assert.equal((await srv.getOk(`${ASSETS}/${name}/versions/2`)).stage, 'Staging');
      assertMlflowError(await srv.post('model-versions/transition-stage', { name, version: '1', stage: 'Live' }), 400, 'INVALID_PARAMETER_VALUE', /Invalid Model Version stage/);
      assertMlflowError(
        await srv.post('model-versions/transition-stage', { name, version: '1', stage: 'Archived', archive_existing_versions: true }),
        400,
        'INVALID_PARAMETER_VALUE',
        /not an Active stage/,
      );
      assertMlflowError(await srv.post('model-versions/transition-stage', { name, version: '1' }), 400, 'INVALID_PARAMETER_VALUE', /'stage'/);
    });

    it('set-tag and delete-tag on a version', async () => {
      const { name } = await modelWithVersion();
      await srv.ok('model-versions/set-tag', { name, version: '1', key: 'k', value: 'v' });
      await srv.ok('model-versions/set-tag', { name, version: '1', key: 'gone', value: 'v' });
      assert.equal((await del('model-versions/delete-tag', { name, version: '1', key: 'gone' })).status, 200);
      assert.deepEqual((await srv.getOk('model-versions/get', { name, version: '1' })).model_version.tags, [{ key: 'k', value: 'v' }]);
      assertMlflowError(await srv.post('model-versions/set-tag', { name, version: '5', key: 'k', value: 'v' }), 404, 'RESOURCE_DOES_NOT_EXIST');
      assertMlflowError(await srv.post('model-versions/set-tag', { name, version: '1', value: 'v' }), 400, 'INVALID_PARAMETER_VALUE', /'key'/);
      assertMlflowError(await del('model-versions/delete-tag', { name, version: 'x', key: 'k' }), 400, 'INVALID_PARAMETER_VALUE', /must be an integer/);
    });

    it('search filters by name, run id, version number and tags', async () => {
      const { name, runId } = await modelWithVersion();
      const second = await srv.ok('model-versions/create', { name, source: `runs:/${runId}/model` });
      await srv.ok('model-versions/set-tag', { name, version: second.model_version.version, key: 'env', value: 'prod' });
      const ids = async (filter: string, extra: Record<string, string | number | string[]> = {}) =>
        ((await srv.getOk('model-versions/search', { filter, ...extra })).model_versions ?? []).map((v: any) => v.version);
      assert.deepEqual(await ids(`name = '${name}'`), ['2', '1']);
      assert.deepEqual(await ids(`name = '${name}'`, { order_by: ['version_number ASC'] }), ['1', '2']);
      assert.deepEqual(await ids(`run_id IN ('${runId}', 'other')`), ['2', '1'], 'a runs:/ source names the run');
      assert.deepEqual(await ids(`name = '${name}' and version_number > 1`), ['2']);
      assert.deepEqual(await ids(`name = '${name}' and tags.env = 'prod'`), ['2']);
      assertMlflowError(await srv.get('model-versions/search', { filter: 'stage = 1' }), 400, 'INVALID_PARAMETER_VALUE', /Invalid attribute key 'stage'/);
      assertMlflowError(await srv.get('model-versions/search', { filter: "name IN ('a')" }), 400, 'INVALID_PARAMETER_VALUE');
      assertMlflowError(await srv.get('model-versions/search', { max_results: 0 }), 400, 'INVALID_PARAMETER_VALUE', /positive integer/);
    });

    it('get-download-uri serves the snapshot through the artifact proxy, read-only', async () => {
      const { name } = await modelWithVersion();
      const { artifact_uri } = await srv.getOk('model-versions/get-download-uri', { name, version: '1' });
      assert.match(artifact_uri, /^mlflow-artifacts:\/registry\/[0-9a-f]{64}$/);
      const path = artifact_uri.slice('mlflow-artifacts:/'.length);
      const listing = await srv.getOk(`${PROXY}`, { path });
      assert.deepEqual(listing.files.map((f: any) => f.path).sort(), ['MLmodel', 'model.pkl']);
      assert.equal((await srv.bytes(`${PROXY}/${path}/MLmodel`)).bytes.toString('utf8'), MLMODEL);
      assert.equal((await srv.getOk('model-versions/get-download-uri', { name, version: '1' })).artifact_uri, artifact_uri, 'unpacked once');
      assertMlflowError(await srv.send('PUT', `${PROXY}/${path}/MLmodel`, 'x', { 'content-type': 'application/octet-stream' }), 400, 'INVALID_PARAMETER_VALUE', /read-only/);
      assertMlflowError(await srv.delete(`${PROXY}/${path}`), 400, 'INVALID_PARAMETER_VALUE', /read-only/);
      assertMlflowError(await srv.get('model-versions/get-download-uri', { name, version: '4' }), 404, 'RESOURCE_DOES_NOT_EXIST');
    });
  });

  describe('one set of models with lathe model', () => {
    it('a version created through the asset routes is an MLflow version, and aliases show in the asset resource', async () => {
      const runId = await runWithModel();
      const name = uniqueName('cli');
      const put = await srv.send(
        'PUT',
        `${ASSETS}/${name}/versions/1`,
        { spec: { path: `runs:/${runId}/model`, type: 'mlflow_model', description: 'by hand' } },
        { 'content-type': 'application/json' },
      );
      assert.equal(put.status, 201, JSON.stringify(put.body));
      const { model_version } = await srv.getOk('model-versions/get', { name, version: '1' });
      assert.deepEqual([model_version.run_id, model_version.source, model_version.description], [runId, `runs:/${runId}/model`, 'by hand']);
      await srv.ok('registered-models/alias', { name, alias: 'champion', version: '1' });
      await srv.ok('model-versions/transition-stage', { name, version: '1', stage: 'Production' });
      const shown = await srv.getOk(`${ASSETS}/${name}/labels/latest`);
      assert.deepEqual([shown.version, shown.stage, shown.aliases], ['1', 'Production', ['champion']]);
      const next = await srv.ok('model-versions/create', { name, source: `runs:/${runId}/model` });
      assert.equal(next.model_version.version, '2');
      assert.deepEqual((await srv.getOk(`${ASSETS}/${name}/versions`)).value.map((v: any) => v.version).sort(), ['1', '2']);
    });

    it('each workspace has its own registry', async () => {
      const ws = uniqueName('ws');
      await srv.server.context.store.ensureWorkspace(ws, Date.now());
      const base = `/api/v1/workspaces/${ws}/mlflow/api/2.0/mlflow`;
      const name = uniqueName('scoped');
      assert.equal((await srv.post(`${base}/registered-models/create`, { name })).status, 200);
      assert.equal((await srv.get(`${base}/registered-models/get`, { name })).status, 200);
      assertMlflowError(await srv.get('registered-models/get', { name }), 404, 'RESOURCE_DOES_NOT_EXIST');
    });
  });
});
