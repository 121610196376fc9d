import type { AshaPolicy, HyperbandPolicy } from './early-termination-policy.js';
import { invalid, readInteger } from './policy-fields.js';

/**
 * Validates the YAML fields of `asha` or `hyperband` (Lathe extensions, so snake_case only):
 * `min_resource` an integer ≥ 1 (for `asha`, Ray Tune's name `grace_period` is accepted instead,
 * not beside it), `reduction_factor` an integer ≥ 2 (default 3, as Optuna's Hyperband), and
 * `max_resource` an integer greater than `min_resource`, required by `hyperband` because it sets
 * the brackets. Errors name the field under `path`.
 */
export function readRungPolicy(record: Record<string, unknown>, type: 'asha' | 'hyperband', path: string): AshaPolicy | HyperbandPolicy {
  const minResource = readMinResource(record, type, path);
  const reductionFactor = readInteger(record, 'reduction_factor', path, 2, 3);
  const maxResource = readInteger(record, 'max_resource', path, minResource + 1, 0);
  if (type === 'hyperband') {
    if (maxResource === 0) return invalid(`${path}.max_resource`, `expected an integer >= ${minResource + 1}`);
    return { type, minResource, reductionFactor, maxResource };
  }
  return maxResource === 0 ? { type, minResource, reductionFactor } : { type, minResource, reductionFactor, maxResource };
}

function readMinResource(record: Record<string, unknown>, type: 'asha' | 'hyperband', path: string): number {
  const present = (key: string): boolean => record[key] !== undefined && record[key] !== null;
  if (type === 'asha' && present('grace_period')) {
    if (present('min_resource')) return invalid(path, 'expected one of min_resource, grace_period, not both');
    return readInteger(record, 'grace_period', path, 1, 1);
  }
  if (!present('min_resource')) return invalid(`${path}.min_resource`, 'expected an integer >= 1');
  return readInteger(record, 'min_resource', path, 1, 1);
}
