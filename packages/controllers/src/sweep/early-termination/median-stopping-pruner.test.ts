import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { describePruner } from './describe-pruner.js';
import { MedianStoppingPruner, median } from './median-stopping-pruner.js';
import { replaySweep } from './replay-sweep.js';
import type { TrialRecord } from './trial-history.js';

describePruner('MedianStoppingPruner', (schedule) => new MedianStoppingPruner({ type: 'median_stopping', ...schedule }));

const medianStopping = (evaluationInterval = 1, delayEvaluation = 0): MedianStoppingPruner => new MedianStoppingPruner({ type: 'median_stopping', evaluationInterval, delayEvaluation });
const running = (id: string, metrics: number[]): TrialRecord => ({ id, state: 'running', metrics });

describe('MedianStoppingPruner', () => {
  it('follows the worked example: D stops at interval 5, C continues on its best', () => {
    // Running averages over 1..5: A 0.70, B 0.64, C 0.60, D 0.52 (median 0.62); bests C 0.63, D 0.58.
    const stops = replaySweep(medianStopping(1, 5), 'maximize', {
      A: [0.7, 0.7, 0.7, 0.7, 0.7],
      B: [0.64, 0.64, 0.64, 0.64, 0.64],
      C: [0.57, 0.63, 0.6, 0.6, 0.6],
      D: [0.46, 0.58, 0.52, 0.52, 0.52],
    });
    assert.deepEqual(stops, [
      {
        trialId: 'D',
        interval: 5,
        reason: 'median_stopping: best 0.58 at interval 5 is worse than the median 0.62 of the running averages of 4 trials at that interval',
      },
    ]);
  });

  it('lets a best equal to the median continue', () => {
    const trials = [running('a', [0.7]), running('b', [0.64]), running('c', [0.6]), running('d', [0.62])];
    // Averages 0.70, 0.64, 0.62, 0.60: median 0.63, so only c (0.60) and d (0.62) are worse.
    assert.deepEqual(
      medianStopping()
        .decide({ goal: 'maximize', trials })
        .map((d) => d.trialId),
      ['c', 'd'],
    );
    const tie = [running('a', [0.7]), running('b', [0.64]), running('c', [0.6]), running('d', [0.64, 0.6])];
    assert.deepEqual(
      medianStopping()
        .decide({ goal: 'maximize', trials: tie })
        .map((d) => d.trialId),
      ['c'],
    );
  });

  it('uses every trial that reached the interval, finished or not, and only its first N values', () => {
    const done: TrialRecord = { id: 'done', state: 'completed', metrics: [0.1, 0.1, 0.9, 0.9] };
    const trials = [running('a', [0.5, 0.5]), running('b', [0.45, 0.45]), done];
    // Averages over 1..2: 0.5, 0.45, 0.1 → median 0.45; nobody's best is below it.
    assert.deepEqual(medianStopping().decide({ goal: 'maximize', trials }), []);
    const lowered = [...trials, running('c', [0.2, 0.3])];
    assert.deepEqual(
      medianStopping()
        .decide({ goal: 'maximize', trials: lowered })
        .map((d) => d.trialId),
      ['c'],
    );
  });

  it('mirrors the rule when minimizing', () => {
    const trials = [running('a', [0.3, 0.1]), running('b', [0.4, 0.4]), running('c', [0.5, 0.45])];
    // Averages 0.2, 0.4, 0.475 → median 0.4; c's best 0.45 is worse, b's 0.4 is equal.
    assert.deepEqual(medianStopping().decide({ goal: 'minimize', trials }), [
      {
        trialId: 'c',
        interval: 2,
        reason: 'median_stopping: best 0.45 at interval 2 is worse than the median 0.40 of the running averages of 3 trials at that interval',
      },
    ]);
  });

  it('takes the middle value of an odd count and the mean of the two middle values of an even one', () => {
    assert.equal(median([3, 1, 2]), 2);
    assert.equal(median([4, 1, 3, 2]), 2.5);
    assert.equal(median([5]), 5);
  });
});
