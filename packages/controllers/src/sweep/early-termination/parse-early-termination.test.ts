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
    assertInvalidSpec(() => parseEarlyTermination({ type: 'asha' }), 'early_termination.type: expected one of bandit, median_stopping, truncation_selection', 'early_termination.type');
    assertInvalidSpec(() => parseEarlyTermination({ type: 'constructor' }), 'early_termination.type: expected one of bandit, median_stopping, truncation_selection', 'early_termination.type');
    assertInvalidSpec(
      () => parseEarlyTermination({ type: 'median_stopping', slack_factor: 0.1 }),
      'early_termination.slack_factor: not a field of a median_stopping policy',
      'early_termination.slack_factor',
    );
    assertInvalidSpec(() => parseEarlyTermination({ type: 'bandit', slack_facter: 0.1 }), 'early_termination.slack_facter: not a field of a bandit policy', 'early_termination.slack_facter');
    assertInvalidSpec(() => parseEarlyTermination('bandit', 'jobs.sweep.early_termination'), 'jobs.sweep.early_termination: expected a mapping', 'jobs.sweep.early_termination');
  });
});
