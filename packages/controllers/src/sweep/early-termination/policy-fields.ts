import { LatheError } from '@lathe/core';

/**
 * The spelling of each field in one form of `early_termination` (YAML snake_case or the REST
 * camelCase the SDK PUTs), so both forms share one validator and each error names the field as
 * the user wrote it.
 */
export interface PolicyFieldNames {
  readonly type: string;
  readonly evaluationInterval: string;
  readonly delayEvaluation: string;
  readonly slackFactor: string;
  readonly slackAmount: string;
  readonly truncationPercentage: string;
  readonly excludeFinishedJobs: string;
}

/** Throws `LATHE_INVALID_SPEC` naming `field` in the message and in `details.field`. */
export function invalid(field: string, expectation: string, value?: unknown): never {
  throw new LatheError('LATHE_INVALID_SPEC', `${field}: ${expectation}`, {
    details: value === undefined ? { field } : { field, value },
  });
}

/** A plain object, or an error naming `path`. */
export function asRecord(raw: unknown, path: string): Record<string, unknown> {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    return invalid(path, 'expected a mapping', raw);
  }
  return raw as Record<string, unknown>;
}

/** An integer ≥ `min`, or `fallback` when absent or null (the SDK's schema allows null). */
export function readInteger(record: Record<string, unknown>, key: string, path: string, min: number, fallback: number): number {
  const value = record[key];
  if (value === undefined || value === null) return fallback;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min) {
    return invalid(`${path}.${key}`, `expected an integer >= ${min}`, value);
  }
  return value;
}

/** A finite number, or undefined when absent or null. */
export function readNumber(record: Record<string, unknown>, key: string, path: string): number | undefined {
  const value = record[key];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'number' || !Number.isFinite(value)) return invalid(`${path}.${key}`, 'expected a number', value);
  return value;
}

/** A boolean, or `fallback` when absent or null. */
export function readBoolean(record: Record<string, unknown>, key: string, path: string, fallback: boolean): boolean {
  const value = record[key];
  if (value === undefined || value === null) return fallback;
  if (typeof value !== 'boolean') return invalid(`${path}.${key}`, 'expected true or false', value);
  return value;
}
