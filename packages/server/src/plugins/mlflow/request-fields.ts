import { LatheError } from '@lathe/core';
import { previewValue } from '../clip-text.js';

/**
 * Reads MLflow request fields from a JSON body or a query string, with MLflow's leniency
 * (int64 fields may arrive as numeric strings, as protobuf's JSON mapping allows) and MLflow's
 * messages for missing and malformed values. Every failure is `LATHE_BAD_REQUEST`.
 */
export class RequestFields {
  private readonly source: Record<string, unknown>;

  /** `fromQuery`: the source is a query string, where a repeated key arrives as an array. */
  constructor(
    source: unknown,
    private readonly fromQuery = false,
  ) {
    if (source !== undefined && source !== null && (typeof source !== 'object' || Array.isArray(source))) {
      throw new LatheError('LATHE_BAD_REQUEST', 'the request body must be a JSON object', { details: { mlflowErrorCode: 'MALFORMED_REQUEST' } });
    }
    this.source = (source ?? {}) as Record<string, unknown>;
  }

  /** A required string: absent or empty is "Missing value for required parameter". */
  string(name: string): string {
    const value = this.optionalString(name);
    if (value === undefined || value === '') throw missing(name);
    return value;
  }

  /**
   * A required string that a JSON body must give as a JSON string, as MLflow's `_assert_string`
   * checks (a query string has only strings). {@link string} reads a number as its text instead.
   */
  strictString(name: string): string {
    const value = this.scalar(name);
    if (value !== undefined && value !== null && typeof value !== 'string') throw invalid(name, value, 'a string');
    return this.string(name);
  }

  optionalString(name: string): string | undefined {
    const value = this.scalar(name);
    if (value === undefined || value === null) return undefined;
    if (typeof value === 'string') return value;
    if (typeof value === 'number' || typeof value === 'boolean') return String(value);
    throw invalid(name, value, 'a string');
  }

  /** The first of several names that is present (MLflow accepts `run_id` or the older `run_uuid`). */
  stringOf(...names: string[]): string {
    for (const name of names) {
      const value = this.optionalString(name);
      if (value !== undefined && value !== '') return value;
    }
    throw missing(names[0] as string);
  }

  /** A required int64 (a JSON number or a numeric string). */
  integer(name: string): number {
    const value = this.optionalInteger(name);
    if (value === undefined) throw missing(name);
    return value;
  }

  optionalInteger(name: string): number | undefined {
    const value = this.scalar(name);
    if (value === undefined || value === null || value === '') return undefined;
    const n = typeof value === 'string' && /^-?\d+$/.test(value.trim()) ? Number(value) : value;
    if (typeof n !== 'number' || !Number.isSafeInteger(n)) throw invalid(name, value, 'an integer');
    return n;
  }

  /** A required double: a JSON number or one of "NaN", "Infinity", "-Infinity" (or a numeric string). */
  double(name: string): number {
    const value = this.scalar(name);
    if (value === undefined || value === null || value === '') throw missing(name);
    return toDouble(name, value);
  }

  optionalBoolean(name: string): boolean | undefined {
    const value = this.scalar(name);
    if (value === undefined || value === null) return undefined;
    if (typeof value === 'boolean') return value;
    if (value === 'true' || value === 'false') return value === 'true';
    throw invalid(name, value, 'a boolean');
  }

  /** A repeated string field: an array, or one value (a query string with one occurrence). */
  strings(name: string): string[] {
    const value = this.source[name];
    if (value === undefined || value === null) return [];
    const list = Array.isArray(value) ? value : [value];
    return list.map((item) => {
      if (typeof item === 'string') return item;
      if (typeof item === 'number') return String(item);
      throw invalid(name, value, 'a list of strings');
    });
  }

  /** A repeated message field: an array of objects. */
  objects(name: string): RequestFields[] {
    const value = this.source[name];
    if (value === undefined || value === null) return [];
    if (!Array.isArray(value)) throw invalid(name, value, 'a list');
    return value.map((item) => {
      if (typeof item !== 'object' || item === null || Array.isArray(item)) throw invalid(name, value, 'a list of objects');
      return new RequestFields(item);
    });
  }

  /** A nested message field. */
  object(name: string): RequestFields | undefined {
    const value = this.source[name];
    if (value === undefined || value === null) return undefined;
    if (typeof value !== 'object' || Array.isArray(value)) throw invalid(name, value, 'an object');
    return new RequestFields(value);
  }

  /** The tags of a request: `[{ key, value }]`. */
  keyValues(name: string): { key: string; value: string }[] {
    return this.objects(name).map((entry) => ({ key: entry.string('key'), value: entry.optionalString('value') ?? '' }));
  }

  /** A field as it came, for parsers that check its shape themselves (logged-models/search `order_by`). */
  raw(name: string): unknown {
    return this.source[name];
  }

  has(name: string): boolean {
    return this.source[name] !== undefined && this.source[name] !== null;
  }

  // A query string repeats keys into arrays; a scalar field takes the last occurrence. In a JSON
  // body an array is the wrong type for a scalar field.
  private scalar(name: string): unknown {
    const value = this.source[name];
    if (!Array.isArray(value)) return value;
    if (!this.fromQuery) throw invalid(name, value, 'a single value');
    return value[value.length - 1];
  }
}

function toDouble(name: string, value: unknown): number {
  if (typeof value === 'number') return value;
  if (typeof value === 'string') {
    const text = value.trim();
    if (text === 'NaN' || text === 'Infinity' || text === '-Infinity') return Number(text);
    if (text !== '' && Number.isFinite(Number(text))) return Number(text);
  }
  throw invalid(name, value, 'a number');
}

function missing(name: string): LatheError {
  return new LatheError('LATHE_BAD_REQUEST', `Missing value for required parameter '${name}'. See the API docs for more information about request parameters.`, {
    details: { field: name },
  });
}

function invalid(name: string, value: unknown, expected: string): LatheError {
  return new LatheError('LATHE_BAD_REQUEST', `Invalid value ${previewValue(value)} for parameter '${name}' supplied: expected ${expected}.`, {
    details: { field: name },
  });
}
