import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { JobRecord, JobStatus } from '@lathe/core';
import type { ControllerContext, ControllerDecision } from '@lathe/scheduler';
import { jobRecord } from '../job-record.test-support.js';
import { validateSweepJob } from '@lathe/spec';
import { SweepController } from './sweep-controller.js';
import { readSweepState, type SweepState } from './sweep-state.js';

/**
 * A sweep driven by hand: the test moves its trials and logs their metrics, as the scheduler and
 * the trials' processes would, and each `advance` is one round of the controller.
 */
class SweepHarness {
  job: JobRecord;
  readonly children = new Map<string, JobRecord>();
  readonly metrics = new Map<string, number[]>();
  readonly canceled: [string, string][] = [];
  now = 1_000_000;
  controller: SweepController;
  readonly ctx: ControllerContext;

  constructor(document: Record<string, unknown>) {
    const { spec } = validateSweepJob({ type: 'sweep', ...document });
    this.job = jobRecord('sweep1', { ...spec, type: 'sweep' }, null);
    this.job.status = 'Running';
    this.job.startedAt = this.now;
    this.controller = this.newController();
    this.ctx = {
      createChild: async ({ name, spec: childSpec }) => {
        const existing = this.children.get(name);
        if (existing) return existing;
        const child = jobRecord(name, childSpec, 'sweep1');
        this.children.set(name, child);
        return child;
      },
      saveState: async (state) => {
        this.job = { ...this.job, controllerState: structuredClone(state) };
      },
      cancelChild: async (name, reason) => {
        this.canceled.push([name, reason]);
        this.move(name, 'CancelRequested');
      },
    };
  }

  /** A controller as a restarted server has it: nothing in memory. */
  newController(): SweepController {
    return new SweepController({ series: async (_ws, names) => new Map(names.map((n) => [n, [...(this.metrics.get(n) ?? [])]])) }, () => this.now);
  }

  advance(): Promise<ControllerDecision> {
    return this.controller.advance(this.job, [...this.children.values()], this.ctx);
  }

  get state(): SweepState {
    const state = readSweepState(this.job.controllerState);
    assert.ok(state, 'the sweep saved no state');
    return state;
  }

  move(name: string, status: JobStatus): void {
    const child = this.children.get(name);
    assert.ok(child, `no trial ${name}`);
    child.status = status;
    if (status === 'Running') child.startedAt ??= this.now;
  }

  log(name: string, ...values: number[]): void {
    this.metrics.set(name, [...(this.metrics.get(name) ?? []), ...values]);
  }

  /** Runs every trial not yet started to completion, each logging `score(parameters)` once. */
  completeAll(score: (parameters: Record<string, unknown>) => number): void {
    for (const trial of this.state.trials) {
      const child = this.children.get(trial.name);
      if (!child || child.status !== 'Queued') continue;
      this.move(trial.name, 'Running');
      this.log(trial.name, score(trial.parameters));
      this.move(trial.name, 'Completed');
    }
  }
}

const TRIAL = { command: 'python train.py --C ${{search_space.C}} --kernel ${{search_space.kernel}}', environment: 'azureml:sklearn:1', code: 'blob://' + 'a'.repeat(64) };
const SPACE = { C: { type: 'uniform', min_value: 0.5, max_value: 2 }, kernel: { type: 'choice', values: ['linear', 'rbf'] } };
const OBJECTIVE = { primary_metric: 'accuracy', goal: 'maximize' };

