import type { TSchema } from '@sinclair/typebox';
import { checkReference, type ReferenceRule } from './check-reference.js';
import { describeSchema } from './describe-schema.js';
import type { FieldPath, Issue } from './issue.js';

/** The normalised value and every issue found. `value` is meaningful only without errors. */
export interface CheckResult {
  value: unknown;
  issues: Issue[];
}

/**
 * Validates `value` against a JSON Schema built with TypeBox and Lathe's keywords
 * (`schema/keywords.ts`), collecting every issue rather than stopping at the first. Returns a
 * normalised copy: defaults filled, enum spellings canonical, coerced strings converted.
 * Supports the subset the spec schemas use: object, record (patternProperties), array, string,
 * number, integer, boolean, enum, const, anyOf, unknown; strings marked `x-lathe-reference` are
 * checked as asset references (`validate/check-reference.ts`).
 */
export function checkValue(schema: TSchema, value: unknown, path: FieldPath = []): CheckResult {
  const issues: Issue[] = [];
  const out = walk(schema, value, path, issues);
  return { value: out, issues };
}

function walk(schema: TSchema, value: unknown, path: FieldPath, issues: Issue[]): unknown {
  if (Array.isArray(schema.anyOf)) return walkUnion(schema.anyOf as TSchema[], value, path, issues);
  if (Array.isArray(schema.enum)) return walkEnum(schema, value, path, issues);
  if (schema.const !== undefined) {
    if (value !== schema.const) mismatch(schema, value, path, issues);
    return value;
  }
  switch (schema.type) {
    case 'object':
      return walkObject(schema, value, path, issues);
    case 'array':
      return walkArray(schema, value, path, issues);
    case 'string':
      return walkString(schema, value, path, issues);
    case 'number':
    case 'integer':
      return walkNumber(schema, value, path, issues);
    case 'boolean':
      if (typeof value !== 'boolean') mismatch(schema, value, path, issues);
      return value;
    default:
      return value;
  }
}

function mismatch(schema: TSchema, value: unknown, path: FieldPath, issues: Issue[]): void {
  const expected = describeSchema(schema);
  issues.push({ severity: 'error', path, at: 'value', expected, message: `expected ${expected}, got ${kindOf(value)}` });
}

/** A person's word for a value's kind. */
export function kindOf(value: unknown): string {
  if (value === null || value === undefined) return 'nothing';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  if (typeof value === 'string') return `the string ${JSON.stringify(value)}`;
  return `${typeof value} ${String(value)}`;
}

function jsonType(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  return typeof value;
}

function accepts(schema: TSchema, type: string): boolean {
  if (Array.isArray(schema.anyOf)) return (schema.anyOf as TSchema[]).some((s) => accepts(s, type));
  if (Array.isArray(schema.enum)) return type === 'string';
  if (schema.type === undefined) return true;
  if (schema.type === 'number' && type === 'integer') return true;
  if (schema.type === 'string' && schema['x-lathe-coerce'] === 'string') return type !== 'object' && type !== 'array';
  return schema.type === type;
}

// A branch is chosen by the value's JSON type, so errors come from the branch the author meant
// (an input mapping reports its bad `mode`, not "expected a string").
function walkUnion(branches: TSchema[], value: unknown, path: FieldPath, issues: Issue[]): unknown {
  const candidates = branches.filter((b) => accepts(b, jsonType(value)));
  for (const branch of candidates) {
    const result = checkValue(branch, value, path);
    if (!result.issues.some((i) => i.severity === 'error') || branch === candidates.at(-1)) {
      issues.push(...result.issues);
      return result.value;
    }
  }
  mismatch({ anyOf: branches } as unknown as TSchema, value, path, issues);
  return value;
}

function walkEnum(schema: TSchema, value: unknown, path: FieldPath, issues: Issue[]): unknown {
  const allowed = schema.enum as string[];
  const match = typeof value === 'string' ? allowed.find((a) => a.toLowerCase() === value.toLowerCase()) : undefined;
  if (match === undefined) mismatch(schema, value, path, issues);
  return match ?? value;
}

