import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { warpOutputs, yeoJohnson } from './output-warping.js';

describe('warpOutputs', () => {
  it('keeps the order, standardises, and pulls in a heavy right tail', () => {
    const values = [1, 2, 3, 5, 8, 20, 100, 5000, 1e5];
    const warped = warpOutputs(values);
    for (let i = 1; i < warped.length; i++) assert.ok(warped[i]! > warped[i - 1]!);
    const mean = warped.reduce((s, v) => s + v, 0) / warped.length;
    assert.ok(Math.abs(mean) < 1e-9);
    // Standardised alone, the eight smallest would sit within 0.15 of each other.
    assert.ok(warped[7]! - warped[0]! > 1, `spread of the low end ${warped[7]! - warped[0]!}`);
  });

  it('gives zeros for equal values', () => {
    assert.deepEqual([...warpOutputs([3, 3, 3])], [0, 0, 0]);
  });

  it('is the identity transform at λ = 1', () => {
    for (const x of [-2, -0.5, 0, 0.5, 3]) assert.ok(Math.abs(yeoJohnson(x, 1) - x) < 1e-12);
  });
});
