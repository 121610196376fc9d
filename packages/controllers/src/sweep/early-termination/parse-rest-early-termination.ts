import type { EarlyTerminationPolicy } from './early-termination-policy.js';
import { asRecord, invalid, type PolicyFieldNames } from './policy-fields.js';
import { readPolicy } from './read-policy.js';

const REST_NAMES: PolicyFieldNames = {
  type: 'policyType',
  evaluationInterval: 'evaluationInterval',
  delayEvaluation: 'delayEvaluation',
  slackFactor: 'slackFactor',
  slackAmount: 'slackAmount',
  truncationPercentage: 'truncationPercentage',
  // Not in the SDK or the REST models; accepted so a REST client can say what YAML can.
  excludeFinishedJobs: 'excludeFinishedJobs',
};

const REST_TYPES: Record<string, EarlyTerminationPolicy['type']> = {
  bandit: 'bandit',
  medianstopping: 'median_stopping',
  truncationselection: 'truncation_selection',
};

/**
 * Parses the REST form the Azure ML SDK PUTs in a sweep job's `properties.earlyTermination`, e.g.
 * `{policyType: 'Bandit', slackFactor: 0.1, slackAmount: 0, evaluationInterval: 0,
 * delayEvaluation: 0}`. `policyType` is case-insensitive, as the service's enums are. Unknown
 * keys are ignored, as the REST models ignore them, so a newer SDK's additions do not break a
 * submission. Absent or null means no policy. Errors are `LATHE_INVALID_SPEC` naming the REST
 * field under `path`.
 */
export function parseRestEarlyTermination(raw: unknown, path = 'earlyTermination'): EarlyTerminationPolicy | undefined {
  if (raw === undefined || raw === null) return undefined;
  const record = asRecord(raw, path);
  const value = record.policyType;
  const key = typeof value === 'string' ? value.toLowerCase() : '';
  const type = Object.hasOwn(REST_TYPES, key) ? REST_TYPES[key] : undefined;
  if (type === undefined) {
    return invalid(`${path}.policyType`, 'expected one of Bandit, MedianStopping, TruncationSelection', value ?? null);
  }
  return readPolicy(record, type, REST_NAMES, path);
}
