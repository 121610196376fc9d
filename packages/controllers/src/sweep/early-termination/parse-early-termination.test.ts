import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { assertInvalidSpec } from './assert-invalid-spec.js';
import { parseEarlyTermination } from './parse-early-termination.js';

describe('parseEarlyTermination (YAML)', () => {
  it('reads a bandit policy with a slack factor or a slack amount', () => {
    assert.deepEqual(parseEarlyTermination({ type: 'bandit', slack_factor: 0.1, evaluation_interval: 2, delay_evaluation: 5 }), {
      type: 'bandit',
      slack: { factor: 0.1 },
      evaluationInterval: 2,
      delayEvaluation: 5,
    });
    assert.deepEqual(parseEarlyTermination({ type: 'bandit', slack_amount: 0.2 }), { type: 'bandit', slack: { amount: 0.2 }, evaluationInterval: 1, delayEvaluation: 0 });
  });

  it("applies Azure's defaults: interval 1 (0 and null read as 1), delay 0, finished jobs kept", () => {
    assert.deepEqual(parseEarlyTermination({ type: 'median_stopping' }), { type: 'median_stopping', evaluationInterval: 1, delayEvaluation: 0 });
    assert.deepEqual(parseEarlyTermination({ type: 'median_stopping', evaluation_interval: 0, delay_evaluation: null }), {
      type: 'median_stopping',
      evaluationInterval: 1,
      delayEvaluation: 0,
    });
    assert.deepEqual(parseEarlyTermination({ type: 'truncation_selection', truncation_percentage: 20 }), {
      type: 'truncation_selection',
      truncationPercentage: 20,
      excludeFinishedJobs: false,
      evaluationInterval: 1,
      delayEvaluation: 0,
    });
    assert.equal(parseEarlyTermination({ type: 'truncation_selection', truncation_percentage: 20, exclude_finished_jobs: true })?.type, 'truncation_selection');
  });

  it('reads no policy from an absent or null early_termination', () => {
    assert.equal(parseEarlyTermination(undefined), undefined);
    assert.equal(parseEarlyTermination(null), undefined);
  });

  it("accepts the SDK's PascalCase type and a 0 beside the slack in use, as the SDK writes them", () => {
    assert.deepEqual(parseEarlyTermination({ type: 'Bandit', slack_factor: 0.1, slack_amount: 0 })?.type, 'bandit');
    assert.deepEqual(parseEarlyTermination({ type: 'MedianStopping' })?.type, 'median_stopping');
  });

  it('names the field of each error', () => {
    assertInvalidSpec(() => parseEarlyTermination({ type: 'bandit', slack_factor: -1 }), 'early_termination.slack_factor: expected a number > 0', 'early_termination.slack_factor');
    assertInvalidSpec(() => parseEarlyTermination({ type: 'bandit', slack_factor: 0 }), 'early_termination.slack_factor: expected a number > 0', 'early_termination.slack_factor');
    assertInvalidSpec(() => parseEarlyTermination({ type: 'bandit', slack_amount: 'x' }), 'early_termination.slack_amount: expected a number', 'early_termination.slack_amount');
    assertInvalidSpec(
      () => parseEarlyTermination({ type: 'bandit', slack_factor: 0.1, slack_amount: 0.2 }),
      'early_termination: expected exactly one of slack_factor, slack_amount (a number > 0)',
      'early_termination',
    );
    assertInvalidSpec(() => parseEarlyTermination({ type: 'bandit' }), 'early_termination: expected exactly one of slack_factor, slack_amount (a number > 0)', 'early_termination');
    assertInvalidSpec(
      () => parseEarlyTermination({ type: 'median_stopping', evaluation_interval: 1.5 }),
      'early_termination.evaluation_interval: expected an integer >= 0',
      'early_termination.evaluation_interval',
    );
    assertInvalidSpec(
      () => parseEarlyTermination({ type: 'median_stopping', delay_evaluation: -1 }),
      'early_termination.delay_evaluation: expected an integer >= 0',
      'early_termination.delay_evaluation',
    );
    assertInvalidSpec(
      () => parseEarlyTermination({ type: 'truncation_selection', truncation_percentage: 100 }),
      'early_termination.truncation_percentage: expected an integer from 1 to 99',
      'early_termination.truncation_percentage',
    );
    assertInvalidSpec(
      () => parseEarlyTermination({ type: 'truncation_selection' }),
      'early_termination.truncation_percentage: expected an integer from 1 to 99',
      'early_termination.truncation_percentage',
    );
    assertInvalidSpec(
      () => parseEarlyTermination({ type: 'truncation_selection', truncation_percentage: 10, exclude_finished_jobs: 'yes' }),
      'early_termination.exclude_finished_jobs: expected true or false',
      'early_termination.exclude_finished_jobs',
    );
  });

  it('rejects an unknown type, a key the type does not have, and a non-mapping', () => {
    const expected = 'early_termination.type: expected one of bandit, median_stopping, truncation_selection, asha, hyperband, nan';
    assertInvalidSpec(() => parseEarlyTermination({ type: 'ASHA' }), expected, 'early_termination.type');
    assertInvalidSpec(() => parseEarlyTermination({ type: 'constructor' }), expected, 'early_termination.type');
    assertInvalidSpec(
      () => parseEarlyTermination({ type: 'median_stopping', slack_factor: 0.1 }),
      'early_termination.slack_factor: not a field of a median_stopping policy',
      'early_termination.slack_factor',
    );
    assertInvalidSpec(() => parseEarlyTermination({ type: 'bandit', slack_facter: 0.1 }), 'early_termination.slack_facter: not a field of a bandit policy', 'early_termination.slack_facter');
    assertInvalidSpec(() => parseEarlyTermination('bandit', 'jobs.sweep.early_termination'), 'jobs.sweep.early_termination: expected a mapping', 'jobs.sweep.early_termination');
  });

  it('reads asha, hyperband and nan, with reduction_factor 3 by default', () => {
    assert.deepEqual(parseEarlyTermination({ type: 'asha', min_resource: 2 }), { type: 'asha', minResource: 2, reductionFactor: 3 });
    assert.deepEqual(parseEarlyTermination({ type: 'asha', min_resource: 1, reduction_factor: 4, max_resource: 64 }), { type: 'asha', minResource: 1, reductionFactor: 4, maxResource: 64 });
    assert.deepEqual(parseEarlyTermination({ type: 'asha', grace_period: 5 }), { type: 'asha', minResource: 5, reductionFactor: 3 });
    assert.deepEqual(parseEarlyTermination({ type: 'hyperband', min_resource: 1, max_resource: 27 }), { type: 'hyperband', minResource: 1, reductionFactor: 3, maxResource: 27 });
    assert.deepEqual(parseEarlyTermination({ type: 'nan' }), { type: 'nan' });
  });

  it('names the field of each asha, hyperband and nan error', () => {
    const at = (field: string): string => `early_termination.${field}`;
    assertInvalidSpec(() => parseEarlyTermination({ type: 'asha' }), 'early_termination.min_resource: expected an integer >= 1', at('min_resource'));
    assertInvalidSpec(() => parseEarlyTermination({ type: 'asha', min_resource: 0 }), 'early_termination.min_resource: expected an integer >= 1', at('min_resource'));
    assertInvalidSpec(() => parseEarlyTermination({ type: 'asha', min_resource: 1.5 }), 'early_termination.min_resource: expected an integer >= 1', at('min_resource'));
    assertInvalidSpec(() => parseEarlyTermination({ type: 'asha', grace_period: -1 }), 'early_termination.grace_period: expected an integer >= 1', at('grace_period'));
    assertInvalidSpec(() => parseEarlyTermination({ type: 'asha', min_resource: 1, grace_period: 1 }), 'early_termination: expected one of min_resource, grace_period, not both', 'early_termination');
    assertInvalidSpec(() => parseEarlyTermination({ type: 'asha', min_resource: 1, reduction_factor: 1 }), 'early_termination.reduction_factor: expected an integer >= 2', at('reduction_factor'));
    assertInvalidSpec(() => parseEarlyTermination({ type: 'asha', min_resource: 1, reduction_factor: 2.5 }), 'early_termination.reduction_factor: expected an integer >= 2', at('reduction_factor'));
    assertInvalidSpec(() => parseEarlyTermination({ type: 'asha', min_resource: 4, max_resource: 4 }), 'early_termination.max_resource: expected an integer >= 5', at('max_resource'));
    assertInvalidSpec(
      () => parseEarlyTermination({ type: 'asha', min_resource: 1, evaluation_interval: 1 }),
      'early_termination.evaluation_interval: not a field of an asha policy',
      at('evaluation_interval'),
    );
    assertInvalidSpec(() => parseEarlyTermination({ type: 'hyperband', min_resource: 1 }), 'early_termination.max_resource: expected an integer >= 2', at('max_resource'));
    assertInvalidSpec(() => parseEarlyTermination({ type: 'hyperband', min_resource: 3, max_resource: 2 }), 'early_termination.max_resource: expected an integer >= 4', at('max_resource'));
    assertInvalidSpec(() => parseEarlyTermination({ type: 'hyperband', max_resource: 27 }), 'early_termination.min_resource: expected an integer >= 1', at('min_resource'));
    assertInvalidSpec(() => parseEarlyTermination({ type: 'hyperband', grace_period: 1, max_resource: 27 }), 'early_termination.grace_period: not a field of a hyperband policy', at('grace_period'));
    assertInvalidSpec(() => parseEarlyTermination({ type: 'nan', delay_evaluation: 1 }), 'early_termination.delay_evaluation: not a field of a nan policy', at('delay_evaluation'));
  });
});
