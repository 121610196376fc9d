import { cholesky, choleskySolve, solveLower } from './cholesky.js';
import { inverseLengths, kernelMatrix, matern52, scaledDistance2, type KernelHyperparameters } from './matern-kernel.js';

/** The posterior at one point: the mean and variance of the latent function (noise excluded). */
export interface Prediction {
  readonly mean: number;
  readonly variance: number;
}

/**
 * A zero-mean Gaussian process with a Matérn-5/2 ARD kernel conditioned on n points (rows of
 * `points`, `dim` columns) and their targets. The kernel matrix is factored once; a prediction
 * costs O(n·dim) for the mean and one O(n²) triangular solve for the variance. Should the matrix
 * not factor (points closer than the noise resolves), jitter growing tenfold is added to the
 * diagonal until it does.
 */
export class GaussianProcess {
  private readonly factor: Float64Array;
  private readonly alpha: Float64Array;
  private readonly scale: Float64Array;
  private readonly signal: number;

  constructor(
    readonly points: Float64Array,
    readonly n: number,
    readonly hyper: KernelHyperparameters,
    targets: ArrayLike<number>,
  ) {
    this.scale = inverseLengths(hyper);
    this.signal = Math.exp(hyper.logSignal);
    this.factor = factorWithJitter(kernelMatrix(points, n, hyper), n, this.signal);
    this.alpha = choleskySolve(this.factor, n, targets);
  }

  /** The posterior at row `row` of `x` (same columns as the training points). */
  predict(x: Float64Array, row: number): Prediction {
    const k = new Float64Array(this.n);
    let mean = 0;
    for (let i = 0; i < this.n; i++) {
      k[i] = this.signal * matern52(Math.sqrt(scaledDistance2(x, row, this.points, i, this.scale)));
      mean += k[i]! * this.alpha[i]!;
    }
    const v = solveLower(this.factor, this.n, k);
    let explained = 0;
    for (let i = 0; i < this.n; i++) explained += v[i]! * v[i]!;
    return { mean, variance: Math.max(this.signal - explained, 0) };
  }

  /** The posterior means and variances at the `count` rows of `x`, solved together (cache-friendly, as a batch). */
  predictMany(x: Float64Array, count: number): { means: Float64Array; variances: Float64Array } {
    const n = this.n;
    // V (n × count, row-major) holds k(x_c, training point i) and is solved in place to L⁻¹·K*.
    const v = new Float64Array(n * count);
    const means = new Float64Array(count);
    for (let c = 0; c < count; c++)
      for (let i = 0; i < n; i++) {
        const k = this.signal * matern52(Math.sqrt(scaledDistance2(x, c, this.points, i, this.scale)));
        v[i * count + c] = k;
        means[c] = means[c]! + k * this.alpha[i]!;
      }
    const variances = new Float64Array(count).fill(this.signal);
    for (let i = 0; i < n; i++) {
      const row = i * count;
      for (let k = 0; k < i; k++) {
        const lik = this.factor[i * n + k]!;
        if (lik === 0) continue;
        const other = k * count;
        for (let c = 0; c < count; c++) v[row + c] = v[row + c]! - lik * v[other + c]!;
      }
      const diagonal = this.factor[i * n + i]!;
      for (let c = 0; c < count; c++) {
        const solved = v[row + c]! / diagonal;
        v[row + c] = solved;
        variances[c] = variances[c]! - solved * solved;
      }
    }
    for (let c = 0; c < count; c++) variances[c] = Math.max(variances[c]!, 0);
    return { means, variances };
  }
}

function factorWithJitter(k: Float64Array, n: number, signal: number): Float64Array {
  for (let jitter = 1e-9 * signal; ; jitter *= 10) {
    const factor = cholesky(k, n);
    if (factor !== undefined) return factor;
    for (let i = 0; i < n; i++) k[i * n + i] = k[i * n + i]! + jitter;
  }
}
