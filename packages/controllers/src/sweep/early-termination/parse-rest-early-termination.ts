import type { AzureEarlyTerminationPolicy } from './early-termination-policy.js';
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

const REST_TYPES: Record<string, AzureEarlyTerminationPolicy['type']> = {
  bandit: 'bandit',
  medianstopping: 'median_stopping',
  truncationselection: 'truncation_selection',
};

const YAML_ONLY_TYPES = ['asha', 'hyperband', 'nan'];

/**
 * Parses the REST form the Azure ML SDK PUTs in a sweep job's `properties.earlyTermination`, e.g.
 * `{policyType: 'Bandit', slackFactor: 0.1, slackAmount: 0, evaluationInterval: 0,
 * delayEvaluation: 0}`. Only Azure's three policies have this form. `policyType` is case-insensitive, as the service's enums are. Unknown
 * keys are ignored, as the REST models ignore them, so a newer SDK's additions do not break a
 * submission. Absent or null means no policy. Errors are `LATHE_INVALID_SPEC` naming the REST
 * field under `path`.
 */
export function parseRestEarlyTermination(raw: unknown, path = 'earlyTermination'): AzureEarlyTerminationPolicy | undefined {
  if (raw === undefined || raw === null) return undefined;
  const record = asRecord(raw, path);
  const value = record.policyType;
  const key = typeof value === 'string' ? value.toLowerCase() : '';
  const type = Object.hasOwn(REST_TYPES, key) ? REST_TYPES[key] : undefined;
  if (type === undefined) {
    const expected = 'expected one of Bandit, MedianStopping, TruncationSelection';
    // Lathe's own policies are YAML-only: say so rather than only listing Azure's.
    const yamlOnly = YAML_ONLY_TYPES.includes(key) ? ` (${String(value)} has no REST form: submit it as YAML early_termination)` : '';
    return invalid(`${path}.policyType`, expected + yamlOnly, value ?? null);
  }
  return readPolicy(record, type, REST_NAMES, path);
}
