import { normalCdf } from './truncated-normal.js';

const LOG_SQRT_2PI = 0.5 * Math.log(2 * Math.PI);

/**
 * log EI(x) for minimisation: the log of E[max(best − xi − f(x), 0)] with f(x) ~ N(mean, sd²),
 * that is log sd + log h(z) with z = (best − xi − mean)/sd and h(z) = z·Φ(z) + φ(z). Taken in
 * logs so that candidates far from the best still compare once EI itself underflows: below
 * z = −6 h comes from its asymptotic series φ(z)/z²·(1 − 3/z² + 15/z⁴ − 105/z⁶). −Infinity
 * where sd is 0 and the mean is no better than best − xi.
 */
export function logExpectedImprovement(mean: number, sd: number, best: number, xi: number): number {
  const gain = best - xi - mean;
  if (!(sd > 0)) return gain > 0 ? Math.log(gain) : -Infinity;
  const z = gain / sd;
  return Math.log(sd) + logH(z);
}

function logH(z: number): number {
  if (z > -6) return Math.log(z * normalCdf(z) + Math.exp(-0.5 * z * z - LOG_SQRT_2PI));
  const w = 1 / (z * z);
  return -0.5 * z * z - LOG_SQRT_2PI + Math.log(w) + Math.log(1 - 3 * w + 15 * w * w - 105 * w * w * w);
}
