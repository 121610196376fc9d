import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { GaussianProcess } from './gaussian-process.js';
import { fitKernel } from './kernel-fit.js';
import { SeededRandom } from './seeded-random.js';

describe('GaussianProcess', () => {
  const n = 15;
  const points = Float64Array.from({ length: n }, (_, i) => i / (n - 1));
  const f = (x: number): number => Math.sin(6 * x) + 0.5 * x;
  const targets = points.map(f);

  it('fitted to noiseless data, interpolates it and predicts between the points', () => {
    const hyper = fitKernel(points, n, 1, targets, new SeededRandom(1));
    const gp = new GaussianProcess(points, n, hyper, targets);
    for (let i = 0; i < n; i++) {
      const { mean, variance } = gp.predict(points, i);
      assert.ok(Math.abs(mean - targets[i]!) < 1e-2, `at ${points[i]}: ${mean} vs ${targets[i]}`);
      assert.ok(variance < 1e-3, `variance ${variance} at a training point`);
    }
    const between = Float64Array.from([0.5 / (n - 1), 0.37, 0.81]);
    for (let i = 0; i < between.length; i++) assert.ok(Math.abs(gp.predict(between, i).mean - f(between[i]!)) < 0.02, `between at ${between[i]}`);
  });

  it('is uncertain far from the data and certain near it', () => {
    const hyper = { logLengths: Float64Array.from([Math.log(0.1)]), logSignal: 0, logNoise: Math.log(1e-8) };
    const gp = new GaussianProcess(Float64Array.from([0, 0.1]), 2, hyper, [1, 2]);
    const far = gp.predict(Float64Array.from([0.9]), 0);
    assert.ok(Math.abs(far.mean) < 1e-3 && Math.abs(far.variance - 1) < 1e-3, JSON.stringify(far));
    assert.ok(gp.predict(Float64Array.from([0.1]), 0).variance < 1e-5);
  });
});
