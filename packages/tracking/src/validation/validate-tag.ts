import { MAX_ENTITY_KEY_LENGTH, MAX_EXPERIMENT_TAG_KEY_LENGTH, MAX_EXPERIMENT_TAG_VAL_LENGTH, MAX_TAG_VAL_LENGTH } from './limits.js';
import { appendToJsonPath, missingValue } from './messages.js';
import { checkKeyLength, checkValueLength } from './check-value-length.js';
import { checkKeyName } from './validate-key-name.js';
import type { KeyValueInput, ValueLengthOptions } from './validate-param.js';

/** A checked run or experiment tag. */
export interface Tag {
  key: string;
  value: string;
}

/**
 * Checks a run tag as MLflow's `_validate_tag` does: key rules (see `isValidKeyName`), key at most
 * 250 characters, value at most 8000 (cut, by default). A missing value is `''`. `path` prefixes
 * field names in messages, e.g. `tags[0]`.
 */
export function validateTag(input: KeyValueInput, path = '', options: ValueLengthOptions = {}): Tag {
  const keyPath = appendToJsonPath(path, 'key');
  const valuePath = appendToJsonPath(path, 'value');
  const key = checkKeyName(input.key, keyPath, missingValue(keyPath));
  checkKeyLength(key, keyPath, MAX_ENTITY_KEY_LENGTH);
  const value = checkValueLength(input.value, valuePath, valuePath, MAX_TAG_VAL_LENGTH, options.truncate ?? true);
  return { key, value };
}

/**
 * Checks an experiment tag as MLflow's `_validate_experiment_tag` does: key rules, key at most
 * 250 characters, value at most 5000. Experiment tag values are never cut.
 */
export function validateExperimentTag(input: KeyValueInput): Tag {
  const key = checkKeyName(input.key, 'key', missingValue('key'));
  checkKeyLength(key, 'key', MAX_EXPERIMENT_TAG_KEY_LENGTH);
  const value = checkValueLength(input.value, 'value', 'value', MAX_EXPERIMENT_TAG_VAL_LENGTH, false);
  return { key, value };
}
