import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { BanditPruner } from './bandit-pruner.js';
import { combinePruners } from './combine-pruners.js';
import { describePruner } from './describe-pruner.js';
import { MedianStoppingPruner } from './median-stopping-pruner.js';
import type { Pruner } from './pruner.js';
import type { TrialRecord } from './trial-history.js';

describePruner('combinePruners', (schedule) =>
  combinePruners(new BanditPruner({ type: 'bandit', slack: { factor: 0.1 }, ...schedule }), new MedianStoppingPruner({ type: 'median_stopping', ...schedule })),
);

const running = (id: string, metrics: number[]): TrialRecord => ({ id, state: 'running', metrics });
/** A stand-in for a NaN rule: stops every running trial whose latest value is not finite. */
const nanRule: Pruner = {
  decide: ({ trials }) =>
    trials
      .filter((t) => t.state === 'running' && t.stopRequested !== true && !Number.isFinite(t.metrics.at(-1)))
      .map((t) => ({ trialId: t.id, interval: t.metrics.length, reason: 'nan: the latest value is not a number' })),
};

describe('combinePruners', () => {
  it('stops a trial once, with the first reason, in the order of the trials', () => {
    const bandit = new BanditPruner({ type: 'bandit', slack: { amount: 0.1 }, evaluationInterval: 1, delayEvaluation: 0 });
    const trials = [running('low', [0.1, Number.NaN]), running('lead', [0.9, 0.9]), running('nan', [0.9, Number.NaN])];
    assert.deepEqual(
      combinePruners(bandit, nanRule)
        .decide({ goal: 'maximize', trials })
        .map((d) => [d.trialId, d.reason]),
      [
        ['low', 'bandit: best 0.10 at interval 2 is worse than 0.90 - 0.1 of the best trial'],
        ['nan', 'nan: the latest value is not a number'],
      ],
    );
    assert.equal(combinePruners(nanRule, bandit).decide({ goal: 'maximize', trials })[0]?.reason, 'nan: the latest value is not a number');
  });
});
