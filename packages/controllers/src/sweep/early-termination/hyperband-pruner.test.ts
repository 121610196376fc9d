import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { describePrunerAt } from './describe-pruner.js';
import { HyperbandBrackets } from './hyperband-brackets.js';
import { HyperbandPruner } from './hyperband-pruner.js';
import type { TrialRecord } from './trial-history.js';

// max < min·η gives one bracket, so the suite's trials all compete: a rung at 2 only.
describePrunerAt('HyperbandPruner', new HyperbandPruner({ type: 'hyperband', minResource: 2, reductionFactor: 2, maxResource: 3 }), [2]);

const policy = { type: 'hyperband', minResource: 1, reductionFactor: 3, maxResource: 27 } as const;
// Brackets of these ids under `policy`, from Python's zlib.crc32(id) % 49 walked over the
// weights 27, 12, 6, 4: an independent computation of the same assignment.
const BRACKET_OF: Record<string, number> = { t1: 0, t2: 0, t4: 0, t9: 1, t12: 1, t17: 1, t0: 2, t3: 2, t13: 2, t6: 3, t10: 3, t16: 3 };
const running = (id: string, metrics: number[]): TrialRecord => ({ id, state: 'running', metrics });
const decide = (trials: TrialRecord[]): [string, number, string][] => new HyperbandPruner(policy).decide({ goal: 'maximize', trials }).map((d) => [d.trialId, d.interval, d.reason]);

describe('HyperbandPruner', () => {
  it("lays out Optuna's brackets: floor(log_3(27 / 1)) + 1 = 4, weighted 27, 12, 6, 4", () => {
    const brackets = new HyperbandBrackets(policy);
    // Three brackets below 26: ceil(3·9/3), ceil(3·3/2), ceil(3·1/1).
    assert.deepEqual(brackets.weights, [27, 12, 6, 4]);
    assert.deepEqual(new HyperbandBrackets({ ...policy, maxResource: 26 }).weights, [9, 5, 3]);
    for (const [id, bracket] of Object.entries(BRACKET_OF)) assert.equal(brackets.bracketOf(id), bracket, id);
  });

  it("assigns an id `<study>_<number>` the bracket Optuna's HyperbandPruner gives that trial", () => {
    // Optuna 5.0.0, HyperbandPruner(min_resource=1, max_resource=27, reduction_factor=3), a study
    // named 'h': trials 0..11 fell in these brackets.
    const optuna = [0, 0, 0, 0, 3, 1, 0, 1, 1, 1, 0, 0];
    const brackets = new HyperbandBrackets(policy);
    assert.deepEqual(
      optuna.map((_, i) => brackets.bracketOf(`h_${i}`)),
      optuna,
    );
  });

  it("judges a trial at its own bracket's rungs, against its bracket only", () => {
    // Interval 1 is rung 1 of bracket 0 only: t1, t2, t4 log 0.1, 0.2, 0.3, so the top third of 3 is
    // 0.3; t9 (bracket 1) and t6 (bracket 3) are not judged, and t9's 0.9 is no rival of theirs.
    assert.deepEqual(decide([running('t1', [0.1]), running('t2', [0.2]), running('t4', [0.3]), running('t9', [0.9]), running('t6', [0.05])]), [
      ['t1', 1, 'hyperband: 0.10 at interval 1 (bracket 1 of 4, rung 1) is not in the top 1/3 of 3 trials of its bracket at that rung (cut 0.30)'],
      ['t2', 1, 'hyperband: 0.20 at interval 1 (bracket 1 of 4, rung 1) is not in the top 1/3 of 3 trials of its bracket at that rung (cut 0.30)'],
    ]);
    // Interval 3: bracket 1's first rung; t4 (bracket 0, rung 2) is alone there and continues.
    const at3 = (id: string, value: number): TrialRecord => running(id, [0.9, 0.9, value]);
    assert.deepEqual(decide([at3('t9', 0.5), at3('t12', 0.6), at3('t17', 0.4), at3('t4', 0.01)]), [
      ['t9', 3, 'hyperband: 0.50 at interval 3 (bracket 2 of 4, rung 2) is not in the top 1/3 of 3 trials of its bracket at that rung (cut 0.60)'],
      ['t17', 3, 'hyperband: 0.40 at interval 3 (bracket 2 of 4, rung 2) is not in the top 1/3 of 3 trials of its bracket at that rung (cut 0.60)'],
    ]);
    // Interval 9: bracket 2's first rung.
    const at9 = (id: string, value: number): TrialRecord => running(id, [...Array<number>(8).fill(0.9), value]);
    assert.deepEqual(
      decide([at9('t0', 0.3), at9('t3', 0.2), at9('t13', 0.1)]).map(([id, n]) => [id, n]),
      [
        ['t3', 9],
        ['t13', 9],
      ],
    );
  });

  it('never stops a trial of the last bracket, whose first rung is max_resource', () => {
    for (let n = 1; n <= 30; n++) {
      const trials = [running('t6', Array<number>(n).fill(0)), running('t10', Array<number>(n).fill(0.9)), running('t16', Array<number>(n).fill(0.9))];
      assert.deepEqual(decide(trials), [], `interval ${n}`);
    }
  });
});
