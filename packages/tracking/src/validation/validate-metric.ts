import { badRequest } from '../bad-request.js';
import { pyFloat } from '../python-format.js';
import { MAX_ENTITY_KEY_LENGTH } from './limits.js';
import { appendToJsonPath, codePointLength, exceedsMaximumLength, invalidValue, missingValue } from './messages.js';
import { checkKeyName } from './validate-key-name.js';

/** A metric point as the REST API receives it, before checking. */
export interface MetricInput {
  key?: unknown;
  value?: unknown;
  timestamp?: unknown;
  step?: unknown;
}

/** A checked metric point. `value` may be NaN or ±Infinity. */
export interface Metric {
  key: string;
  value: number;
  /** Milliseconds since the epoch, ≥ 0. */
  timestamp: number;
  step: number;
}

const SPECIAL: Record<string, number> = { NaN: Number.NaN, Infinity: Number.POSITIVE_INFINITY, '-Infinity': Number.NEGATIVE_INFINITY };
const DECIMAL = /^-?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?$/;

/**
 * Reads a metric value as protobuf's JSON mapping does for a double: a JSON number, one of the
 * strings `"NaN"`, `"Infinity"`, `"-Infinity"`, or a decimal number written as a string. Anything
 * else (booleans, null, other strings) is refused.
 */
export function parseMetricValue(value: unknown, path = 'value'): number {
  const parsed = metricNumber(value);
  if (parsed === undefined) throw badRequest(invalidValue(path, value, 'Please specify value as a valid double (64-bit floating point)'));
  return parsed;
}

function metricNumber(value: unknown): number | undefined {
  if (typeof value === 'number') return value;
  if (typeof value !== 'string') return undefined;
  if (Object.hasOwn(SPECIAL, value)) return SPECIAL[value];
  return DECIMAL.test(value) ? Number(value) : undefined;
}

/**
 * Checks a metric point as MLflow's `_validate_metric` does, in its order: key, value,
 * timestamp, step, key length. `timestamp` is required (a non-negative integer); `step` defaults
 * to 0. Integers may come as JSON numbers or as decimal strings (protobuf's int64 mapping).
 * `path` prefixes field names in messages, e.g. `metrics[3]`.
 */
export function validateMetric(input: MetricInput, path = ''): Metric {
  const at = (field: string): string => appendToJsonPath(path, field);
  const key = checkKeyName(input.key, at('name'), invalidValue(at('name'), null, 'Metric name cannot be None. A key name must be provided.'));
  if (input.value === undefined || input.value === null) throw badRequest(missingValue(at('value')));
  const value = metricNumber(input.value);
  if (value === undefined) {
    const message = `(timestamp=${String(input.timestamp)}). Please specify value as a valid double (64-bit floating point)`;
    throw badRequest(invalidValue(at('value'), input.value, message));
  }
  if (input.timestamp === undefined || input.timestamp === null) throw badRequest(missingValue(at('timestamp')));
  const timestamp = int64(input.timestamp);
  if (timestamp === undefined || timestamp < 0) {
    const message = `metric '${key}' (value=${pyFloat(value)}). Timestamp must be a nonnegative long (64-bit integer) `;
    throw badRequest(invalidValue(at('timestamp'), input.timestamp, message));
  }
  const step = input.step === undefined || input.step === null ? 0 : int64(input.step);
  if (step === undefined) {
    const message = `metric '${key}' (value=${pyFloat(value)}). Step must be a valid long (64-bit integer).`;
    throw badRequest(invalidValue(at('step'), input.step, message));
  }
  if (codePointLength(key) > MAX_ENTITY_KEY_LENGTH) throw badRequest(exceedsMaximumLength('Metric name', MAX_ENTITY_KEY_LENGTH));
  return { key, value, timestamp, step };
}

/** A JSON int64: a safe integer, as a number or a decimal string. */
function int64(value: unknown): number | undefined {
  const n = typeof value === 'number' ? value : typeof value === 'string' && /^-?\d+$/.test(value) ? Number(value) : Number.NaN;
  return Number.isSafeInteger(n) ? n : undefined;
}
