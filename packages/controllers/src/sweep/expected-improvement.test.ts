import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { logExpectedImprovement } from './expected-improvement.js';
import { normalCdf } from './truncated-normal.js';

describe('logExpectedImprovement', () => {
  it('is zero EI where the sd is 0 and the mean is worse than the best', () => {
    assert.equal(logExpectedImprovement(1.2, 0, 1, 0.01), -Infinity);
    assert.equal(Math.exp(logExpectedImprovement(1.2, 1e-300, 1, 0.01)), 0);
  });

  it('is the plain improvement where the sd is 0 and the mean is better', () => {
    assert.ok(Math.abs(Math.exp(logExpectedImprovement(0.5, 0, 1, 0.01)) - 0.49) < 1e-12);
  });

  it('matches (best − xi − mean)·Φ(z) + sd·φ(z)', () => {
    for (const [mean, sd] of [
      [0, 1],
      [0.7, 0.3],
      [-1, 2],
      [2, 0.5],
    ] as const) {
      const gain = 0.5 - 0.01 - mean;
      const z = gain / sd;
      const expected = gain * normalCdf(z) + (sd * Math.exp(-0.5 * z * z)) / Math.sqrt(2 * Math.PI);
      assert.ok(Math.abs(Math.exp(logExpectedImprovement(mean, sd, 0.5, 0.01)) / expected - 1) < 1e-6, `${mean} ${sd}`);
    }
  });

  it('keeps ranking candidates far in the tail, where EI underflows, and joins its series smoothly', () => {
    const far = logExpectedImprovement(50, 1, 0, 0);
    const farther = logExpectedImprovement(60, 1, 0, 0);
    assert.ok(Number.isFinite(far) && far > farther);
    assert.ok(Math.abs(logExpectedImprovement(5.999999, 1, 0, 0) - logExpectedImprovement(6.000001, 1, 0, 0)) < 1e-3);
  });
});