function walkString(schema: TSchema, value: unknown, path: FieldPath, issues: Issue[]): unknown {
  let text = value;
  if (schema['x-lathe-coerce'] === 'string' && (typeof value === 'number' || typeof value === 'boolean')) {
    text = String(value);
  }
  if (typeof text !== 'string') {
    mismatch(schema, value, path, issues);
    return value;
  }
  if (typeof schema.minLength === 'number' && text.length < schema.minLength) {
    issues.push({ severity: 'error', path, at: 'value', expected: 'a non-empty string', message: 'must not be empty' });
  }
  if (typeof schema.pattern === 'string' && !new RegExp(schema.pattern).test(text)) {
    const expected = typeof schema.description === 'string' ? schema.description : `text matching ${schema.pattern}`;
    issues.push({ severity: 'error', path, at: 'value', expected, message: `${JSON.stringify(text)} is not valid: expected ${expected}` });
  }
  const rule = schema['x-lathe-reference'] as ReferenceRule | undefined;
  if (rule !== undefined && text !== '') issues.push(...checkReference(text, rule, path));
  return text;
}

function walkNumber(schema: TSchema, value: unknown, path: FieldPath, issues: Issue[]): unknown {
  const ok = typeof value === 'number' && Number.isFinite(value) && (schema.type !== 'integer' || Number.isInteger(value));
  const inRange = ok && !(typeof schema.minimum === 'number' && value < schema.minimum) && !(typeof schema.maximum === 'number' && value > schema.maximum);
  if (!inRange) mismatch(schema, value, path, issues);
  return value;
}

function walkArray(schema: TSchema, value: unknown, path: FieldPath, issues: Issue[]): unknown {
  if (!Array.isArray(value)) {
    mismatch(schema, value, path, issues);
    return value;
  }
  const items = schema.items as TSchema | undefined;
  return items ? value.map((item, i) => walk(items, item, [...path, i], issues)) : value;
}

function walkObject(schema: TSchema, value: unknown, path: FieldPath, issues: Issue[]): unknown {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    mismatch(schema, value, path, issues);
    return value;
  }
  const input = value as Record<string, unknown>;
  const properties = (schema.properties ?? {}) as Record<string, TSchema>;
  const out: Record<string, unknown> = {};
  for (const [key, sub] of Object.entries(properties)) {
    if (input[key] === undefined || input[key] === null) {
      if (sub.default !== undefined) out[key] = structuredClone(sub.default);
      continue;
    }
    out[key] = walk(sub, input[key], [...path, key], issues);
  }
  checkRequired(schema, out, path, issues);
  checkExtraKeys(schema, input, out, path, issues);
  return out;
}

// Checks the output, not the input: a required field with a default is filled, never missing.
function checkRequired(schema: TSchema, out: Record<string, unknown>, path: FieldPath, issues: Issue[]): void {
  for (const key of (schema.required ?? []) as string[]) {
    if (out[key] === undefined) {
      const sub = (schema.properties as Record<string, TSchema>)[key];
      const expected = sub ? describeSchema(sub) : 'a value';
      issues.push({ severity: 'error', path: [...path, key], at: 'container', expected, message: `required field '${key}' is missing` });
    }
  }
}

function checkExtraKeys(schema: TSchema, input: Record<string, unknown>, out: Record<string, unknown>, path: FieldPath, issues: Issue[]): void {
  const properties = (schema.properties ?? {}) as Record<string, TSchema>;
  const patterns = Object.entries((schema.patternProperties ?? {}) as Record<string, TSchema>);
  const allowed = Object.keys(properties);
  for (const [key, item] of Object.entries(input)) {
    if (Object.hasOwn(properties, key)) continue;
    const keyPath = [...path, key];
    if (patterns.length > 0) {
      checkPatternKey(patterns, key, item, keyPath, out, issues);
      continue;
    }
    if (schema.additionalProperties !== false) {
      out[key] = item;
      continue;
    }
    const lenient = schema['x-lathe-unknown'] === 'warn';
    issues.push({
      severity: lenient ? 'warning' : 'error',
      path: keyPath,
      at: 'key',
      expected: `one of: ${allowed.join(', ')}`,
      message: lenient ? `unknown setting '${key}' is ignored` : `unknown field '${key}'; allowed fields: ${allowed.join(', ')}`,
    });
  }
}

function checkPatternKey(patterns: [string, TSchema][], key: string, item: unknown, keyPath: FieldPath, out: Record<string, unknown>, issues: Issue[]): void {
  const match = patterns.find(([pattern]) => new RegExp(pattern).test(key));
  if (match) {
    out[key] = walk(match[1], item, keyPath, issues);
    return;
  }
  const expected = 'a name of letters, digits and _ that does not start with a digit';
  issues.push({ severity: 'error', path: keyPath, at: 'key', expected, message: `'${key}' is not a valid name: expected ${expected}` });
}
