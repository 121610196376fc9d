import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { buildPruner } from './build-pruner.js';
import { describePruner, describePrunerAt } from './describe-pruner.js';
import { parseEarlyTermination } from './parse-early-termination.js';
import { parseRestEarlyTermination } from './parse-rest-early-termination.js';
import { replaySweep } from './replay-sweep.js';
import type { TrialRecord } from './trial-history.js';

// Every built pruner carries the NaN rule; with it, each policy still keeps the contract.
describePruner('buildPruner(bandit)', (schedule) => buildPruner({ type: 'bandit', slack: { amount: 0.2 }, ...schedule }));
describePruner('buildPruner(median_stopping)', (schedule) => buildPruner({ type: 'median_stopping', ...schedule }));
describePrunerAt('buildPruner(asha)', buildPruner({ type: 'asha', minResource: 2, reductionFactor: 2 }), [2, 4, 8]);

const scripts = {
  A: [0.5, 0.6, 0.7, 0.78, 0.8],
  B: [0.1, 0.2, 0.3, 0.4, 0.72],
  C: [0.1, 0.2, 0.3, 0.75, 0.74],
  D: [0.1, 0.2, 0.3, 0.4, 0.35],
  E: [0.6, 0.6, 0.6, 0.6, 0.85],
};

describe('buildPruner', () => {
  it('runs the policy a YAML spec and the equivalent REST body describe, with the same stops', () => {
    const fromYaml = parseEarlyTermination({ type: 'bandit', slack_factor: 0.1, evaluation_interval: 1, delay_evaluation: 5 });
    const fromRest = parseRestEarlyTermination({ policyType: 'Bandit', slackFactor: 0.1, slackAmount: 0, evaluationInterval: 1, delayEvaluation: 5 });
    assert.ok(fromYaml !== undefined && fromRest !== undefined);
    const stops = replaySweep(buildPruner(fromYaml), 'maximize', scripts);
    assert.deepEqual(
      stops.map((s) => [s.trialId, s.interval]),
      [
        ['B', 5],
        ['C', 5],
        ['D', 5],
      ],
    );
    assert.deepEqual(replaySweep(buildPruner(fromRest), 'maximize', scripts), stops);
  });

  it('builds each policy type', () => {
    const median = parseEarlyTermination({ type: 'median_stopping', delay_evaluation: 5 });
    const truncation = parseEarlyTermination({ type: 'truncation_selection', truncation_percentage: 40, delay_evaluation: 5 });
    assert.ok(median !== undefined && truncation !== undefined);
    // Averages over 1..5: A 0.676, B 0.344, C 0.418, D 0.27, E 0.65 → median 0.418; D's best is 0.4.
    assert.deepEqual(
      replaySweep(buildPruner(median), 'maximize', scripts).map((s) => s.trialId),
      ['D'],
    );
    // Interval-5 values: D 0.35 and B 0.72 are the lowest 2 of 5.
    assert.deepEqual(
      replaySweep(buildPruner(truncation), 'maximize', scripts).map((s) => s.trialId),
      ['B', 'D'],
    );
  });

  it('adds the NaN rule to every sweep, with no policy, with type nan, and before any policy', () => {
    const trials: TrialRecord[] = [
      { id: 'low', state: 'running', metrics: [0.1, 0.1] },
      { id: 'lead', state: 'running', metrics: [0.9, 0.9] },
      { id: 'diverged', state: 'running', metrics: [0.1, Number.NaN] },
    ];
    const stopped = (policy: Parameters<typeof buildPruner>[0]): string[] =>
      buildPruner(policy)
        .decide({ goal: 'maximize', trials })
        .map((d) => `${d.trialId}: ${d.reason}`);
    assert.deepEqual(stopped(undefined), ['diverged: nan: the primary metric is NaN at interval 2']);
    assert.deepEqual(stopped(parseEarlyTermination({ type: 'nan' })), ['diverged: nan: the primary metric is NaN at interval 2']);
    // Bandit would stop diverged too (its best, 0.1, is below 0.9 - 0.2); the NaN reason wins.
    assert.deepEqual(stopped(parseEarlyTermination({ type: 'bandit', slack_amount: 0.2 })), [
      'low: bandit: best 0.10 at interval 2 is worse than 0.90 - 0.2 of the best trial',
      'diverged: nan: the primary metric is NaN at interval 2',
    ]);
  });

  it('runs asha and hyperband from their YAML', () => {
    const asha = parseEarlyTermination({ type: 'asha', min_resource: 1, max_resource: 5 });
    assert.ok(asha !== undefined);
    // Interval 1: A..E log 0.5, 0.1, 0.1, 0.1, 0.6; floor(5 / 3) = 1, so only E, the best,
    // continues. Rung 2 (interval 3): E alone. No rung at 5, max_resource.
    assert.deepEqual(
      replaySweep(buildPruner(asha), 'maximize', scripts).map((s) => [s.trialId, s.interval]),
      [
        ['A', 1],
        ['B', 1],
        ['C', 1],
        ['D', 1],
      ],
    );
    // One bracket (max < min·η): the same rungs below 3, so the same stops at interval 1.
    const hyperband = parseEarlyTermination({ type: 'hyperband', min_resource: 1, max_resource: 2 });
    assert.ok(hyperband !== undefined);
    assert.deepEqual(
      replaySweep(buildPruner(hyperband), 'maximize', scripts).map((s) => s.trialId),
      ['A', 'B', 'C', 'D'],
    );
  });
});
