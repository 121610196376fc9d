import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { cholesky, choleskyInverse, choleskySolve } from './cholesky.js';

// A = L·Lᵀ with L = [[2, 0, 0], [1, 3, 0], [-1, 2, 4]].
const A = Float64Array.from([4, 2, -2, 2, 10, 5, -2, 5, 21]);

const close = (actual: ArrayLike<number>, expected: readonly number[], tolerance = 1e-12): void => {
  assert.equal(actual.length, expected.length);
  for (let i = 0; i < expected.length; i++) assert.ok(Math.abs(actual[i]! - expected[i]!) <= tolerance, `[${i}] ${actual[i]} vs ${expected[i]}`);
};

describe('cholesky', () => {
  it('factors a known symmetric positive-definite matrix', () => {
    close(cholesky(A, 3)!, [2, 0, 0, 1, 3, 0, -1, 2, 4]);
  });

  it('solves A·x = b', () => {
    // b = A·[1, -2, 3]
    close(choleskySolve(cholesky(A, 3)!, 3, [4 - 4 - 6, 2 - 20 + 15, -2 - 10 + 63]), [1, -2, 3]);
  });

  it('inverts: A·A⁻¹ is the identity', () => {
    const inverse = choleskyInverse(cholesky(A, 3)!, 3);
    const product = Array.from({ length: 9 }, (_, k) => [0, 1, 2].reduce((sum, m) => sum + A[Math.floor(k / 3) * 3 + m]! * inverse[m * 3 + (k % 3)]!, 0));
    close(product, [1, 0, 0, 0, 1, 0, 0, 0, 1]);
  });

  it('refuses a matrix that is not positive definite', () => {
    assert.equal(cholesky(Float64Array.from([1, 2, 2, 1]), 2), undefined);
  });
});
