import { badRequest } from '../bad-request.js';
import { codePointLength, exceedsMaximumLength, invalidValue, truncateCodePoints } from './messages.js';

/**
 * A param or tag value: absent means `''` (protobuf's default); anything but a string is refused.
 * Longer than `limit`: cut to `limit` when `truncate` (MLflow's default,
 * `MLFLOW_TRUNCATE_LONG_VALUES=true`), otherwise refused as `'<entity>' exceeds ...`.
 * @internal
 */
export function checkValueLength(value: unknown, path: string, entity: string, limit: number, truncate: boolean): string {
  if (value === undefined || value === null) return '';
  if (typeof value !== 'string') throw badRequest(invalidValue(path, value, 'Values must be strings.'));
  if (value.length <= limit || codePointLength(value) <= limit) return value;
  if (truncate) return truncateCodePoints(value, limit);
  throw badRequest(exceedsMaximumLength(entity, limit));
}

/** Throws `'<entity>' exceeds ...` when `key` is longer than `limit`. @internal */
export function checkKeyLength(key: string, entity: string, limit: number): void {
  if (codePointLength(key) > limit) throw badRequest(exceedsMaximumLength(entity, limit));
}
