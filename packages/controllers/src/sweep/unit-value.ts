import { inverseNormalCdf } from './inverse-normal-cdf.js';
import { quantize } from './quantize.js';
import type { Expression } from './search-space.js';

/** Keeps a normal's quantile finite when a generator yields exactly 0 (about ±8.2σ). */
const EDGE = 1e-16;

/**
 * The value an expression takes at `u` in [0, 1): its inverse CDF, so `u` drawn uniformly gives
 * exactly Azure's distribution — randint in [0, upper), U(min, max), exp(U(min, max)) for the
 * log types (bounds are logs), N(mu, sigma), exp(N(mu, sigma)) — then `round(x / q) · q` for the
 * `q` types. A Sobol point reaches the space through the same map. `choice` is drawn by the
 * caller (its value may be a sub-space); here it yields the index of the picked value.
 */
export function unitValue(expression: Expression, u: number): number {
  switch (expression.type) {
    case 'choice':
      return Math.min(Math.floor(u * expression.values.length), expression.values.length - 1);
    case 'randint':
      return Math.min(Math.floor(u * expression.upper), expression.upper - 1);
    case 'uniform':
    case 'quniform':
    case 'loguniform':
    case 'qloguniform':
      return finish(expression, expression.minValue + u * (expression.maxValue - expression.minValue));
    default:
      return finish(expression, expression.mu + expression.sigma * inverseNormalCdf(Math.min(Math.max(u, EDGE), 1 - EDGE)));
  }
}

/** Exponentiates the log types and quantises the `q` types. */
function finish(expression: Expression & { q?: number }, x: number): number {
  const value = expression.type.includes('log') ? Math.exp(x) : x;
  return expression.q === undefined ? value : quantize(value, expression.q);
}
