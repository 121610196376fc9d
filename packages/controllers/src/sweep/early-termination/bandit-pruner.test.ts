import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { BanditPruner } from './bandit-pruner.js';
import { describePruner } from './describe-pruner.js';
import type { BanditPolicy } from './early-termination-policy.js';
import { replaySweep } from './replay-sweep.js';
import type { TrialRecord } from './trial-history.js';

describePruner('BanditPruner', (schedule) => new BanditPruner({ type: 'bandit', slack: { factor: 0.1 }, ...schedule }));
describePruner('BanditPruner with slack_amount', (schedule) => new BanditPruner({ type: 'bandit', slack: { amount: 0.05 }, ...schedule }));

const bandit = (slack: BanditPolicy['slack'], evaluationInterval = 1, delayEvaluation = 0): BanditPruner => new BanditPruner({ type: 'bandit', slack, evaluationInterval, delayEvaluation });
const running = (id: string, metrics: number[]): TrialRecord => ({ id, state: 'running', metrics });

// The worked example: leader A reaches 0.80 at interval 5 and 0.82 at 6; B's best of five is
// 0.72, C's 0.75. B and C trail far behind before interval 5, when no evaluation happens.
const workedExample = {
  A: [0.5, 0.6, 0.7, 0.78, 0.8, 0.82, 0.83],
  B: [0.1, 0.2, 0.3, 0.4, 0.72, 0.9, 0.9],
  C: [0.1, 0.2, 0.3, 0.75, 0.74, 0.74, 0.9],
};

describe('BanditPruner', () => {
  it('follows the worked example with slack_factor 0.1 and delay_evaluation 5', () => {
    const stops = replaySweep(bandit({ factor: 0.1 }, 1, 5), 'maximize', workedExample);
    assert.deepEqual(stops, [{ trialId: 'B', interval: 5, reason: 'bandit: best 0.72 at interval 5 is worse than 0.80 / (1 + 0.1) of the best trial' }]);
  });

  it('follows the worked example with slack_amount 0.05: 0.75 is not less than 0.80 - 0.05', () => {
    const stops = replaySweep(bandit({ amount: 0.05 }, 1, 5), 'maximize', workedExample);
    assert.deepEqual(
      stops.map((s) => [s.trialId, s.interval, s.reason]),
      [
        ['B', 5, 'bandit: best 0.72 at interval 5 is worse than 0.80 - 0.05 of the best trial'],
        // At 6 the leader's 0.82 raises the bar to 0.77, above C's 0.75.
        ['C', 6, 'bandit: best 0.75 at interval 6 is worse than 0.82 - 0.05 of the best trial'],
      ],
    );
  });

  it("matches the docs' numbers: 0.8 / (1 + 0.2) and 0.8 - 0.2, equal values continuing", () => {
    const trials = [running('lead', [0.8]), running('low', [0.66]), running('edge', [0.6]), running('ok', [0.67])];
    assert.deepEqual(
      bandit({ factor: 0.2 })
        .decide({ goal: 'maximize', trials })
        .map((d) => d.trialId),
      ['low', 'edge'],
    );
    assert.deepEqual(
      bandit({ amount: 0.2 })
        .decide({ goal: 'maximize', trials: [...trials, running('below', [0.59])] })
        .map((d) => d.trialId),
      ['below'],
    );
  });

  it("compares against the leader's best so far, not its latest value", () => {
    const trials = [running('lead', [0.6, 0.9, 0.7]), running('t', [0.7, 0.75, 0.8])];
    const [stop] = bandit({ factor: 0.1 }).decide({ goal: 'maximize', trials });
    assert.equal(stop?.reason, 'bandit: best 0.80 at interval 3 is worse than 0.90 / (1 + 0.1) of the best trial');
  });

  it('leaves out of the lead a trial that has not reached the interval, and counts finished ones', () => {
    const young = running('young', [0.99]);
    const trials = [young, running('a', [0.52, 0.52]), running('b', [0.55, 0.56])];
    assert.deepEqual(
      bandit({ factor: 0.1 })
        .decide({ goal: 'maximize', trials })
        .map((d) => d.trialId),
      [],
    );
    const done: TrialRecord = { id: 'done', state: 'completed', metrics: [0.9, 0.9] };
    assert.deepEqual(
      bandit({ factor: 0.1 })
        .decide({ goal: 'maximize', trials: [...trials, done] })
        .map((d) => d.trialId),
      ['a', 'b'],
    );
  });

  it('mirrors the rule when minimizing', () => {
    const trials = [running('lead', [0.2]), running('worse', [0.25]), running('edge', [0.22])];
    assert.deepEqual(bandit({ factor: 0.1 }).decide({ goal: 'minimize', trials }), [
      { trialId: 'worse', interval: 1, reason: 'bandit: best 0.25 at interval 1 is worse than 0.20 * (1 + 0.1) of the best trial' },
    ]);
    assert.deepEqual(bandit({ amount: 0.02 }).decide({ goal: 'minimize', trials }), [
      { trialId: 'worse', interval: 1, reason: 'bandit: best 0.25 at interval 1 is worse than 0.20 + 0.02 of the best trial' },
    ]);
  });

  it('never stops the leader when a slack factor meets values at or below zero', () => {
    const trials = [running('lead', [-1]), running('near', [-1.05]), running('far', [-1.2])];
    assert.deepEqual(bandit({ factor: 0.1 }).decide({ goal: 'maximize', trials }), [
      { trialId: 'far', interval: 1, reason: 'bandit: best -1.20 at interval 1 is worse than -1.091 (slack factor 0.1 from -1.00) of the best trial' },
    ]);
    const minimizing = [running('lead', [-2]), running('near', [-1.9]), running('far', [-1.7])];
    assert.deepEqual(
      bandit({ factor: 0.1 })
        .decide({ goal: 'minimize', trials: minimizing })
        .map((d) => d.trialId),
      ['far'],
    );
  });

  it('skips values that are not finite and does not judge a trial with none', () => {
    const trials = [running('lead', [0.9, Number.NaN]), running('nan', [Number.NaN, Number.NaN]), running('low', [0.1, Infinity])];
    assert.deepEqual(
      bandit({ factor: 0.1 })
        .decide({ goal: 'maximize', trials })
        .map((d) => [d.trialId, d.reason]),
      [['low', 'bandit: best 0.10 at interval 2 is worse than 0.90 / (1 + 0.1) of the best trial']],
    );
  });
});
