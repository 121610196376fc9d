import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { AshaPruner } from './asha-pruner.js';
import { describePrunerAt } from './describe-pruner.js';
import { replaySequentialSweep } from './replay-sequential-sweep.js';
import { replaySweep } from './replay-sweep.js';
import type { TrialRecord } from './trial-history.js';

// Rungs at 2, 4 and 8 intervals (16 is past the suite's twelve intervals).
describePrunerAt('AshaPruner', new AshaPruner({ type: 'asha', minResource: 2, reductionFactor: 2, maxResource: 16 }), [2, 4, 8]);

const asha = (maxResource?: number): AshaPruner =>
  new AshaPruner(maxResource === undefined ? { type: 'asha', minResource: 1, reductionFactor: 3 } : { type: 'asha', minResource: 1, reductionFactor: 3, maxResource });
const stops = (decisions: { trialId: string; interval: number }[]): [string, number][] => decisions.map((d) => [d.trialId, d.interval]);

describe('AshaPruner', () => {
  it('keeps the top third of 9 trials at rung 1, then the best of those 3 at rung 2', () => {
    // Interval 1: t1..t9 log 0.1..0.9, so the cut is the 3rd best, 0.7. Interval 3: t7, t8, t9
    // log 0.9, 0.5, 0.6; floor(3 / 3) = 1, so only t7 continues. Rung 3 (interval 9): t7 alone.
    const scripts = Object.fromEntries(Array.from({ length: 9 }, (_, i) => [`t${i + 1}`, [(i + 1) / 10, 0.5, [0.9, 0.5, 0.6][i - 6] ?? 0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.1, 0.1]]));
    const decisions = replaySweep(asha(27), 'maximize', scripts);
    assert.deepEqual(stops(decisions), [
      ['t1', 1],
      ['t2', 1],
      ['t3', 1],
      ['t4', 1],
      ['t5', 1],
      ['t6', 1],
      ['t8', 3],
      ['t9', 3],
    ]);
    assert.equal(decisions[5]?.reason, 'asha: 0.60 at interval 1 (rung 1) is not in the top 1/3 of 9 trials at that rung (cut 0.70)');
    assert.equal(decisions[6]?.reason, 'asha: 0.50 at interval 3 (rung 2) is not in the top 1/3 of 3 trials at that rung (cut 0.90)');
  });

  it('decides when a trial reaches a rung, with only the values recorded there so far', () => {
    // One trial at a time. Rung 1: A alone passes; B (0.4) is not the best of {0.5, 0.4}, though
    // arriving later it would have passed; with 4 and 5 values the top third is the best (0.7), so
    // D and E stop; F ties the cut of 6, the 2nd best 0.68, and continues. Optuna 5.0.0's
    // SuccessiveHalvingPruner(min_resource=1, reduction_factor=3), fed these trials one at a
    // time, prunes the same trials at the same steps.
    // Rung 2 (interval 3): C's 0.5 is below A's 0.6; F's 0.9 beats A's 0.6 and C's 0.5.
    const scripts = {
      A: [0.5, 0.5, 0.6, 0.6],
      B: [0.4, 0.9, 0.9, 0.9],
      C: [0.7, 0.7, 0.5, 0.5],
      D: [0.45, 0.9, 0.9, 0.9],
      E: [0.65, 0.9, 0.9, 0.9],
      F: [0.68, 0.68, 0.9, 0.9],
    };
    const decisions = replaySequentialSweep(asha(9), 'maximize', scripts);
    assert.deepEqual(stops(decisions), [
      ['B', 1],
      ['C', 3],
      ['D', 1],
      ['E', 1],
    ]);
    assert.deepEqual(
      decisions.map((d) => d.reason),
      [
        'asha: 0.40 at interval 1 (rung 1) is not the best of 2 trials at that rung (best 0.50)',
        'asha: 0.50 at interval 3 (rung 2) is not the best of 2 trials at that rung (best 0.60)',
        'asha: 0.45 at interval 1 (rung 1) is not in the top 1/3 of 4 trials at that rung (cut 0.70)',
        'asha: 0.65 at interval 1 (rung 1) is not in the top 1/3 of 5 trials at that rung (cut 0.70)',
      ],
    );
  });

  it("compares the values logged at the rung's interval, whatever the trials logged later", () => {
    // Seven trials reached interval 9; floor(7 / 3) = 2, so the cut is the 2nd best, 0.70 (late
    // logged 0.99 after interval 9, which does not count).
    const at9 = (id: string, value: number, state: TrialRecord['state'] = 'completed', after: number[] = []): TrialRecord => ({
      id,
      state,
      metrics: [...Array<number>(8).fill(0.1), value, ...after],
    });
    const trials = [at9('a', 0.8), at9('late', 0.7, 'running', [0.99, 0.99]), at9('c', 0.65), at9('d', 0.5), at9('e', 0.4), at9('f', 0.3), at9('judged', 0.61, 'running')];
    assert.deepEqual(asha().decide({ goal: 'maximize', trials }), [
      { trialId: 'judged', interval: 9, reason: 'asha: 0.61 at interval 9 (rung 3) is not in the top 1/3 of 7 trials at that rung (cut 0.70)' },
    ]);
  });

  it('ranks by the goal when minimizing', () => {
    const trials = [0.2, 0.1, 0.3].map((x, i): TrialRecord => ({ id: `t${i}`, state: 'running', metrics: [x] }));
    assert.deepEqual(
      asha()
        .decide({ goal: 'minimize', trials })
        .map((d) => d.trialId),
      ['t0', 't2'],
    );
  });

  it('judges only at rungs below max_resource', () => {
    const judgedAt = (pruner: AshaPruner): number[] =>
      Array.from({ length: 30 }, (_, i) => i + 1).filter((n) => {
        const trials: TrialRecord[] = [
          { id: 'good', state: 'completed', metrics: Array<number>(n).fill(0.9) },
          { id: 'bad', state: 'running', metrics: Array<number>(n).fill(0.1) },
        ];
        return pruner.decide({ goal: 'maximize', trials }).length > 0;
      });
    assert.deepEqual(judgedAt(asha()), [1, 3, 9, 27]);
    assert.deepEqual(judgedAt(asha(27)), [1, 3, 9]);
    assert.deepEqual(judgedAt(asha(28)), [1, 3, 9, 27]);
  });

  it('neither records nor judges a value that is not finite', () => {
    // The finite values at rung 1 are 0.5 and 0.9; NaN and Infinity are left to the NaN rule.
    const trials = [Number.NaN, 0.5, 0.9, Number.POSITIVE_INFINITY].map((x, i): TrialRecord => ({ id: `t${i}`, state: 'running', metrics: [x] }));
    assert.deepEqual(asha().decide({ goal: 'maximize', trials }), [{ trialId: 't1', interval: 1, reason: 'asha: 0.50 at interval 1 (rung 1) is not the best of 2 trials at that rung (best 0.90)' }]);
  });
});
