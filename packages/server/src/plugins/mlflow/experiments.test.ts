import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { assertMlflowError, describeOnEachStore, MlflowTestServer, uniqueName } from '../../testing/mlflow-test-server.js';

describeOnEachStore((store) => {
  let srv: MlflowTestServer;
  before(async () => {
    srv = await MlflowTestServer.start({}, store);
  });
  after(() => srv.close());

  /** Every experiment a search returns, following next_page_token to the end. */
  async function searchAll(body: Record<string, unknown>): Promise<{ names: string[]; pages: number }> {
    const names: string[] = [];
    let token: string | undefined;
    let pages = 0;
    do {
      const page = await srv.ok('experiments/search', { ...body, ...(token ? { page_token: token } : {}) });
      pages += 1;
      names.push(...(page.experiments ?? []).map((e: { name: string }) => e.name));
      token = page.next_page_token;
      assert.ok(pages < 100, 'paging does not end');
    } while (token);
    return { names, pages };
  }

  describe('experiments/create and experiments/get', () => {
    it('creates an experiment with tags and reads it back by id and by name', async () => {
      const name = uniqueName('exp');
      const id = await srv.createExperiment(name, { tags: [{ key: 'team', value: 'vision' }] });
      assert.match(id, /^\d+$/);
      const { experiment } = await srv.getOk('experiments/get', { experiment_id: id });
      assert.equal(experiment.experiment_id, id);
      assert.equal(experiment.name, name);
      assert.equal(experiment.artifact_location, `mlflow-artifacts:/${id}`);
      assert.equal(experiment.lifecycle_stage, 'active');
      assert.deepEqual(experiment.tags, [{ key: 'team', value: 'vision' }]);
      assert.equal(typeof experiment.creation_time, 'number');
      const byName = await srv.getOk('experiments/get-by-name', { experiment_name: name });
      assert.deepEqual(byName.experiment, experiment);
    });

    it('keeps an explicit artifact_location', async () => {
      const id = await srv.createExperiment(uniqueName('exp-loc'), { artifact_location: 'mlflow-artifacts:/custom/place' });
      const { experiment } = await srv.getOk('experiments/get', { experiment_id: id });
      assert.equal(experiment.artifact_location, 'mlflow-artifacts:/custom/place');
    });

    it('refuses a second experiment of the same name with RESOURCE_ALREADY_EXISTS', async () => {
      const name = uniqueName('dup');
      await srv.createExperiment(name);
      assertMlflowError(await srv.post('experiments/create', { name }), 400, 'RESOURCE_ALREADY_EXISTS', new RegExp(name));
    });

    it('refuses a missing, empty or non-string name', async () => {
      assertMlflowError(await srv.post('experiments/create', {}), 400, 'INVALID_PARAMETER_VALUE', /Missing value for required parameter 'name'/);
      assertMlflowError(await srv.post('experiments/create', { name: '' }), 400, 'INVALID_PARAMETER_VALUE');
      assertMlflowError(await srv.post('experiments/create', { name: { x: 1 } }), 400, 'INVALID_PARAMETER_VALUE', /'name'/);
      assertMlflowError(await srv.post('experiments/create', { name: ['a'] }), 400, 'INVALID_PARAMETER_VALUE');
    });

    it('refuses tags that are not a list of {key, value}', async () => {
      assertMlflowError(await srv.post('experiments/create', { name: uniqueName('t'), tags: { key: 'a' } }), 400, 'INVALID_PARAMETER_VALUE', /'tags'/);
      assertMlflowError(await srv.post('experiments/create', { name: uniqueName('t'), tags: [{ value: 'v' }] }), 400, 'INVALID_PARAMETER_VALUE', /'key'/);
    });

    it('refuses a number where MLflow expects a string', async () => {
      assertMlflowError(await srv.post('experiments/create', { name: 12345 }), 400, 'INVALID_PARAMETER_VALUE', /'name'/);
      assertMlflowError(await srv.post('experiments/create', { name: true }), 400, 'INVALID_PARAMETER_VALUE', /'name'/);
    });

    it('answers RESOURCE_DOES_NOT_EXIST for an unknown id or name', async () => {
      assertMlflowError(await srv.get('experiments/get', { experiment_id: '987654' }), 404, 'RESOURCE_DOES_NOT_EXIST', 'No Experiment with id=987654 exists');
      assertMlflowError(await srv.get('experiments/get-by-name', { experiment_name: uniqueName('nope') }), 404, 'RESOURCE_DOES_NOT_EXIST');
    });

    it('refuses get without experiment_id and get-by-name without a name', async () => {
      assertMlflowError(await srv.get('experiments/get'), 400, 'INVALID_PARAMETER_VALUE', /'experiment_id'/);
      assertMlflowError(await srv.get('experiments/get-by-name'), 400, 'INVALID_PARAMETER_VALUE', /'experiment_name'/);
    });

    it('has the Default experiment with id 0', async () => {
      const { experiment } = await srv.getOk('experiments/get', { experiment_id: '0' });
      assert.equal(experiment.name, 'Default');
    });
  });

  describe('experiments/update, delete, restore', () => {
    it('renames an experiment', async () => {
      const id = await srv.createExperiment(uniqueName('old'));
      const newName = uniqueName('new');
      await srv.ok('experiments/update', { experiment_id: id, new_name: newName });
      const { experiment } = await srv.getOk('experiments/get', { experiment_id: id });
      assert.equal(experiment.name, newName);
      assertMlflowError(await srv.get('experiments/get-by-name', { experiment_name: 'old' }), 404, 'RESOURCE_DOES_NOT_EXIST');
    });

    it('refuses renaming to a name another experiment has', async () => {
      const taken = uniqueName('taken');
      await srv.createExperiment(taken);
      const id = await srv.createExperiment(uniqueName('mover'));
      assertMlflowError(await srv.post('experiments/update', { experiment_id: id, new_name: taken }), 400, 'RESOURCE_ALREADY_EXISTS');
    });

    it('refuses renaming an unknown experiment', async () => {
      assertMlflowError(await srv.post('experiments/update', { experiment_id: '876543', new_name: uniqueName('x') }), 404, 'RESOURCE_DOES_NOT_EXIST');
    });

    it('deletes and restores an experiment together with its runs', async () => {
      const id = await srv.createExperiment(uniqueName('del'));
      const runId = await srv.createRun(id);
      await srv.ok('experiments/delete', { experiment_id: id });
      assert.equal((await srv.getOk('experiments/get', { experiment_id: id })).experiment.lifecycle_stage, 'deleted');
      assert.equal((await srv.getOk('runs/get', { run_id: runId })).run.info.lifecycle_stage, 'deleted');
      // A deleted experiment takes no new runs and cannot be renamed; never a 5xx.
      assertMlflowError(await srv.post('runs/create', { experiment_id: id }), 400, 'INVALID_PARAMETER_VALUE', /must be in the 'active' state/);
      assertMlflowError(await srv.post('experiments/update', { experiment_id: id, new_name: uniqueName('r') }), 400, 'INVALID_PARAMETER_VALUE');
      await srv.ok('experiments/restore', { experiment_id: id });
      assert.equal((await srv.getOk('experiments/get', { experiment_id: id })).experiment.lifecycle_stage, 'active');
      assert.equal((await srv.getOk('runs/get', { run_id: runId })).run.info.lifecycle_stage, 'active');
    });

    it('refuses deleting the Default experiment', async () => {
      assertMlflowError(await srv.post('experiments/delete', { experiment_id: '0' }), 400, 'INVALID_PARAMETER_VALUE', /default experiment/);
    });

    it('refuses deleting or restoring an unknown experiment', async () => {
      assertMlflowError(await srv.post('experiments/delete', { experiment_id: '765432' }), 404, 'RESOURCE_DOES_NOT_EXIST');
      assertMlflowError(await srv.post('experiments/restore', { experiment_id: '765432' }), 404, 'RESOURCE_DOES_NOT_EXIST');
      assertMlflowError(await srv.post('experiments/delete', {}), 400, 'INVALID_PARAMETER_VALUE', /'experiment_id'/);
    });

    it('answers a second delete, or restoring an active experiment, as not found', async () => {
      const id = await srv.createExperiment(uniqueName('twice'));
      assertMlflowError(await srv.post('experiments/restore', { experiment_id: id }), 404, 'RESOURCE_DOES_NOT_EXIST', `No Experiment with id=${id} exists`);
      await srv.ok('experiments/delete', { experiment_id: id });
      assertMlflowError(await srv.post('experiments/delete', { experiment_id: id }), 404, 'RESOURCE_DOES_NOT_EXIST', `No Experiment with id=${id} exists`);
      await srv.ok('experiments/restore', { experiment_id: id });
    });
  });

  describe('experiment tags', () => {
    it('sets, overwrites and deletes a tag', async () => {
      const id = await srv.createExperiment(uniqueName('tags'));
      await srv.ok('experiments/set-experiment-tag', { experiment_id: id, key: 'k', value: 'v1' });
      await srv.ok('experiments/set-experiment-tag', { experiment_id: id, key: 'k', value: 'v2' });
      await srv.ok('experiments/set-experiment-tag', { experiment_id: id, key: 'other', value: '' });
      assert.deepEqual((await srv.getOk('experiments/get', { experiment_id: id })).experiment.tags, [
        { key: 'k', value: 'v2' },
        { key: 'other', value: '' },
      ]);
      await srv.ok('experiments/delete-experiment-tag', { experiment_id: id, key: 'k' });
      assert.deepEqual((await srv.getOk('experiments/get', { experiment_id: id })).experiment.tags, [{ key: 'other', value: '' }]);
    });

    it('refuses a tag without a key, on an unknown experiment, or deleting a missing tag', async () => {
      const id = await srv.createExperiment(uniqueName('tags-bad'));
      assertMlflowError(await srv.post('experiments/set-experiment-tag', { experiment_id: id, value: 'v' }), 400, 'INVALID_PARAMETER_VALUE', /'key'/);
      assertMlflowError(await srv.post('experiments/set-experiment-tag', { experiment_id: '654321', key: 'k', value: 'v' }), 404, 'RESOURCE_DOES_NOT_EXIST');
      assertMlflowError(await srv.post('experiments/delete-experiment-tag', { experiment_id: id, key: 'never-set' }), 404, 'RESOURCE_DOES_NOT_EXIST');
    });

    it('refuses an experiment tag value over 5000 characters, which MLflow never cuts', async () => {
      const id = await srv.createExperiment(uniqueName('tags-long'));
      await srv.ok('experiments/set-experiment-tag', { experiment_id: id, key: 'k', value: 'v'.repeat(5000) });
      assertMlflowError(await srv.post('experiments/set-experiment-tag', { experiment_id: id, key: 'k', value: 'v'.repeat(5001) }), 400, 'INVALID_PARAMETER_VALUE', /5000/);
      assert.equal((await srv.getOk('experiments/get', { experiment_id: id })).experiment.tags[0].value.length, 5000);
    });

    it('refuses tagging a deleted experiment', async () => {
      const id = await srv.createExperiment(uniqueName('tags-del'));
      await srv.ok('experiments/delete', { experiment_id: id });
      assertMlflowError(await srv.post('experiments/set-experiment-tag', { experiment_id: id, key: 'k', value: 'v' }), 400, 'INVALID_PARAMETER_VALUE', /active/);
    });
  });

  describe('experiments/search', () => {
    const suite = uniqueName('search');
    const names = ['alpha', 'Beta', 'gamma', 'delta', 'ALPHA-2'].map((n) => `${suite}-${n}`);
    const ids: string[] = [];
    before(async () => {
      for (const [i, name] of names.entries()) {
        ids.push(
          await srv.createExperiment(name, {
            tags: [
              { key: 'suite', value: suite },
              { key: 'idx', value: String(i) },
            ],
          }),
        );
      }
      await srv.ok('experiments/delete', { experiment_id: ids[3] });
    });
    const inSuite = `tags.suite = '${suite}'`;

    it('filters by name with =, !=, LIKE (case-sensitive) and ILIKE (case-insensitive)', async () => {
      const find = async (filter: string) => (await searchAll({ filter: `${inSuite} and ${filter}`, order_by: ['name ASC'] })).names;
      assert.deepEqual(await find(`name = '${suite}-alpha'`), [`${suite}-alpha`]);
      assert.deepEqual(await find(`name != '${suite}-alpha'`), [`${suite}-ALPHA-2`, `${suite}-Beta`, `${suite}-gamma`]);
      assert.deepEqual(await find(`name LIKE '%-alpha%'`), [`${suite}-alpha`]);
      assert.deepEqual(await find(`name ILIKE '%-alpha%'`), [`${suite}-ALPHA-2`, `${suite}-alpha`]);
      assert.deepEqual(await find(`attributes.name LIKE '%-_eta'`), [`${suite}-Beta`]);
    });

    it('filters by tag and by creation_time', async () => {
      assert.deepEqual((await searchAll({ filter: `${inSuite} and tags.idx = '2'` })).names, [`${suite}-gamma`]);
      assert.deepEqual((await searchAll({ filter: `${inSuite} and tags.idx ILIKE '4'` })).names, [`${suite}-ALPHA-2`]);
      assert.deepEqual((await searchAll({ filter: `${inSuite} and creation_time > 0` })).names.length, 4);
      assert.deepEqual((await searchAll({ filter: `${inSuite} and creation_time < 0` })).names, []);
    });

    it('sees deleted experiments only with DELETED_ONLY or ALL', async () => {
      const view = async (view_type: string) => (await searchAll({ filter: inSuite, view_type, order_by: ['name'] })).names;
      assert.deepEqual(await view('ACTIVE_ONLY'), [`${suite}-ALPHA-2`, `${suite}-Beta`, `${suite}-alpha`, `${suite}-gamma`]);
      assert.deepEqual(await view('DELETED_ONLY'), [`${suite}-delta`]);
      assert.equal((await view('ALL')).length, 5);
      assertMlflowError(await srv.post('experiments/search', { view_type: 'SOME' }), 400, 'INVALID_PARAMETER_VALUE', /view_type/);
    });

    it('orders by name DESC and by experiment_id', async () => {
      assert.deepEqual((await searchAll({ filter: inSuite, order_by: ['name DESC'] })).names, [`${suite}-gamma`, `${suite}-alpha`, `${suite}-Beta`, `${suite}-ALPHA-2`]);
      const byId = (await srv.ok('experiments/search', { filter: inSuite, order_by: ['experiment_id ASC'] })).experiments.map((e: { experiment_id: string }) => e.experiment_id);
      assert.deepEqual(byId, [ids[0], ids[1], ids[2], ids[4]]);
    });

    it('pages through every experiment exactly once, in order', async () => {
      const full = (await srv.ok('experiments/search', { filter: inSuite, view_type: 'ALL', order_by: ['name ASC'] })).experiments.map((e: { name: string }) => e.name);
      for (const max_results of [1, 2, 3]) {
        const paged = await searchAll({ filter: inSuite, view_type: 'ALL', order_by: ['name ASC'], max_results });
        assert.deepEqual(paged.names, full);
        assert.equal(paged.pages, Math.ceil(5 / max_results));
      }
      // The default order (creation_time DESC, then id) pages the same way.
      const defaultFull = (await srv.ok('experiments/search', { filter: inSuite, view_type: 'ALL' })).experiments.map((e: { name: string }) => e.name);
      assert.deepEqual((await searchAll({ filter: inSuite, view_type: 'ALL', max_results: 2 })).names, defaultFull);
      assert.equal(new Set(defaultFull).size, 5);
    });

    it('accepts GET with query parameters', async () => {
      const res = await srv.getOk('experiments/search', { filter: `${inSuite} and name = '${suite}-gamma'`, max_results: 5 });
      assert.deepEqual(
        res.experiments.map((e: { name: string }) => e.name),
        [`${suite}-gamma`],
      );
    });

    it('refuses bad filters, order_by, max_results and page tokens with 400', async () => {
      assertMlflowError(await srv.post('experiments/search', { filter: 'name = ' }), 400, 'INVALID_PARAMETER_VALUE');
      assertMlflowError(await srv.post('experiments/search', { filter: "name = 'a' OR name = 'b'" }), 400, 'INVALID_PARAMETER_VALUE', /Invalid clause/);
      assertMlflowError(await srv.post('experiments/search', { filter: "params.a = 'b'" }), 400, 'INVALID_PARAMETER_VALUE', /Invalid entity type 'params'/);
      assertMlflowError(await srv.post('experiments/search', { filter: "creation_time > 'yesterday'" }), 400, 'INVALID_PARAMETER_VALUE');
      assertMlflowError(await srv.post('experiments/search', { order_by: ['tags.suite'] }), 400, 'INVALID_PARAMETER_VALUE');
      assertMlflowError(await srv.post('experiments/search', { order_by: ['name sideways'] }), 400, 'INVALID_PARAMETER_VALUE');
      assertMlflowError(await srv.post('experiments/search', { max_results: 0 }), 400, 'INVALID_PARAMETER_VALUE', /max_results/);
      assertMlflowError(await srv.post('experiments/search', { max_results: 50001 }), 400, 'INVALID_PARAMETER_VALUE', /max_results/);
      assertMlflowError(await srv.post('experiments/search', { max_results: 'many' }), 400, 'INVALID_PARAMETER_VALUE', /max_results/);
      assertMlflowError(await srv.post('experiments/search', { page_token: 'not a token!' }), 400, 'INVALID_PARAMETER_VALUE', /page token/i);
      assertMlflowError(await srv.post('experiments/search', { page_token: Buffer.from('{"k":"runs:1","c":[1,"x"]}').toString('base64url') }), 400, 'INVALID_PARAMETER_VALUE');
      // A token for another sort order is refused rather than misread.
      const { next_page_token } = await srv.ok('experiments/search', { filter: inSuite, max_results: 1 });
      assert.equal(typeof next_page_token, 'string');
      assertMlflowError(await srv.post('experiments/search', { filter: inSuite, max_results: 1, order_by: ['name', 'creation_time'], page_token: next_page_token }), 400, 'INVALID_PARAMETER_VALUE');
    });
  });
});
