const SQRT5 = Math.sqrt(5);

/**
 * The hyperparameters of a Matérn-5/2 ARD kernel plus noise, as logs (the space they are
 * fitted in): one length scale per input column, the signal variance, and the noise variance
 * above a fixed floor ({@link NOISE_FLOOR}), so a fit can never make the kernel matrix singular.
 */
export interface KernelHyperparameters {
  readonly logLengths: Float64Array;
  readonly logSignal: number;
  readonly logNoise: number;
}

/** Noise variance always added to the diagonal (outputs are standardised, so this is relative). */
export const NOISE_FLOOR = 1e-8;

/** The noise variance the hyperparameters stand for. */
export function noiseVariance(hyper: KernelHyperparameters): number {
  return NOISE_FLOOR + Math.exp(hyper.logNoise);
}

/** The Matérn-5/2 correlation at scaled distance r: (1 + √5r + 5r²/3)·exp(−√5r). */
export function matern52(r: number): number {
  return (1 + SQRT5 * r + (5 / 3) * r * r) * Math.exp(-SQRT5 * r);
}

/** Squared scaled distance Σ_d ((a_d − b_d) / ℓ_d)² between row i of `a` and row j of `b`. */
export function scaledDistance2(a: Float64Array, i: number, b: Float64Array, j: number, inverseLengths: Float64Array): number {
  const dim = inverseLengths.length;
  let sum = 0;
  for (let d = 0; d < dim; d++) {
    const diff = (a[i * dim + d]! - b[j * dim + d]!) * inverseLengths[d]!;
    sum += diff * diff;
  }
  return sum;
}

/** 1/ℓ per column. */
export function inverseLengths(hyper: KernelHyperparameters): Float64Array {
  return hyper.logLengths.map((log) => Math.exp(-log));
}

/** The n×n kernel matrix of the n rows of `points` (row-major, `dim` columns), noise on the diagonal. */
export function kernelMatrix(points: Float64Array, n: number, hyper: KernelHyperparameters): Float64Array {
  const scale = inverseLengths(hyper);
  const signal = Math.exp(hyper.logSignal);
  const k = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    k[i * n + i] = signal + noiseVariance(hyper);
    for (let j = 0; j < i; j++) {
      const value = signal * matern52(Math.sqrt(scaledDistance2(points, i, points, j, scale)));
      k[i * n + j] = value;
      k[j * n + i] = value;
    }
  }
  return k;
}

/**
 * Σ_ij W_ij · ∂K_ij/∂θ for every log-hyperparameter θ (the lengths, then the signal, then the
 * noise), for a symmetric W: what the marginal likelihood's gradient needs. With r the scaled
 * distance, ∂k/∂log ℓ_d = s²·(5/3)(1 + √5r)·exp(−√5r)·(Δ_d/ℓ_d)², which stays finite at r = 0.
 */
export function kernelGradientContractions(points: Float64Array, n: number, hyper: KernelHyperparameters, w: Float64Array): Float64Array {
  const dim = hyper.logLengths.length;
  const scale = inverseLengths(hyper);
  const signal = Math.exp(hyper.logSignal);
  const out = new Float64Array(dim + 2);
  let signalSum = 0;
  let trace = 0;
  for (let i = 0; i < n; i++) {
    trace += w[i * n + i]!;
    signalSum += w[i * n + i]! * signal;
    for (let j = 0; j < i; j++) {
      const r = Math.sqrt(scaledDistance2(points, i, points, j, scale));
      const e = Math.exp(-SQRT5 * r);
      const wij = 2 * w[i * n + j]!; // both (i, j) and (j, i)
      signalSum += wij * signal * (1 + SQRT5 * r + (5 / 3) * r * r) * e;
      const common = wij * signal * (5 / 3) * (1 + SQRT5 * r) * e;
      for (let d = 0; d < dim; d++) {
        const diff = (points[i * dim + d]! - points[j * dim + d]!) * scale[d]!;
        out[d] = out[d]! + common * diff * diff;
      }
    }
  }
  out[dim] = signalSum;
  out[dim + 1] = trace * Math.exp(hyper.logNoise);
  return out;
}
