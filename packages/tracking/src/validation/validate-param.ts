import { MAX_ENTITY_KEY_LENGTH, MAX_PARAM_VAL_LENGTH } from './limits.js';
import { appendToJsonPath, invalidValue } from './messages.js';
import { checkKeyLength, checkValueLength } from './check-value-length.js';
import { checkKeyName } from './validate-key-name.js';

/** A key and value as the REST API receives them, before checking. */
export interface KeyValueInput {
  key?: unknown;
  value?: unknown;
}

/** A checked param. */
export interface Param {
  key: string;
  value: string;
}

/** Options for {@link validateParam} and `validateTag`. */
export interface ValueLengthOptions {
  /**
   * Cut a value over the limit to the limit instead of refusing it. Default true: MLflow's server
   * default (`MLFLOW_TRUNCATE_LONG_VALUES`). Keys are never cut.
   */
  truncate?: boolean;
}

/**
 * Checks a param as MLflow's `_validate_param` does: key rules (see `isValidKeyName`), key at most
 * 250 characters, value at most 6000 (cut, by default). A missing value is `''`. Returns the
 * param to store. `path` prefixes field names in messages, e.g. `params[0]`.
 */
export function validateParam(input: KeyValueInput, path = '', options: ValueLengthOptions = {}): Param {
  const keyPath = appendToJsonPath(path, 'key');
  const key = checkKeyName(input.key, keyPath, invalidValue(keyPath, '', 'A key name must be provided.'));
  checkKeyLength(key, 'Param key', MAX_ENTITY_KEY_LENGTH);
  const value = checkValueLength(input.value, appendToJsonPath(path, 'value'), 'Param value', MAX_PARAM_VAL_LENGTH, options.truncate ?? true);
  return { key, value };
}
