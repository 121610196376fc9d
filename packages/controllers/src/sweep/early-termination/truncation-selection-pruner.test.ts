import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { describePruner } from './describe-pruner.js';
import { replaySweep } from './replay-sweep.js';
import type { TrialRecord } from './trial-history.js';
import { TruncationSelectionPruner } from './truncation-selection-pruner.js';

describePruner('TruncationSelectionPruner', (schedule) => new TruncationSelectionPruner({ type: 'truncation_selection', truncationPercentage: 20, excludeFinishedJobs: false, ...schedule }));
describePruner(
  'TruncationSelectionPruner excluding finished jobs',
  (schedule) => new TruncationSelectionPruner({ type: 'truncation_selection', truncationPercentage: 20, excludeFinishedJobs: true, ...schedule }),
);

const truncation = (truncationPercentage: number, options: { excludeFinishedJobs?: boolean; delayEvaluation?: number } = {}): TruncationSelectionPruner =>
  new TruncationSelectionPruner({
    type: 'truncation_selection',
    truncationPercentage,
    excludeFinishedJobs: options.excludeFinishedJobs ?? false,
    evaluationInterval: 1,
    delayEvaluation: options.delayEvaluation ?? 0,
  });
const running = (id: string, metrics: number[]): TrialRecord => ({ id, state: 'running', metrics });
const ids = (pruner: TruncationSelectionPruner, trials: TrialRecord[], goal: 'maximize' | 'minimize' = 'maximize'): string[] => pruner.decide({ goal, trials }).map((d) => d.trialId);

describe('TruncationSelectionPruner', () => {
  it('follows the worked example: the 2 lowest of 10 stop at interval 5, none before', () => {
    // At interval 5 trial ti logs 0.5 + i/20; before, the order is reversed, so an evaluation
    // before the delay would pick other trials.
    const scripts = Object.fromEntries(Array.from({ length: 10 }, (_, i) => [`t${i}`, [0.9 - i / 20, 0.9 - i / 20, 0.9 - i / 20, 0.9 - i / 20, 0.5 + i / 20]]));
    const stops = replaySweep(truncation(20, { delayEvaluation: 5 }), 'maximize', scripts);
    assert.deepEqual(stops, [
      { trialId: 't0', interval: 5, reason: 'truncation_selection: value 0.50 at interval 5 is in the lowest 20% (2 of 10 trials at that interval)' },
      { trialId: 't1', interval: 5, reason: 'truncation_selection: value 0.55 at interval 5 is in the lowest 20% (2 of 10 trials at that interval)' },
    ]);
  });

  it("compares a trial that reaches the interval later with the others' values at that interval", () => {
    // The others logged 0.1..1.0 at interval 2 and 0 since; late's 0.15 is 2nd lowest of 11.
    const others = Array.from({ length: 10 }, (_, i) => running(`t${i}`, [1, (i + 1) / 10, 0, 0]));
    assert.deepEqual(ids(truncation(20), [...others, running('late', [1, 0.15])]), ['late']);
    assert.deepEqual(ids(truncation(20), [...others, running('late', [1, 0.25])]), []);
  });

  it('stops nobody while floor(p · n / 100) is 0', () => {
    const four = [0.1, 0.2, 0.3, 0.4].map((x, i) => running(`t${i}`, [x]));
    assert.deepEqual(ids(truncation(20), four), []);
    assert.deepEqual(ids(truncation(20), [...four, running('t4', [0.5])]), ['t0']);
  });

  it('spares every trial tied across the cut', () => {
    const values = [0.1, 0.2, 0.2, 0.5, 0.6, 0.7, 0.8, 0.9, 0.95, 0.99];
    assert.deepEqual(
      ids(
        truncation(20),
        values.map((x, i) => running(`t${i}`, [x])),
      ),
      ['t0'],
    );
  });

  it('keeps finished trials in the ranking unless exclude_finished_jobs', () => {
    const finished = [0.1, 0.11, 0.12, 0.13, 0.14, 0.15].map((x, i): TrialRecord => ({ id: `f${i}`, state: 'completed', metrics: [x] }));
    const trials = [...finished, ...[0.5, 0.6, 0.7, 0.8].map((x, i) => running(`r${i}`, [x]))];
    assert.deepEqual(ids(truncation(25), trials), []);
    assert.deepEqual(ids(truncation(25, { excludeFinishedJobs: true }), trials), ['r0']);
  });

  it('ranks by the goal when minimizing', () => {
    const values = [0.1, 0.2, 0.3, 0.4, 0.9];
    assert.deepEqual(
      ids(
        truncation(20),
        values.map((x, i) => running(`t${i}`, [x])),
        'minimize',
      ),
      ['t4'],
    );
  });
});
