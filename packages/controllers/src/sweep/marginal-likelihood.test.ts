import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { negativeLogMarginalLikelihood } from './marginal-likelihood.js';
import { NOISE_FLOOR, type KernelHyperparameters } from './matern-kernel.js';
import { SeededRandom } from './seeded-random.js';

describe('negativeLogMarginalLikelihood', () => {
  const random = new SeededRandom(4);
  const n = 12;
  const dim = 3;
  const points = Float64Array.from({ length: n * dim }, () => random.next());
  const targets = Float64Array.from({ length: n }, (_, i) => Math.sin(4 * points[i * dim]!) + points[i * dim + 1]! ** 2);
  const at = (theta: readonly number[]): KernelHyperparameters => ({ logLengths: Float64Array.from(theta.slice(0, dim)), logSignal: theta[dim]!, logNoise: theta[dim + 1]! });

  it('has the analytic gradient of its finite differences, for every log-hyperparameter', () => {
    for (const theta of [
      [Math.log(0.3), Math.log(0.7), Math.log(2), 0.2, Math.log(1e-3)],
      [Math.log(1.5), Math.log(0.1), Math.log(0.4), -0.5, Math.log(0.05)],
    ]) {
      const { gradient } = negativeLogMarginalLikelihood(points, n, targets, at(theta))!;
      for (let k = 0; k < theta.length; k++) {
        const h = 1e-5;
        const up = negativeLogMarginalLikelihood(points, n, targets, at(theta.map((v, i) => (i === k ? v + h : v))))!.value;
        const down = negativeLogMarginalLikelihood(points, n, targets, at(theta.map((v, i) => (i === k ? v - h : v))))!.value;
        const numeric = (up - down) / (2 * h);
        assert.ok(Math.abs(numeric - gradient[k]!) <= 1e-5 * Math.max(1, Math.abs(numeric)), `θ${k}: analytic ${gradient[k]} vs numeric ${numeric}`);
      }
    }
  });

  it('is the Gaussian log density for one point: ½y²/v + ½log(2πv)', () => {
    const hyper = { logLengths: Float64Array.from([0]), logSignal: Math.log(2), logNoise: Math.log(0.5) };
    const { value } = negativeLogMarginalLikelihood(Float64Array.from([0.3]), 1, Float64Array.from([1.5]), hyper)!;
    const v = 2 + 0.5 + NOISE_FLOOR;
    assert.ok(Math.abs(value - (0.5 * 1.5 ** 2) / v - 0.5 * Math.log(2 * Math.PI * v)) < 1e-12);
  });
});
