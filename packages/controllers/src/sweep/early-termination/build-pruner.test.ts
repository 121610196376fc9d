import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { buildPruner } from './build-pruner.js';
import { parseEarlyTermination } from './parse-early-termination.js';
import { parseRestEarlyTermination } from './parse-rest-early-termination.js';
import { replaySweep } from './replay-sweep.js';

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
});
