import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { assertInvalidSpec } from './assert-invalid-spec.js';
import { parseRestEarlyTermination } from './parse-rest-early-termination.js';

describe('parseRestEarlyTermination (the SDK REST form)', () => {
  it('reads what azure-ai-ml PUTs for BanditPolicy(slack_factor=0.1), both slacks sent', () => {
    const body = { policyType: 'Bandit', slackFactor: 0.1, slackAmount: 0, evaluationInterval: 0, delayEvaluation: 0 };
    assert.deepEqual(parseRestEarlyTermination(body), { type: 'bandit', slack: { factor: 0.1 }, evaluationInterval: 1, delayEvaluation: 0 });
    const amount = { policyType: 'Bandit', slackFactor: 0, slackAmount: 0.2, evaluationInterval: 2, delayEvaluation: 6 };
    assert.deepEqual(parseRestEarlyTermination(amount), { type: 'bandit', slack: { amount: 0.2 }, evaluationInterval: 2, delayEvaluation: 6 });
  });

  it('reads MedianStopping and TruncationSelection, policyType in any case, unknown keys ignored', () => {
    assert.deepEqual(parseRestEarlyTermination({ policyType: 'MedianStopping', evaluationInterval: 1, delayEvaluation: 5, futureField: 1 }), {
      type: 'median_stopping',
      evaluationInterval: 1,
      delayEvaluation: 5,
    });
    assert.deepEqual(parseRestEarlyTermination({ policyType: 'truncationselection', truncationPercentage: 20, evaluationInterval: 0, delayEvaluation: 0 }), {
      type: 'truncation_selection',
      truncationPercentage: 20,
      excludeFinishedJobs: false,
      evaluationInterval: 1,
      delayEvaluation: 0,
    });
    assert.equal(parseRestEarlyTermination(null), undefined);
  });

  it('names the REST field of each error', () => {
    assertInvalidSpec(() => parseRestEarlyTermination({ policyType: 'Bandit', slackFactor: 0, slackAmount: 0 }), 'earlyTermination.slackFactor: expected a number > 0', 'earlyTermination.slackFactor');
    assertInvalidSpec(
      () => parseRestEarlyTermination({ policyType: 'Bandit', slackFactor: 0.1, slackAmount: 0.2 }),
      'earlyTermination: expected exactly one of slackFactor, slackAmount (a number > 0)',
      'earlyTermination',
    );
    assertInvalidSpec(
      () => parseRestEarlyTermination({ policyType: 'TruncationSelection', truncationPercentage: 0 }, 'properties.earlyTermination'),
      'properties.earlyTermination.truncationPercentage: expected an integer from 1 to 99',
      'properties.earlyTermination.truncationPercentage',
    );
    assertInvalidSpec(
      () => parseRestEarlyTermination({ policyType: 'Hyperband' }),
      'earlyTermination.policyType: expected one of Bandit, MedianStopping, TruncationSelection (Hyperband has no REST form: submit it as YAML early_termination)',
      'earlyTermination.policyType',
    );
    assertInvalidSpec(
      () => parseRestEarlyTermination({ policyType: 'asha', minResource: 1 }),
      'earlyTermination.policyType: expected one of Bandit, MedianStopping, TruncationSelection (asha has no REST form: submit it as YAML early_termination)',
      'earlyTermination.policyType',
    );
    assertInvalidSpec(
      () => parseRestEarlyTermination({ policyType: 'Nope' }),
      'earlyTermination.policyType: expected one of Bandit, MedianStopping, TruncationSelection',
      'earlyTermination.policyType',
    );
    assertInvalidSpec(() => parseRestEarlyTermination({ slackFactor: 0.1 }), 'earlyTermination.policyType: expected one of Bandit, MedianStopping, TruncationSelection', 'earlyTermination.policyType');
    assertInvalidSpec(
      () => parseRestEarlyTermination({ policyType: 'MedianStopping', evaluationInterval: '1' }),
      'earlyTermination.evaluationInterval: expected an integer >= 0',
      'earlyTermination.evaluationInterval',
    );
  });
});
