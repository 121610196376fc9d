import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isEvaluationPoint, type EvaluationSchedule } from './evaluation-schedule.js';
import type { Pruner } from './pruner.js';
import type { Goal, TrialHistory, TrialRecord, TrialState } from './trial-history.js';

/**
 * The contract every {@link Pruner} keeps, as a test suite: call it from a policy's test file
 * with a factory that builds the policy for a given schedule. The suite's sweeps have twelve
 * steady trials and one far worse, a gap every policy must act on, so each "never" below is
 * checked against a history where the same trial, running, is stopped.
 */
export function describePruner(name: string, build: (schedule: EvaluationSchedule) => Pruner): void {
  const schedule: EvaluationSchedule = { evaluationInterval: 2, delayEvaluation: 3 };
  describePrunerAt(
    name,
    build(schedule),
    range(1, 12).filter((n) => isEvaluationPoint(n, schedule)),
  );
}

/**
 * The same contract for a pruner whose evaluation points are not an {@link EvaluationSchedule},
 * such as the rungs of successive halving: `evaluationPoints` lists, in order, every interval in
 * 1..12 at which it judges a trial. The interval after the first point must not be one, so the
 * suite can check that a trial is judged on its own interval count.
 */
export function describePrunerAt(name: string, pruner: Pruner, evaluationPoints: readonly number[]): void {
  const first = evaluationPoints[0]!;
  const second = evaluationPoints[1] ?? first;

  describe(`${name} keeps the pruner contract`, () => {
    it('is described with usable evaluation points', () => {
      assert.ok(evaluationPoints.length > 0 && !evaluationPoints.includes(first + 1), `evaluation points ${evaluationPoints.join(', ')}`);
    });

    for (const goal of ['maximize', 'minimize'] as const) {
      it(`stops a far worse running trial at an evaluation point (${goal})`, () => {
        assert.deepEqual(stoppedIds(pruner, sweep(goal, first)), ['bad']);
      });
    }

    it('evaluates only at its evaluation points (for a schedule, multiples of evaluation_interval at or after delay_evaluation)', () => {
      const evaluatedAt = range(1, 12).filter((n) => stoppedIds(pruner, sweep('maximize', n)).length > 0);
      assert.deepEqual(evaluatedAt, evaluationPoints);
    });

    for (const state of ['completed', 'failed', 'canceled'] as const) {
      it(`never stops a ${state} trial`, () => {
        assert.deepEqual(stoppedIds(pruner, sweep('maximize', first, { state })), []);
      });
    }

    it('never stops a trial twice', () => {
      assert.deepEqual(stoppedIds(pruner, sweep('maximize', first, { stopRequested: true })), []);
    });

    it("judges a trial on its own interval count, not the others'", () => {
      const history = sweep('maximize', first);
      const ahead = history.trials.map((t) => (t.id === 'bad' ? t : { ...t, metrics: [...t.metrics, 0.9] }));
      assert.deepEqual(stoppedIds(pruner, { goal: 'maximize', trials: ahead }), ['bad']);
      const badAhead = history.trials.map((t) => (t.id === 'bad' ? { ...t, metrics: [...t.metrics, 0.1] } : t));
      assert.deepEqual(stoppedIds(pruner, { goal: 'maximize', trials: badAhead }), []);
    });

    it('decides the same whatever the order of trials, listing decisions in that order', () => {
      const history = sweep('maximize', first, { secondBad: true });
      const once = pruner.decide(history);
      assert.deepEqual(pruner.decide(history), once);
      assert.deepEqual(
        once.map((d) => d.trialId),
        ['bad', 'bad2'],
      );
      const reversed = pruner.decide({ goal: 'maximize', trials: [...history.trials].reverse() });
      assert.deepEqual(reversed, [...once].reverse());
    });

    it('does not stop a single trial, however it does', () => {
      for (let n = 1; n <= 12; n++) {
        const lone: TrialRecord = { id: 'lone', state: 'running', metrics: range(1, n).map((i) => 1 / i) };
        assert.deepEqual(pruner.decide({ goal: 'maximize', trials: [lone] }), [], `interval ${n}`);
      }
    });

    it('gives every stop a reason and the interval it was judged at', () => {
      const [decision] = pruner.decide(sweep('minimize', second));
      assert.equal(decision?.interval, second);
      assert.match(decision?.reason ?? '', new RegExp(`at interval ${second}\\b`));
    });
  });
}

/** Twelve steady trials at 0.9 (0.1 minimizing) and a running `bad` at 0.1 (0.9), n intervals each. */
function sweep(goal: Goal, n: number, options: { state?: TrialState; stopRequested?: boolean; secondBad?: boolean } = {}): TrialHistory {
  const [good, poor] = goal === 'maximize' ? [0.9, 0.1] : [0.1, 0.9];
  const trials: TrialRecord[] = range(1, 12).map((i) => ({ id: `good${i}`, state: 'running', metrics: Array<number>(n).fill(good) }));
  trials.splice(5, 0, { id: 'bad', state: options.state ?? 'running', metrics: Array<number>(n).fill(poor), stopRequested: options.stopRequested ?? false });
  if (options.secondBad === true) trials.push({ id: 'bad2', state: 'running', metrics: Array<number>(n).fill(poor * 1.01) });
  return { goal, trials };
}

function stoppedIds(pruner: Pruner, history: TrialHistory): string[] {
  return pruner.decide(history).map((decision) => decision.trialId);
}

function range(from: number, to: number): number[] {
  return Array.from({ length: to - from + 1 }, (_, i) => from + i);
}
