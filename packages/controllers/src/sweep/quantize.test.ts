import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { quantize, roundHalfEven } from './quantize.js';

describe('quantize', () => {
  it('rounds halves to the even neighbour, as Python does', () => {
    assert.deepEqual([0.5, 1.5, 2.5, -0.5, -1.5, 2.4999, 2.5001].map(roundHalfEven), [0, 2, 2, 0, -2, 2, 3]);
  });

  it('is round(x / q) · q, whole for a whole q and tidy for a decimal one', () => {
    assert.equal(quantize(7.4, 2), 8);
    assert.equal(quantize(5, 2), 4);
    assert.equal(quantize(7, 2), 8);
    assert.equal(quantize(0.29, 0.1), 0.3);
    assert.equal(quantize(1.26, 0.05), 1.25);
    assert.equal(quantize(3.3e-7, 1e-7), 3e-7);
    assert.ok(Number.isInteger(quantize(12.9, 4)));
  });
});
