import { badRequest } from '../bad-request.js';
import { checkKeyLength, checkValueLength } from '../validation/check-value-length.js';
import { missingValue } from '../validation/messages.js';
import { checkKeyName } from '../validation/validate-key-name.js';

/** Longest registered-model or model-version tag key. */
export const MAX_REGISTRY_TAG_KEY_LENGTH = 250;
/** Longest registered-model or model-version tag value. */
export const MAX_REGISTRY_TAG_VALUE_LENGTH = 100_000;
/** Longest alias. */
export const MAX_ALIAS_LENGTH = 255;

/**
 * A model version number as MLflow reads one (Python's `int()`: surrounding spaces, a sign and
 * leading zeros are allowed), in its canonical form (`' 03'` → `'3'`). Throws MLflow's
 * "must be an integer" message otherwise.
 *
 * @example
 * validateModelVersionNumber('2'); // '2'
 */
export function validateModelVersionNumber(version: string, path = 'version'): string {
  const text = version.trim().replace(/(\d)_(?=\d)/g, '$1');
  if (!/^[+-]?\d+$/.test(text) || !Number.isSafeInteger(Number(text))) {
    throw badRequest(`Parameter '${path}' must be an integer, got '${version}'.`);
  }
  return String(Number(text));
}

/**
 * Checks an alias name as MLflow's `_validate_model_alias_name` does (letters, digits, `_` and
 * `-`, at most 255 characters), and, when `forSetting`, that it is not reserved: `latest` (any
 * case) and `v<digits>` name versions.
 */
export function validateAliasName(alias: string, forSetting = false): string {
  if (alias === '') throw badRequest('Registered model alias name cannot be empty.');
  if (!/^[\p{L}\p{N}_-]*$/u.test(alias)) {
    throw badRequest(`Invalid alias name: '${alias}'. Names may only contain alphanumerics, underscores (_), and dashes (-).`);
  }
  checkKeyLength(alias, 'Registered model alias name', MAX_ALIAS_LENGTH);
  if (!forSetting) return alias;
  if (alias.toLowerCase() === 'latest') throw badRequest("'latest' alias name (case insensitive) is reserved.");
  if (/^[vV]\d+$/.test(alias)) throw badRequest(`Version alias name '${alias}' is reserved.`);
  return alias;
}

/**
 * Checks a registered-model or model-version tag as MLflow does: the key rules of run tags, key
 * at most 250 characters, value at most 100,000 (never cut). A missing value is `''`.
 */
export function validateRegistryTag(input: { key?: unknown; value?: unknown }, path = ''): { key: string; value: string } {
  const keyPath = path === '' ? 'key' : `${path}.key`;
  const key = checkKeyName(input.key, keyPath, missingValue(keyPath));
  checkKeyLength(key, 'key', MAX_REGISTRY_TAG_KEY_LENGTH);
  const value = checkValueLength(input.value, path === '' ? 'value' : `${path}.value`, 'value', MAX_REGISTRY_TAG_VALUE_LENGTH, false);
  return { key, value };
}
