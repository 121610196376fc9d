import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { assertMlflowError, describeOnEachStore, MlflowTestServer, uniqueName } from '../../testing/mlflow-test-server.js';

describeOnEachStore((store) => {
  let srv: MlflowTestServer;
  let exp: string;
  before(async () => {
    srv = await MlflowTestServer.start({}, store);
    exp = await srv.createExperiment(uniqueName('runs'));
  });
  after(() => srv.close());

  const getRun = async (runId: string) => (await srv.getOk('runs/get', { run_id: runId })).run;
  const tagsOf = (run: { data: { tags: { key: string; value: string }[] } }) => Object.fromEntries(run.data.tags.map((t) => [t.key, t.value]));

  describe('runs/create and runs/get', () => {
    it('creates a run with a name, user, start time and tags', async () => {
      const res = await srv.ok('runs/create', {
        experiment_id: exp,
        run_name: 'first-run',
        user_id: 'ada',
        start_time: 1_700_000_000_000,
        tags: [{ key: 'team', value: 'ml' }],
      });
      const { info } = res.run;
      assert.match(info.run_id, /^[0-9a-f]{32}$/);
      assert.equal(info.run_uuid, info.run_id);
      assert.deepEqual(
        [info.experiment_id, info.run_name, info.user_id, info.status, info.start_time, info.lifecycle_stage, info.artifact_uri],
        [exp, 'first-run', 'ada', 'RUNNING', 1_700_000_000_000, 'active', `mlflow-artifacts:/${exp}/${info.run_id}/artifacts`],
      );
      assert.equal(info.end_time, undefined);
      assert.deepEqual(tagsOf(res.run), { team: 'ml', 'mlflow.runName': 'first-run', 'mlflow.user': 'ada' });
      assert.deepEqual(res.run.data.metrics, []);
      assert.deepEqual(res.run.data.params, []);
      assert.deepEqual(await getRun(info.run_id), res.run);
      // The older run_uuid field is accepted too.
      assert.equal((await srv.getOk('runs/get', { run_uuid: info.run_id })).run.info.run_id, info.run_id);
    });

    it('takes the run name from the mlflow.runName tag', async () => {
      const runId = await srv.createRun(exp, { tags: [{ key: 'mlflow.runName', value: 'from-tag' }] });
      assert.equal((await getRun(runId)).info.run_name, 'from-tag');
    });

    it('refuses a run_name that disagrees with the mlflow.runName tag', async () => {
      const res = await srv.post('runs/create', { experiment_id: exp, run_name: 'a', tags: [{ key: 'mlflow.runName', value: 'b' }] });
      assertMlflowError(res, 400, 'INVALID_PARAMETER_VALUE', /Both 'run_name' argument and 'mlflow.runName' tag are specified, but with different values/);
    });

    it('puts a run without experiment_id in the Default experiment', async () => {
      const res = await srv.ok('runs/create', {});
      assert.equal(res.run.info.experiment_id, '0');
    });

    it('refuses an unknown experiment, a bad start_time and malformed tags', async () => {
      assertMlflowError(await srv.post('runs/create', { experiment_id: '999999' }), 404, 'RESOURCE_DOES_NOT_EXIST', /999999/);
      assertMlflowError(await srv.post('runs/create', { experiment_id: exp, start_time: 'soon' }), 400, 'INVALID_PARAMETER_VALUE', /'start_time'/);
      assertMlflowError(await srv.post('runs/create', { experiment_id: exp, start_time: 1.5 }), 400, 'INVALID_PARAMETER_VALUE', /'start_time'/);
      assertMlflowError(await srv.post('runs/create', { experiment_id: exp, tags: 'a=b' }), 400, 'INVALID_PARAMETER_VALUE', /'tags'/);
      assertMlflowError(await srv.post('runs/create', { experiment_id: exp, tags: [{ key: '' }] }), 400, 'INVALID_PARAMETER_VALUE');
    });

    it('answers RESOURCE_DOES_NOT_EXIST for an unknown run and 400 without run_id', async () => {
      assertMlflowError(await srv.get('runs/get', { run_id: 'f'.repeat(32) }), 404, 'RESOURCE_DOES_NOT_EXIST', `Run with id=${'f'.repeat(32)} not found`);
      assertMlflowError(await srv.get('runs/get'), 400, 'INVALID_PARAMETER_VALUE', /'run_id'/);
    });
  });

  describe('runs/update', () => {
    it('sets status, end time and name, and the name tag follows', async () => {
      const runId = await srv.createRun(exp, { run_name: 'before' });
      const { run_info } = await srv.ok('runs/update', { run_id: runId, status: 'FINISHED', end_time: 1_700_000_001_000, run_name: 'after' });
      assert.deepEqual([run_info.run_id, run_info.status, run_info.end_time, run_info.run_name], [runId, 'FINISHED', 1_700_000_001_000, 'after']);
      const run = await getRun(runId);
      assert.equal(run.info.status, 'FINISHED');
      assert.equal(tagsOf(run)['mlflow.runName'], 'after');
    });

    it('refuses an unknown status or run', async () => {
      const runId = await srv.createRun(exp);
      assertMlflowError(await srv.post('runs/update', { run_id: runId, status: 'DONE' }), 400, 'INVALID_PARAMETER_VALUE', /'status'/);
      assertMlflowError(await srv.post('runs/update', { run_id: runId, end_time: 'later' }), 400, 'INVALID_PARAMETER_VALUE', /'end_time'/);
      assertMlflowError(await srv.post('runs/update', { run_id: 'e'.repeat(32), status: 'FAILED' }), 404, 'RESOURCE_DOES_NOT_EXIST');
      assertMlflowError(await srv.post('runs/update', { status: 'FAILED' }), 400, 'INVALID_PARAMETER_VALUE', /'run_id'/);
    });
  });

  describe('logging metrics, params and tags one at a time', () => {
    it('logs a metric, a param and a tag', async () => {
      const runId = await srv.createRun(exp);
      await srv.ok('runs/log-metric', { run_id: runId, key: 'loss', value: 0.25, timestamp: 1000, step: 3 });
      await srv.ok('runs/log-parameter', { run_id: runId, key: 'lr', value: '0.01' });
      await srv.ok('runs/set-tag', { run_id: runId, key: 'stage', value: 'dev' });
      const run = await getRun(runId);
      assert.deepEqual(run.data.metrics, [{ key: 'loss', value: 0.25, timestamp: 1000, step: 3 }]);
      assert.deepEqual(run.data.params, [{ key: 'lr', value: '0.01' }]);
      assert.equal(tagsOf(run).stage, 'dev');
    });

    it('accepts a metric value, timestamp and step as strings (protobuf JSON)', async () => {
      const runId = await srv.createRun(exp);
      await srv.ok('runs/log-metric', { run_id: runId, key: 'acc', value: '0.5', timestamp: '2000', step: '7' });
      assert.deepEqual((await getRun(runId)).data.metrics, [{ key: 'acc', value: 0.5, timestamp: 2000, step: 7 }]);
    });

    it('refuses a metric with a missing or malformed field', async () => {
      const runId = await srv.createRun(exp);
      assertMlflowError(await srv.post('runs/log-metric', { run_id: runId, value: 1, timestamp: 1 }), 400, 'INVALID_PARAMETER_VALUE', /'key'/);
      assertMlflowError(await srv.post('runs/log-metric', { run_id: runId, key: 'm', timestamp: 1 }), 400, 'INVALID_PARAMETER_VALUE', /'value'/);
      assertMlflowError(await srv.post('runs/log-metric', { run_id: runId, key: 'm', value: 'high', timestamp: 1 }), 400, 'INVALID_PARAMETER_VALUE', /'value'/);
      assertMlflowError(await srv.post('runs/log-metric', { run_id: runId, key: 'm', value: 1, timestamp: 1, step: 1.5 }), 400, 'INVALID_PARAMETER_VALUE', /'step'/);
      assertMlflowError(await srv.post('runs/log-metric', { run_id: runId, key: 'm', value: [1], timestamp: 1 }), 400, 'INVALID_PARAMETER_VALUE');
      assertMlflowError(await srv.post('runs/log-metric', { run_id: runId, key: 'm', value: 1, timestamp: -5 }), 400, 'INVALID_PARAMETER_VALUE', /'timestamp'/);
      assertMlflowError(await srv.post('runs/log-metric', { run_id: runId, key: 'm', value: true, timestamp: 1 }), 400, 'INVALID_PARAMETER_VALUE', /'value'/);
      assertMlflowError(await srv.post('runs/log-metric', { key: 'm', value: 1, timestamp: 1 }), 400, 'INVALID_PARAMETER_VALUE', /'run_id'/);
      assertMlflowError(await srv.post('runs/log-metric', { run_id: 'd'.repeat(32), key: 'm', value: 1, timestamp: 1 }), 404, 'RESOURCE_DOES_NOT_EXIST');
      assertMlflowError(await srv.post('runs/log-metric', { run_id: runId, key: '../escape', value: 1, timestamp: 1 }), 400, 'INVALID_PARAMETER_VALUE');
      assert.deepEqual((await getRun(runId)).data.metrics, []);
    });

    it('accepts the same param value twice and refuses a changed one', async () => {
      const runId = await srv.createRun(exp);
      await srv.ok('runs/log-parameter', { run_id: runId, key: 'batch', value: '32' });
      await srv.ok('runs/log-parameter', { run_id: runId, key: 'batch', value: '32' });
      const res = await srv.post('runs/log-parameter', { run_id: runId, key: 'batch', value: '64' });
      assertMlflowError(
        res,
        400,
        'INVALID_PARAMETER_VALUE',
        `Changing param values is not allowed. Param with key='batch' was already logged with value='32' for run ID='${runId}'. Attempted logging new value '64'.`,
      );
      assert.deepEqual((await getRun(runId)).data.params, [{ key: 'batch', value: '32' }]);
      assertMlflowError(await srv.post('runs/log-parameter', { run_id: runId, value: 'x' }), 400, 'INVALID_PARAMETER_VALUE', /'key'/);
    });

    it('cuts a param value to 6000 and a tag value to 8000 characters, as MLflow does by default', async () => {
      const runId = await srv.createRun(exp);
      await srv.ok('runs/log-parameter', { run_id: runId, key: 'long', value: 'p'.repeat(6001) });
      await srv.ok('runs/set-tag', { run_id: runId, key: 'long', value: 't'.repeat(8001) });
      const run = await getRun(runId);
      assert.equal(run.data.params[0].value, 'p'.repeat(6000));
      assert.equal(tagsOf(run).long, 't'.repeat(8000));
      assertMlflowError(await srv.post('runs/log-parameter', { run_id: runId, key: 'k'.repeat(251), value: 'v' }), 400, 'INVALID_PARAMETER_VALUE', /250/);
    });

    it('overwrites a tag, renames through mlflow.runName, and deletes a tag', async () => {
      const runId = await srv.createRun(exp, { run_name: 'orig' });
      await srv.ok('runs/set-tag', { run_id: runId, key: 'k', value: '1' });
      await srv.ok('runs/set-tag', { run_id: runId, key: 'k', value: '2' });
      await srv.ok('runs/set-tag', { run_id: runId, key: 'mlflow.runName', value: 'renamed' });
      let run = await getRun(runId);
      assert.equal(tagsOf(run).k, '2');
      assert.equal(run.info.run_name, 'renamed');
      await srv.ok('runs/delete-tag', { run_id: runId, key: 'k' });
      run = await getRun(runId);
      assert.equal(tagsOf(run).k, undefined);
      assertMlflowError(await srv.post('runs/delete-tag', { run_id: runId, key: 'k' }), 404, 'RESOURCE_DOES_NOT_EXIST', `No tag with name: k in run with id ${runId}`);
      assertMlflowError(await srv.post('runs/set-tag', { run_id: runId, value: 'v' }), 400, 'INVALID_PARAMETER_VALUE', /'key'/);
    });
  });

  describe('runs/delete and runs/restore', () => {
    it('marks a run deleted, refuses every write to it, and restores it', async () => {
      const runId = await srv.createRun(exp);
      await srv.ok('runs/set-tag', { run_id: runId, key: 'keep', value: 'me' });
      await srv.ok('runs/delete', { run_id: runId });
      assert.equal((await getRun(runId)).info.lifecycle_stage, 'deleted');
      const refused = /must be in the 'active' state\. Current state is deleted\./;
      const writes: [string, Record<string, unknown>][] = [
        ['runs/log-metric', { run_id: runId, key: 'm', value: 1, timestamp: 1 }],
        ['runs/log-parameter', { run_id: runId, key: 'p', value: 'v' }],
        ['runs/set-tag', { run_id: runId, key: 't', value: 'v' }],
        ['runs/delete-tag', { run_id: runId, key: 'keep' }],
        ['runs/log-batch', { run_id: runId, metrics: [{ key: 'm', value: 1, timestamp: 1, step: 0 }] }],
        ['runs/update', { run_id: runId, status: 'FINISHED' }],
        ['runs/log-inputs', { run_id: runId, datasets: [{ dataset: { name: 'd', digest: 'x', source_type: 'local', source: '/d' } }] }],
        ['runs/outputs', { run_id: runId, models: [{ model_id: 'm-1', step: 0 }] }],
      ];
      for (const [path, body] of writes) assertMlflowError(await srv.post(path, body), 400, 'INVALID_PARAMETER_VALUE', refused);
      const run = await getRun(runId);
      assert.deepEqual([run.data.metrics, run.data.params, tagsOf(run).keep, run.info.status], [[], [], 'me', 'RUNNING']);
      await srv.ok('runs/restore', { run_id: runId });
      assert.equal((await getRun(runId)).info.lifecycle_stage, 'active');
      await srv.ok('runs/log-metric', { run_id: runId, key: 'm', value: 1, timestamp: 1 });
    });

    it('refuses deleting or restoring an unknown run', async () => {
      assertMlflowError(await srv.post('runs/delete', { run_id: 'c'.repeat(32) }), 404, 'RESOURCE_DOES_NOT_EXIST');
      assertMlflowError(await srv.post('runs/restore', { run_id: 'c'.repeat(32) }), 404, 'RESOURCE_DOES_NOT_EXIST');
      assertMlflowError(await srv.post('runs/delete', {}), 400, 'INVALID_PARAMETER_VALUE', /'run_id'/);
    });
  });

  describe('runs/log-inputs, runs/outputs and runs/log-model', () => {
    it('shows logged dataset inputs in runs/get', async () => {
      const runId = await srv.createRun(exp);
      await srv.ok('runs/log-inputs', {
        run_id: runId,
        datasets: [
          {
            tags: [{ key: 'mlflow.data.context', value: 'training' }],
            dataset: { name: 'iris', digest: 'abc123', source_type: 'local', source: '{"uri": "/data/iris.csv"}', schema: '{"cols": 4}', profile: '{"rows": 150}' },
          },
        ],
      });
      // Logging the same dataset again adds nothing.
      await srv.ok('runs/log-inputs', { run_id: runId, datasets: [{ dataset: { name: 'iris', digest: 'abc123', source_type: 'local', source: '{"uri": "/data/iris.csv"}' } }] });
      const run = await getRun(runId);
      assert.deepEqual(run.inputs.dataset_inputs, [
        {
          tags: [{ key: 'mlflow.data.context', value: 'training' }],
          dataset: { name: 'iris', digest: 'abc123', source_type: 'local', source: '{"uri": "/data/iris.csv"}', schema: '{"cols": 4}', profile: '{"rows": 150}' },
        },
      ]);
    });

    it('shows model inputs in runs/get, each once', async () => {
      const runId = await srv.createRun(exp);
      await srv.ok('runs/log-inputs', { run_id: runId, models: [{ model_id: 'm-abc' }] });
      await srv.ok('runs/log-inputs', { run_id: runId, models: [{ model_id: 'm-abc' }, { model_id: 'm-abd' }] });
      assert.deepEqual((await getRun(runId)).inputs.model_inputs, [{ model_id: 'm-abc' }, { model_id: 'm-abd' }]);
    });

    it('refuses a dataset input with a missing field, and an unknown run', async () => {
      const runId = await srv.createRun(exp);
      assertMlflowError(await srv.post('runs/log-inputs', { run_id: runId, datasets: [{ tags: [] }] }), 400, 'INVALID_PARAMETER_VALUE', /'dataset'/);
      assertMlflowError(await srv.post('runs/log-inputs', { run_id: runId, datasets: [{ dataset: { name: 'd', source_type: 'local', source: 's' } }] }), 400, 'INVALID_PARAMETER_VALUE', /'digest'/);
      assertMlflowError(await srv.post('runs/log-inputs', { run_id: runId, datasets: 'iris' }), 400, 'INVALID_PARAMETER_VALUE', /'datasets'/);
      assertMlflowError(
        await srv.post('runs/log-inputs', { run_id: 'b'.repeat(32), datasets: [{ dataset: { name: 'd', digest: 'x', source_type: 'local', source: 's' } }] }),
        404,
        'RESOURCE_DOES_NOT_EXIST',
      );
    });

    it('shows model outputs in runs/get, a re-logged model keeping its latest step', async () => {
      const runId = await srv.createRun(exp);
      await srv.ok('runs/outputs', {
        run_id: runId,
        models: [
          { model_id: 'm-one', step: 5 },
          { model_id: 'm-two', step: 1 },
        ],
      });
      await srv.ok('runs/outputs', { run_id: runId, models: [{ model_id: 'm-one', step: 9 }] });
      assert.deepEqual((await getRun(runId)).outputs.model_outputs, [
        { model_id: 'm-two', step: 1 },
        { model_id: 'm-one', step: 9 },
      ]);
      assertMlflowError(await srv.post('runs/outputs', { run_id: runId, models: [{ step: 1 }] }), 400, 'INVALID_PARAMETER_VALUE', /'model_id'/);
      assertMlflowError(await srv.post('runs/outputs', { run_id: 'a'.repeat(32), models: [{ model_id: 'm', step: 1 }] }), 404, 'RESOURCE_DOES_NOT_EXIST');
    });

    it('appends runs/log-model records to the mlflow.log-model.history tag', async () => {
      const runId = await srv.createRun(exp);
      await srv.ok('runs/log-model', { run_id: runId, model_json: JSON.stringify({ artifact_path: 'model', flavors: { sklearn: {} } }) });
      await srv.ok('runs/log-model', { run_id: runId, model_json: JSON.stringify({ artifact_path: 'model2' }) });
      const history = JSON.parse(tagsOf(await getRun(runId))['mlflow.log-model.history'] as string);
      assert.deepEqual(history, [{ artifact_path: 'model', flavors: { sklearn: {} } }, { artifact_path: 'model2' }]);
      assertMlflowError(await srv.post('runs/log-model', { run_id: runId, model_json: '{nope' }), 400, 'INVALID_PARAMETER_VALUE', /model_json/);
      assertMlflowError(await srv.post('runs/log-model', { run_id: runId }), 400, 'INVALID_PARAMETER_VALUE', /'model_json'/);
    });
  });
});
