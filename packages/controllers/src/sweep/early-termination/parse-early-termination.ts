import { EARLY_TERMINATION_TYPES, type EarlyTerminationPolicy } from './early-termination-policy.js';
import { asRecord, invalid, type PolicyFieldNames } from './policy-fields.js';
import { readPolicy } from './read-policy.js';
import { readRungPolicy } from './read-rung-policy.js';

const YAML_NAMES: PolicyFieldNames = {
  type: 'type',
  evaluationInterval: 'evaluation_interval',
  delayEvaluation: 'delay_evaluation',
  slackFactor: 'slack_factor',
  slackAmount: 'slack_amount',
  truncationPercentage: 'truncation_percentage',
  excludeFinishedJobs: 'exclude_finished_jobs',
};

// The SDK's YAML schema turns `MedianStopping` into `median_stopping`, so both spellings load.
const YAML_TYPES: Record<string, EarlyTerminationPolicy['type']> = {
  bandit: 'bandit',
  median_stopping: 'median_stopping',
  truncation_selection: 'truncation_selection',
  Bandit: 'bandit',
  MedianStopping: 'median_stopping',
  TruncationSelection: 'truncation_selection',
  asha: 'asha',
  hyperband: 'hyperband',
  nan: 'nan',
};

const SCHEDULE_KEYS = ['type', 'evaluation_interval', 'delay_evaluation'];
const KEYS_BY_TYPE: Record<EarlyTerminationPolicy['type'], readonly string[]> = {
  bandit: [...SCHEDULE_KEYS, 'slack_factor', 'slack_amount'],
  median_stopping: SCHEDULE_KEYS,
  truncation_selection: [...SCHEDULE_KEYS, 'truncation_percentage', 'exclude_finished_jobs'],
  asha: ['type', 'min_resource', 'grace_period', 'reduction_factor', 'max_resource'],
  hyperband: ['type', 'min_resource', 'reduction_factor', 'max_resource'],
  nan: ['type'],
};

/**
 * Parses the YAML form of a sweep's `early_termination`, e.g.
 * `{type: bandit, slack_factor: 0.1, evaluation_interval: 1, delay_evaluation: 5}` or, beyond
 * Azure, `{type: asha, min_resource: 1, reduction_factor: 3}`,
 * `{type: hyperband, min_resource: 1, max_resource: 27}` and `{type: nan}`.
 * Absent or null means no policy (every trial runs to completion). Throws `LATHE_INVALID_SPEC`
 * with `details.field` set to the offending field under `path`; a key the type does not have is
 * rejected, so a misspelt `slack_facter` is not silently ignored. `type` accepts the SDK's
 * spellings (`median_stopping` or `MedianStopping`).
 */
export function parseEarlyTermination(raw: unknown, path = 'early_termination'): EarlyTerminationPolicy | undefined {
  if (raw === undefined || raw === null) return undefined;
  const record = asRecord(raw, path);
  const type = readYamlType(record.type, `${path}.type`);
  for (const key of Object.keys(record)) {
    if (!KEYS_BY_TYPE[type].includes(key)) invalid(`${path}.${key}`, `not a field of ${/^[aeiou]/.test(type) ? 'an' : 'a'} ${type} policy`);
  }
  if (type === 'asha' || type === 'hyperband') return readRungPolicy(record, type, path);
  if (type === 'nan') return { type };
  return readPolicy(record, type, YAML_NAMES, path);
}

function readYamlType(value: unknown, field: string): EarlyTerminationPolicy['type'] {
  const type = typeof value === 'string' && Object.hasOwn(YAML_TYPES, value) ? YAML_TYPES[value] : undefined;
  if (type === undefined) return invalid(field, `expected one of ${EARLY_TERMINATION_TYPES.join(', ')}`, value ?? null);
  return type;
}