describe('SweepController', () => {
  it('asks for trials up to max_concurrent_trials at a time and max_total_trials in all, then completes with the best', async () => {
    const sweep = new SweepHarness({
      trial: TRIAL,
      sampling_algorithm: { type: 'random', seed: 7 },
      search_space: SPACE,
      objective: OBJECTIVE,
      limits: { max_total_trials: 5, max_concurrent_trials: 2 },
    });
    assert.deepEqual(await sweep.advance(), { status: 'Running', recheckAt: sweep.now + 5_184_000_000 });
    assert.deepEqual([...sweep.children.keys()], ['sweep1_0', 'sweep1_1']);
    const rounds = [];
    while (sweep.state.trials.length < 5 || [...sweep.children.values()].some((c) => c.status === 'Queued')) {
      sweep.completeAll((p) => Number(p.C) * (p.kernel === 'rbf' ? 2 : 1));
      rounds.push((await sweep.advance()).status);
    }
    assert.deepEqual(rounds, ['Running', 'Running', 'Completed']);
    assert.equal(sweep.children.size, 5);
    const scores = sweep.state.trials.map((t) => Number(t.parameters.C) * (t.parameters.kernel === 'rbf' ? 2 : 1));
    const bestIndex = scores.indexOf(Math.max(...scores));
    assert.deepEqual(sweep.state.best, { trial: `sweep1_${bestIndex}`, score: scores[bestIndex], parameters: sweep.state.trials[bestIndex]?.parameters });
  });

  it('gives each trial a command job with the values in its command and as its inputs', async () => {
    const sweep = new SweepHarness({
      trial: { ...TRIAL, command: 'python train.py --C ${{search_space.C}} --data ${{inputs.data}} --out ${{outputs.model}}' },
      inputs: { data: { type: 'uri_file', path: 'blob://' + 'b'.repeat(64) } },
      outputs: { model: { type: 'uri_folder', name: 'best-model' } },
      compute: 'azureml:cpu',
      sampling_algorithm: 'grid',
      search_space: { C: { type: 'choice', values: [0.5, 1] } },
      objective: OBJECTIVE,
    });
    await sweep.advance();
    const spec = sweep.children.get('sweep1_1')?.spec;
    assert.deepEqual(spec, {
      type: 'command',
      command: 'python train.py --C 1 --data ${{inputs.data}} --out ${{outputs.model}}',
      environment: 'azureml:sklearn:1',
      code: TRIAL.code,
      inputs: { data: { type: 'uri_file', path: 'blob://' + 'b'.repeat(64), mode: 'ro_mount' }, C: 1 },
      outputs: { model: { type: 'uri_folder', mode: 'rw_mount' } },
      compute: 'azureml:cpu',
    });
  });

  it('gives each trial the snapshot a sweep input was resolved to, without where it was copied from', async () => {
    const trial = { ...TRIAL, command: 'python train.py --C ${{search_space.C}} --data ${{inputs.data}}' };
    const sweep = new SweepHarness({
      trial,
      sampling_algorithm: 'grid',
      search_space: { C: { type: 'choice', values: [1] } },
      objective: OBJECTIVE,
      inputs: { data: { type: 'uri_folder', path: 'blob://' + 'c'.repeat(64) } },
    });
    (sweep.job.spec.inputs as Record<string, Record<string, unknown>>).data!.source_path = 'azureml://jobs/earlier/outputs/data';
    await sweep.advance();
    assert.deepEqual(sweep.children.get('sweep1_0')?.spec.inputs, { data: { type: 'uri_folder', path: 'blob://' + 'c'.repeat(64), mode: 'ro_mount' }, C: 1 });
  });

  it('runs a grid exhaustively, once per combination, and stops asking when it is done', async () => {
    const sweep = new SweepHarness({
      trial: TRIAL,
      sampling_algorithm: 'grid',
      search_space: { C: { type: 'choice', values: [1, 2, 3] }, kernel: { type: 'choice', values: ['linear', 'rbf'] } },
      objective: OBJECTIVE,
      limits: { max_total_trials: 100 },
    });
    await sweep.advance();
    assert.equal(sweep.children.size, 6);
    assert.equal(sweep.state.exhausted, true);
    const combos = sweep.state.trials.map((t) => `${t.parameters.C}/${t.parameters.kernel}`).sort();
    assert.deepEqual(combos, ['1/linear', '1/rbf', '2/linear', '2/rbf', '3/linear', '3/rbf']);
    sweep.completeAll((p) => Number(p.C));
    assert.deepEqual(await sweep.advance(), { status: 'Completed' });
    assert.equal(sweep.state.best?.score, 3);
  });

  it('stops a trial the bandit policy names, with the policy reason, and starts another in its place', async () => {
    const sweep = new SweepHarness({
      trial: TRIAL,
      sampling_algorithm: { type: 'random', seed: 1 },
      search_space: SPACE,
      objective: OBJECTIVE,
      limits: { max_total_trials: 3, max_concurrent_trials: 2 },
      early_termination: { type: 'bandit', evaluation_interval: 1, slack_factor: 0.1 },
    });
    await sweep.advance();
    sweep.move('sweep1_0', 'Running');
    sweep.move('sweep1_1', 'Running');
    sweep.log('sweep1_0', 0.9);
    assert.equal((await sweep.advance()).status, 'Running');
    assert.equal(sweep.canceled.length, 0);
    // 0.5 < 0.9 / 1.1: outside the slack of the best trial at interval 1.
    sweep.log('sweep1_1', 0.5);
    await sweep.advance();
    assert.equal(sweep.canceled.length, 1);
    const [name, reason] = sweep.canceled[0] as [string, string];
    assert.equal(name, 'sweep1_1');
    assert.match(reason, /bandit/);
    assert.equal(sweep.state.trials[1]?.stop?.reason, reason);
    assert.equal(sweep.state.trials[1]?.stop?.interval, 1);
    assert.equal(sweep.children.size, 3, 'the stopped trial frees its place for the third');
    // A round after the cancel landed does not stop it again.
    sweep.move('sweep1_1', 'Canceled');
    await sweep.advance();
    assert.equal(sweep.canceled.length, 1);
  });

  it('judges a trial at every evaluation point it passed between two rounds', async () => {
    const sweep = new SweepHarness({
      trial: TRIAL,
      sampling_algorithm: 'random',
      search_space: SPACE,
      objective: OBJECTIVE,
      limits: { max_total_trials: 2, max_concurrent_trials: 1 },
      early_termination: { type: 'bandit', evaluation_interval: 2, slack_factor: 0.1 },
    });
    await sweep.advance();
    sweep.move('sweep1_0', 'Running');
    sweep.log('sweep1_0', 0.9, 0.9, 0.9, 0.9);
    sweep.move('sweep1_0', 'Completed');
    await sweep.advance();
    sweep.move('sweep1_1', 'Running');
    // Three values in one round: interval 3 is no evaluation point, interval 2 is.
    sweep.log('sweep1_1', 0.1, 0.1, 0.1);
    await sweep.advance();
    assert.deepEqual(
      sweep.canceled.map(([n]) => n),
      ['sweep1_1'],
    );
    assert.equal(sweep.state.trials[1]?.stop?.interval, 2);
  });

  it('stops a trial whose primary metric is NaN, with no policy configured', async () => {
    const sweep = new SweepHarness({ trial: TRIAL, sampling_algorithm: 'random', search_space: SPACE, objective: OBJECTIVE, limits: { max_total_trials: 1 } });
    await sweep.advance();
    sweep.move('sweep1_0', 'Running');
    sweep.log('sweep1_0', Number.NaN);
    await sweep.advance();
    assert.equal(sweep.canceled[0]?.[0], 'sweep1_0');
    assert.match(sweep.canceled[0]?.[1] ?? '', /NaN/i);
  });

  it('applies median stopping and truncation selection as configured', async () => {
    for (const policy of [
      { type: 'median_stopping', evaluation_interval: 1, delay_evaluation: 2 },
      { type: 'truncation_selection', evaluation_interval: 1, delay_evaluation: 2, truncation_percentage: 50 },
    ]) {
      const sweep = new SweepHarness({
        trial: TRIAL,
        sampling_algorithm: 'random',
        search_space: SPACE,
        objective: OBJECTIVE,
        limits: { max_total_trials: 3, max_concurrent_trials: 3 },
        early_termination: policy,
      });
      await sweep.advance();
      for (const name of ['sweep1_0', 'sweep1_1', 'sweep1_2']) sweep.move(name, 'Running');
      sweep.log('sweep1_0', 0.8);
      sweep.log('sweep1_1', 0.7);
      sweep.log('sweep1_2', 0.1);
      await sweep.advance();
      assert.equal(sweep.canceled.length, 0, `${policy.type}: nothing is judged before delay_evaluation`);
      sweep.log('sweep1_0', 0.9);
      sweep.log('sweep1_1', 0.8);
      sweep.log('sweep1_2', 0.2);
      await sweep.advance();
      assert.deepEqual(
        sweep.canceled.map(([n]) => n),
        ['sweep1_2'],
        policy.type,
      );
    }
  });

  it('carries on after a restart exactly as it would have: same trials, same parameters', async () => {
    const document = { trial: TRIAL, sampling_algorithm: 'bayesian', search_space: SPACE, objective: OBJECTIVE, limits: { max_total_trials: 14, max_concurrent_trials: 2 } };
    const score = (p: Record<string, unknown>) => -((Number(p.C) - 1.2) ** 2) + (p.kernel === 'rbf' ? 0.1 : 0);
    const straight = new SweepHarness(document);
    const restarted = new SweepHarness(document);
    for (let round = 0; round < 8; round++) {
      for (const sweep of [straight, restarted]) {
        if (sweep === restarted && round % 2 === 1) sweep.controller = sweep.newController();
        await sweep.advance();
        sweep.completeAll(score);
      }
      // The seed was chosen once (no seed given) and is what makes both alike; copy it across once.
      if (round === 0) {
        restarted.job.controllerState = structuredClone(straight.job.controllerState);
        restarted.children.clear();
        for (const [name, child] of straight.children) restarted.children.set(name, structuredClone(child));
        restarted.metrics.clear();
        for (const [name, values] of straight.metrics) restarted.metrics.set(name, [...values]);
      }
    }
    assert.equal(straight.state.trials.length, 14);
    assert.deepEqual(restarted.state, straight.state);
  });

  it('creates a trial recorded before a crash but never created, with its recorded parameters', async () => {
    const sweep = new SweepHarness({ trial: TRIAL, sampling_algorithm: 'random', search_space: SPACE, objective: OBJECTIVE, limits: { max_total_trials: 2, max_concurrent_trials: 2 } });
    sweep.job.controllerState = { seed: 5, exhausted: false, trials: [{ name: 'sweep1_0', parameters: { C: 1.5, kernel: 'rbf' } }] };
    await sweep.advance();
    assert.equal(sweep.children.get('sweep1_0')?.spec.command, 'python train.py --C 1.5 --kernel rbf');
    assert.equal(sweep.children.size, 2);
  });

  it('keeps the seed it chose, so every later round draws from the same stream', async () => {
    const sweep = new SweepHarness({ trial: TRIAL, sampling_algorithm: 'random', search_space: SPACE, objective: OBJECTIVE, limits: { max_total_trials: 4, max_concurrent_trials: 1 } });
    await sweep.advance();
    const seed = sweep.state.seed;
    assert.ok(Number.isInteger(seed) && seed >= 0);
    sweep.completeAll(() => 1);
    await sweep.advance();
    assert.equal(sweep.state.seed, seed);
    const seeded = new SweepHarness({ trial: TRIAL, sampling_algorithm: { type: 'random', seed: 3 }, search_space: SPACE, objective: OBJECTIVE, limits: { max_total_trials: 4 } });
    const again = new SweepHarness({ trial: TRIAL, sampling_algorithm: { type: 'random', seed: 3 }, search_space: SPACE, objective: OBJECTIVE, limits: { max_total_trials: 4 } });
    await seeded.advance();
    await again.advance();
    assert.deepEqual(
      seeded.state.trials.map((t) => t.parameters),
      again.state.trials.map((t) => t.parameters),
    );
  });

  it('fails when every trial failed, naming the first failure', async () => {
    const sweep = new SweepHarness({ trial: TRIAL, sampling_algorithm: 'random', search_space: SPACE, objective: OBJECTIVE, limits: { max_total_trials: 2 } });
    await sweep.advance();
    for (const name of ['sweep1_0', 'sweep1_1']) {
      sweep.move(name, 'Failed');
      (sweep.children.get(name) as JobRecord).failure = { type: 'UserError', message: 'exit code 1', nonRetryable: false, details: {} };
    }
    const decision = await sweep.advance();
    assert.equal(decision.status, 'Failed');
    assert.match(decision.status === 'Failed' ? decision.failure.message : '', /^every trial failed; sweep1_0: exit code 1$/);
  });

  it('fails with a clear message when no trial logged the primary metric', async () => {
    const sweep = new SweepHarness({ trial: TRIAL, sampling_algorithm: 'random', search_space: SPACE, objective: OBJECTIVE, limits: { max_total_trials: 1 } });
    await sweep.advance();
    sweep.move('sweep1_0', 'Completed');
    const decision = await sweep.advance();
    assert.equal(decision.status, 'Failed');
    assert.match(decision.status === 'Failed' ? decision.failure.message : '', /no trial logged the primary metric 'accuracy'/);
  });

  it('scores a trial by its best value, not its last', async () => {
    const trial = { ...TRIAL, command: 'python train.py --C ${{search_space.C}}' };
    const sweep = new SweepHarness({ trial, sampling_algorithm: 'grid', search_space: { C: { type: 'choice', values: [1, 2] } }, objective: { primary_metric: 'loss', goal: 'minimize' } });
    await sweep.advance();
    sweep.move('sweep1_0', 'Running');
    sweep.log('sweep1_0', 0.5, 0.2, 0.4);
    sweep.move('sweep1_0', 'Completed');
    sweep.move('sweep1_1', 'Running');
    sweep.log('sweep1_1', 0.3);
    sweep.move('sweep1_1', 'Completed');
    assert.deepEqual(await sweep.advance(), { status: 'Completed' });
    assert.equal(sweep.state.best?.trial, 'sweep1_0');
    assert.equal(sweep.state.best?.score, 0.2);
  });

  it('stops a trial at trial_timeout and asks to be woken at the next deadline', async () => {
    const sweep = new SweepHarness({ trial: TRIAL, sampling_algorithm: 'random', search_space: SPACE, objective: OBJECTIVE, limits: { max_total_trials: 1, trial_timeout: 60, timeout: 3600 } });
    await sweep.advance();
    sweep.move('sweep1_0', 'Running');
    const started = sweep.now;
    assert.deepEqual(await sweep.advance(), { status: 'Running', recheckAt: started + 60_000 });
    sweep.now = started + 60_000;
    await sweep.advance();
    assert.equal(sweep.canceled[0]?.[0], 'sweep1_0');
    assert.match(sweep.canceled[0]?.[1] ?? '', /trial_timeout/);
  });

  it('cancels itself at limits.timeout, keeping the best trial so far', async () => {
    const sweep = new SweepHarness({ trial: TRIAL, sampling_algorithm: 'random', search_space: SPACE, objective: OBJECTIVE, limits: { max_total_trials: 3, max_concurrent_trials: 1, timeout: 10 } });
    await sweep.advance();
    sweep.completeAll(() => 0.7);
    await sweep.advance();
    sweep.move('sweep1_1', 'Running');
    sweep.now += 10_000;
    const decision = await sweep.advance();
    assert.equal(decision.status, 'Canceled');
    assert.match(decision.status === 'Canceled' ? decision.reason : '', /limits\.timeout \(10 s\)/);
    assert.equal(sweep.state.best?.trial, 'sweep1_0');
    assert.equal(sweep.children.size, 2, 'no trial is started after the timeout');
  });
});
