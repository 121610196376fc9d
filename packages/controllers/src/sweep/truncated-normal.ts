import { inverseNormalCdf } from './inverse-normal-cdf.js';

const LOG_SQRT_2PI = 0.5 * Math.log(2 * Math.PI);

/** The standard normal CDF Φ(z), from erfc (relative error below 1.2e-7, enough for a Parzen kernel). */
export function normalCdf(z: number): number {
  const x = Math.abs(z) / Math.SQRT2;
  const t = 1 / (1 + 0.5 * x);
  const poly =
    -x * x - 1.26551223 + t * (1.00002368 + t * (0.37409196 + t * (0.09678418 + t * (-0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277))))))));
  const erfc = t * Math.exp(poly);
  return z >= 0 ? 1 - erfc / 2 : erfc / 2;
}

/**
 * A normal N(mu, sigma) truncated to [low, high]: the kernel of a Parzen estimator over a
 * bounded parameter, so no probability mass (and no sample) falls outside the space.
 */
export class TruncatedNormal {
  private readonly lowCdf: number;
  private readonly mass: number;
  private readonly logNorm: number;

  constructor(
    readonly mu: number,
    readonly sigma: number,
    readonly low: number,
    readonly high: number,
  ) {
    this.lowCdf = normalCdf((low - mu) / sigma);
    this.mass = Math.max(normalCdf((high - mu) / sigma) - this.lowCdf, 1e-300);
    this.logNorm = Math.log(sigma) + LOG_SQRT_2PI + Math.log(this.mass);
  }

  /** The log density at x (x is assumed inside [low, high]). */
  logPdf(x: number): number {
    const z = (x - this.mu) / this.sigma;
    return -0.5 * z * z - this.logNorm;
  }

  /** A draw by inverse CDF from u in [0, 1), clamped into [low, high] against rounding in the tails. */
  sample(u: number): number {
    const p = Math.min(Math.max(this.lowCdf + u * this.mass, 1e-300), 1 - 1e-16);
    const x = this.mu + this.sigma * inverseNormalCdf(p);
    return Math.min(Math.max(Number.isFinite(x) ? x : this.mu, this.low), this.high);
  }
}
