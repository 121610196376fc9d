import { findBindings } from './bindings.js';
import type { ComponentInput } from './schema/command-component-schema.js';
import { kindOf } from './validate/check-value.js';
import type { Issue } from './validate/issue.js';

/**
 * What a component input's schema cannot say: `min`, `max` and `enum` belong to some types
 * only, and `default` must be of the input's type and within its bounds. @internal
 */
export function componentInputIssues(inputs: Readonly<Record<string, ComponentInput>> | undefined): Issue[] {
  // An input that is not a mapping is the schema's to report.
  return Object.entries(inputs ?? {})
    .filter(([, input]) => typeof input === 'object' && input !== null)
    .flatMap(([name, input]) => [...misplacedKeys(name, input), ...defaultIssues(name, input)]);
}

const NUMERIC = new Set(['number', 'integer']);
const PRIMITIVE = new Set(['number', 'integer', 'string', 'boolean']);

function misplacedKeys(name: string, input: ComponentInput): Issue[] {
  const misplaced = (key: string, expected: string): Issue => ({
    severity: 'error',
    path: ['inputs', name, key],
    at: 'key',
    expected,
    message: `'${key}' applies only to ${expected}; this input is of type ${input.type}`,
  });
  const out: Issue[] = [];
  if (!NUMERIC.has(input.type)) {
    if (input.min !== undefined) out.push(misplaced('min', 'number and integer inputs'));
    if (input.max !== undefined) out.push(misplaced('max', 'number and integer inputs'));
  }
  if (input.enum !== undefined && input.type !== 'string') out.push(misplaced('enum', 'string inputs'));
  if (input.mode !== undefined && PRIMITIVE.has(input.type)) out.push(misplaced('mode', 'file and folder inputs'));
  if (input.min !== undefined && input.max !== undefined && input.min > input.max && NUMERIC.has(input.type)) {
    const expected = `a number ≥ min (${input.min})`;
    out.push({ severity: 'error', path: ['inputs', name, 'max'], at: 'value', expected, message: `max ${input.max} is below min ${input.min}` });
  }
  return out;
}

function defaultIssues(name: string, input: ComponentInput): Issue[] {
  if (input.default === undefined) return [];
  const bad = (expected: string, message: string): Issue[] => [{ severity: 'error', path: ['inputs', name, 'default'], at: 'value', expected, message }];
  const expected = expectedDefault(input.type);
  if (!fitsType(input.type, input.default)) return bad(expected, `expected ${expected} (the input's type), got ${kindOf(input.default)}`);
  const value = input.default;
  if (typeof value === 'number' && input.min !== undefined && value < input.min) return bad(`a number ≥ ${input.min}`, `default ${value} is below min ${input.min}`);
  if (typeof value === 'number' && input.max !== undefined && value > input.max) return bad(`a number ≤ ${input.max}`, `default ${value} is above max ${input.max}`);
  if (input.enum !== undefined && !input.enum.map(String).includes(String(value))) {
    const allowed = `one of: ${input.enum.join(', ')}`;
    return bad(allowed, `default ${JSON.stringify(value)} is not in enum: expected ${allowed}`);
  }
  return [];
}

function expectedDefault(type: string): string {
  if (type === 'integer') return 'an integer';
  if (type === 'number') return 'a number';
  if (type === 'boolean') return 'true or false';
  return type === 'string' ? 'a string' : 'a path (a string)';
}

function fitsType(type: string, value: string | number | boolean): boolean {
  if (type === 'integer') return typeof value === 'number' && Number.isInteger(value);
  if (type === 'number') return typeof value === 'number';
  if (type === 'boolean') return typeof value === 'boolean';
  return typeof value === 'string';
}

/**
 * Warnings for optional inputs bound outside `$[[ ... ]]`: when such an input is not given the
 * command has no value for it. @internal
 */
export function optionalBindingWarnings(command: string, inputs: Readonly<Record<string, ComponentInput>> | undefined): Issue[] {
  return findBindings(command)
    .filter((b) => b.root === 'inputs' && !b.optional && inputs?.[b.name]?.optional === true && inputs[b.name]?.default === undefined)
    .map((b) => ({
      severity: 'warning',
      path: ['command'],
      at: 'value',
      offsetInValue: b.offset,
      message: `${b.text} is optional but outside $[[ ... ]]; the command fails when '${b.name}' is not given`,
    }));
}
