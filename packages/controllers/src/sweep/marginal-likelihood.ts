import { cholesky, choleskyInverse, choleskySolve } from './cholesky.js';
import { kernelGradientContractions, kernelMatrix, type KernelHyperparameters } from './matern-kernel.js';

const HALF_LOG_2PI = 0.5 * Math.log(2 * Math.PI);

/** A value and its gradient with respect to the log-hyperparameters (lengths, signal, noise). */
export interface ValueAndGradient {
  readonly value: number;
  readonly gradient: Float64Array;
}

/**
 * The negative log marginal likelihood of `targets` at the n rows of `points` under a zero-mean
 * GP with the given kernel, ½·yᵀK⁻¹y + ½·log|K| + (n/2)·log 2π, and its analytic gradient
 * −½·tr((ααᵀ − K⁻¹)·∂K/∂θ) with α = K⁻¹y; undefined when K is not positive definite.
 */
export function negativeLogMarginalLikelihood(points: Float64Array, n: number, targets: Float64Array, hyper: KernelHyperparameters): ValueAndGradient | undefined {
  const factor = cholesky(kernelMatrix(points, n, hyper), n);
  if (factor === undefined) return undefined;
  const alpha = choleskySolve(factor, n, targets);
  let value = n * HALF_LOG_2PI;
  for (let i = 0; i < n; i++) value += 0.5 * targets[i]! * alpha[i]! + Math.log(factor[i * n + i]!);
  const w = choleskyInverse(factor, n);
  for (let i = 0; i < n * n; i++) w[i] = alpha[Math.floor(i / n)]! * alpha[i % n]! - w[i]!;
  const gradient = kernelGradientContractions(points, n, hyper, w).map((g) => -0.5 * g);
  return { value, gradient };
}
