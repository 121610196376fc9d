import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { averageUpTo, bestUpTo, formatMetric, isWorseThanThreshold } from './metric-series.js';
import type { TrialRecord } from './trial-history.js';

describe('metric series', () => {
  const trial: TrialRecord = { id: 't', state: 'running', metrics: [0.4, Number.NaN, 0.2, 0.9] };

  it('takes the best and the average of the first N finite values', () => {
    assert.equal(bestUpTo(trial, 3, 'maximize'), 0.4);
    assert.equal(bestUpTo(trial, 3, 'minimize'), 0.2);
    assert.equal(averageUpTo(trial, 3), (0.4 + 0.2) / 2);
    assert.equal(bestUpTo({ ...trial, metrics: [Number.NaN] }, 1, 'maximize'), undefined);
  });

  it('treats a value within rounding of a threshold as equal, and anything beyond as worse', () => {
    assert.equal(isWorseThanThreshold(0.6, 0.8 - 0.2, 'maximize'), false);
    assert.equal(isWorseThanThreshold(0.5999, 0.6, 'maximize'), true);
    assert.equal(isWorseThanThreshold(0.22, 0.2 * 1.1, 'minimize'), false);
    assert.equal(isWorseThanThreshold(0.2201, 0.22, 'minimize'), true);
  });
});

describe('formatMetric', () => {
  it('prints four significant digits with at least two decimals', () => {
    assert.deepEqual([0.8, 0.72, 0.8 / 1.1, 5, -1.2, 123.45678, 1e-7].map(formatMetric), ['0.80', '0.72', '0.7273', '5.00', '-1.20', '123.50', '1.000e-7']);
  });
});
