import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { JobResource, SweepResource } from '@lathe/api';
import { MlflowTestServer } from '../../testing/mlflow-test-server.js';

const WS = '/api/v1/workspaces/default';

const SWEEP = {
  type: 'sweep',
  trial: { command: 'python -c "import mlflow; mlflow.start_run(); mlflow.log_metric(\'loss\', abs(${{search_space.x}} - 2))"' },
  sampling_algorithm: 'grid',
  search_space: { x: { type: 'choice', values: [1, 2, 4] } },
  objective: { primary_metric: 'loss', goal: 'minimize' },
  limits: { max_concurrent_trials: 3 },
};

describe('sweep jobs over the REST API', () => {
  let srv: MlflowTestServer;
  before(async () => {
    srv = await MlflowTestServer.start();
  });
  after(async () => srv?.close());

  async function ended(name: string): Promise<JobResource> {
    for (let i = 0; i < 600; i++) {
      const job = (await srv.get<JobResource>(`${WS}/jobs/${name}`)).body;
      if (['Completed', 'Failed', 'Canceled'].includes(job.status)) return job;
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error(`job ${name} did not end`);
  }

  it('runs the trials and answers the sweep with its best trial, minimizing', async () => {
    const created = await srv.post<JobResource>(`${WS}/jobs`, { spec: SWEEP, name: 'grid_sweep' });
    assert.equal(created.status, 201, JSON.stringify(created.body));
    assert.equal((await ended('grid_sweep')).status, 'Completed');
    const sweep = (await srv.get<SweepResource>(`${WS}/jobs/grid_sweep/sweep`)).body;
    assert.deepEqual(sweep.best, { trial: 'grid_sweep_1', score: 0, parameters: { x: 2 } });
    assert.deepEqual(
      sweep.trials.map((t) => [t.name, t.score, t.intervals, t.status]),
      [
        ['grid_sweep_1', 0, 1, 'Completed'],
        ['grid_sweep_0', 1, 1, 'Completed'],
        ['grid_sweep_2', 2, 1, 'Completed'],
      ],
    );
    const names = async (query: string) => (await srv.get<{ value: JobResource[] }>(`${WS}/jobs?${query}`)).body.value.map((j) => j.name).sort();
    assert.deepEqual(await names('top_level=true'), ['grid_sweep']);
    assert.deepEqual(await names('parent=grid_sweep'), ['grid_sweep_0', 'grid_sweep_1', 'grid_sweep_2']);
    assert.deepEqual(await names(''), ['grid_sweep', 'grid_sweep_0', 'grid_sweep_1', 'grid_sweep_2']);
  });

  it('refuses a bad sweep with the field and what was expected, and creates nothing', async () => {
    const bad = [
      [
        { ...SWEEP, sampling_algorithm: 'grid', search_space: { x: { type: 'uniform', min_value: 0, max_value: 1 } } },
        /spec: search_space\.x: grid sampling supports only choice expressions, got uniform/,
      ],
      [{ ...SWEEP, trial: { command: 'echo ${{search_space.y}}' } }, /spec: trial\.command: \$\{\{search_space\.y\}\} refers to parameter 'y'/],
      [{ ...SWEEP, early_termination: { type: 'bandit', slack_factor: 0.1, slack_amount: 1 } }, /spec: early_termination/],
      [{ ...SWEEP, limits: { max_total_trials: 0 } }, /spec: limits\.max_total_trials/],
      [{ ...SWEEP, objective: { primary_metric: 'loss', goal: 'lowest' } }, /spec: objective\.goal/],
    ] as const;
    const long = await srv.post<{ message: string }>(`${WS}/jobs`, { spec: SWEEP, name: 's'.repeat(251) });
    assert.equal(long.status, 400);
    assert.match(long.body.message, /name: a sweep job's name is at most 250 characters, as its children are named after it/);
    for (const [spec, message] of bad) {
      const answer = await srv.post<{ error_code: string; message: string }>(`${WS}/jobs`, { spec, name: 'bad_sweep' });
      assert.equal(answer.status, 400, JSON.stringify(answer.body));
      assert.equal(answer.body.error_code, 'LATHE_INVALID_SPEC');
      assert.match(answer.body.message, message);
      assert.equal((await srv.get(`${WS}/jobs/bad_sweep`)).status, 404);
    }
  });

  it('answers the sweep view of a command job with 400, and of no job with 404', async () => {
    const job = await srv.post<JobResource>(`${WS}/jobs`, { spec: { command: 'echo hi' }, name: 'plain_job' });
    assert.equal(job.status, 201);
    const wrong = await srv.get<{ error_code: string; message: string }>(`${WS}/jobs/plain_job/sweep`);
    assert.equal(wrong.status, 400);
    assert.match(wrong.body.message, /'plain_job' is a command job, not a sweep/);
    assert.equal((await srv.get(`${WS}/jobs/nope/sweep`)).status, 404);
  });
});
