import { badRequest } from '../bad-request.js';
import { SEARCH_MAX_RESULTS_DEFAULT, SEARCH_MAX_RESULTS_THRESHOLD } from './limits.js';
import { pyJson } from '../python-format.js';

/** Options for {@link validateMaxResults}. */
export interface MaxResultsOptions {
  /** Used when the request has no `max_results`. Default 1000. */
  defaultValue?: number;
  /** The largest accepted. Default 50 000, runs/search's and experiments/search's limit. */
  max?: number;
}

/**
 * Reads `max_results` for runs/search or experiments/search: absent gives the default; otherwise
 * an integer from 1 to the maximum, as a JSON number or a decimal string (query parameters).
 * Messages are MLflow's store's.
 */
export function validateMaxResults(value: unknown, options: MaxResultsOptions = {}): number {
  if (value === undefined || value === null) return options.defaultValue ?? SEARCH_MAX_RESULTS_DEFAULT;
  const max = options.max ?? SEARCH_MAX_RESULTS_THRESHOLD;
  const n = typeof value === 'number' ? value : typeof value === 'string' && /^-?\d+$/.test(value.trim()) ? Number(value) : Number.NaN;
  if (!Number.isInteger(n) || n < 1) throw badRequest(`Invalid value ${pyJson(value)} for parameter 'max_results' supplied. It must be a positive integer`);
  if (n > max) throw badRequest(`Invalid value ${n} for parameter 'max_results' supplied. It must be at most ${max}`);
  return n;
}
