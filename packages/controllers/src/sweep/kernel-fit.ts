import { minimizeLbfgs } from './lbfgs.js';
import { negativeLogMarginalLikelihood } from './marginal-likelihood.js';
import type { KernelHyperparameters } from './matern-kernel.js';
import type { SeededRandom } from './seeded-random.js';

/** Options of {@link fitKernel}. */
export interface KernelFitOptions {
  /** Random starts besides the default one (1). */
  readonly restarts?: number;
  /** L-BFGS iterations per start (50). */
  readonly iterations?: number;
}

// Boxes of the log-hyperparameters, for inputs in [0, 1] and standardised outputs (the bounds
// scikit-learn's GP uses in the anchor's gp-ei, noise with a floor instead of 1e-8).
const LENGTH_BOUNDS = [Math.log(1e-2), Math.log(1e2)] as const;
const SIGNAL_BOUNDS = [Math.log(1e-2), Math.log(1e2)] as const;
const NOISE_BOUNDS = [Math.log(1e-9), Math.log(1e-1)] as const;
// Weak Gaussian priors on the logs (MAP rather than ML): they keep a fit on a dozen points from
// running to a box edge, and are negligible against the likelihood of a hundred.
const LENGTH_PRIOR = { mean: Math.log(0.5), sd: 1.5 };
const SIGNAL_PRIOR = { mean: 0, sd: 1.5 };

/**
 * The kernel hyperparameters of largest posterior density given n points (rows of `points`,
 * `dim` columns in [0, 1]) and their standardised targets: L-BFGS on the log-hyperparameters
 * with the analytic gradient of the marginal likelihood, from a default start (length 0.3,
 * signal 1, noise 1e-4) and `restarts` random ones drawn from `random`; the best end point wins.
 */
export function fitKernel(points: Float64Array, n: number, dim: number, targets: Float64Array, random: SeededRandom, options: KernelFitOptions = {}): KernelHyperparameters {
  const lower = Float64Array.from([...Array<number>(dim).fill(LENGTH_BOUNDS[0]), SIGNAL_BOUNDS[0], NOISE_BOUNDS[0]]);
  const upper = Float64Array.from([...Array<number>(dim).fill(LENGTH_BOUNDS[1]), SIGNAL_BOUNDS[1], NOISE_BOUNDS[1]]);
  const objective = (theta: Float64Array): { value: number; gradient: Float64Array } | undefined => {
    const result = negativeLogMarginalLikelihood(points, n, targets, fromVector(theta, dim));
    if (result === undefined) return undefined;
    const gradient = Float64Array.from(result.gradient);
    let value = result.value;
    for (let d = 0; d <= dim; d++) {
      const prior = d < dim ? LENGTH_PRIOR : SIGNAL_PRIOR;
      const z = (theta[d]! - prior.mean) / prior.sd;
      value += 0.5 * z * z;
      gradient[d] = gradient[d]! + z / prior.sd;
    }
    return { value, gradient };
  };
  const starts = [Float64Array.from([...Array<number>(dim).fill(Math.log(0.3)), 0, Math.log(1e-4)])];
  for (let r = 0; r < (options.restarts ?? 1); r++)
    starts.push(Float64Array.from([...Array.from({ length: dim }, () => Math.log(0.05) + random.next() * Math.log(20)), random.normal() * 0.5, Math.log(1e-6) + random.next() * Math.log(1e4)]));
  let best: { x: Float64Array; value: number } = { x: starts[0]!, value: Infinity };
  for (const start of starts) {
    const result = minimizeLbfgs(objective, start, { iterations: options.iterations ?? 50, lower, upper });
    if (result.value < best.value) best = result;
  }
  return fromVector(best.x, dim);
}

function fromVector(theta: Float64Array, dim: number): KernelHyperparameters {
  return { logLengths: theta.slice(0, dim), logSignal: theta[dim]!, logNoise: theta[dim + 1]! };
}
