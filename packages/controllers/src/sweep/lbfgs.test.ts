import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { minimizeLbfgs } from './lbfgs.js';

const rosenbrock = (x: Float64Array): { value: number; gradient: Float64Array } => {
  const [a, b] = [x[0]!, x[1]!];
  return { value: (1 - a) ** 2 + 100 * (b - a * a) ** 2, gradient: Float64Array.from([-2 * (1 - a) - 400 * a * (b - a * a), 200 * (b - a * a)]) };
};

describe('minimizeLbfgs', () => {
  it('finds the minimum of the Rosenbrock valley from (-1.2, 1)', () => {
    const { x, value } = minimizeLbfgs(rosenbrock, Float64Array.from([-1.2, 1]), { iterations: 200, lower: Float64Array.from([-5, -5]), upper: Float64Array.from([5, 5]) });
    assert.ok(value < 1e-8 && Math.abs(x[0]! - 1) < 1e-3 && Math.abs(x[1]! - 1) < 1e-3, `${x} ${value}`);
  });

  it('stops on the box edge when the minimum lies outside it', () => {
    const { x } = minimizeLbfgs(rosenbrock, Float64Array.from([0, 0]), { iterations: 200, lower: Float64Array.from([-5, -5]), upper: Float64Array.from([0.5, 5]) });
    assert.ok(Math.abs(x[0]! - 0.5) < 1e-6 && Math.abs(x[1]! - 0.25) < 1e-2, `${x}`);
  });

  it('returns Infinity when the objective cannot be evaluated at the start', () => {
    assert.equal(minimizeLbfgs(() => undefined, Float64Array.from([0]), { iterations: 5, lower: Float64Array.from([-1]), upper: Float64Array.from([1]) }).value, Infinity);
  });
});
