import { invalidSpec } from './invalid-spec.js';
import { EXPRESSION_TYPES, type ChoiceValue, type Constant, type Expression, type ExpressionType, type SearchSpace, type SubSpace } from './search-space.js';

/** Parameter names Azure accepts (the SDK's check before it PUTs a sweep). */
const NAME_PATTERN = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** The largest x whose exp(x) is a finite double. */
const MAX_LOG = 709;

/** The keys each type takes, in the order the REST form lists them as arguments. */
const ARGUMENTS: Record<ExpressionType, readonly string[]> = {
  choice: ['values'],
  randint: ['upper'],
  uniform: ['min_value', 'max_value'],
  quniform: ['min_value', 'max_value', 'q'],
  loguniform: ['min_value', 'max_value'],
  qloguniform: ['min_value', 'max_value', 'q'],
  normal: ['mu', 'sigma'],
  qnormal: ['mu', 'sigma', 'q'],
  lognormal: ['mu', 'sigma'],
  qlognormal: ['mu', 'sigma', 'q'],
};

/**
 * Parses and validates a sweep `search_space` in either form, even mixed: the YAML mapping
 * (`{lr: {type: uniform, min_value: 0.01, max_value: 0.9}}`) or the REST form the Azure SDK
 * sends (`{lr: ["uniform", [0.01, 0.9]]}`, `["choice", [[1, 2, 3]]]`). Throws LATHE_INVALID_SPEC
 * naming the field path (`search_space.lr.min_value: expected a number below max_value`).
 */
export function parseSearchSpace(raw: unknown, field = 'search_space'): SearchSpace {
  if (!isRecord(raw) || Object.keys(raw).length === 0) throw invalidSpec(field, 'expected a mapping of parameter names to expressions, with at least one');
  const space: Record<string, Expression> = {};
  for (const [name, value] of Object.entries(raw)) {
    if (!NAME_PATTERN.test(name)) throw invalidSpec(`${field}.${name}`, 'a parameter name is letters, digits and underscores, not starting with a digit');
    space[name] = parseExpression(value, `${field}.${name}`);
  }
  return space;
}

/** Parses one expression, YAML (`{type, ...}`) or REST (`[type, [args]]`). */
export function parseExpression(raw: unknown, field: string): Expression {
  if (Array.isArray(raw)) return fromArguments(restType(raw, field), restArguments(raw, field), field);
  if (!isRecord(raw)) throw invalidSpec(field, 'expected an expression such as {type: uniform, min_value: 0, max_value: 1} or ["uniform", [0, 1]]');
  const type = expressionType(raw['type'], `${field}.type`);
  const keys = ARGUMENTS[type];
  for (const key of Object.keys(raw)) {
    if (key !== 'type' && !keys.includes(key)) throw invalidSpec(`${field}.${key}`, `unknown key for ${type} (it takes ${keys.join(', ')})`);
  }
  return fromArguments(
    type,
    keys.map((key) => raw[key]),
    field,
  );
}

function restType(raw: unknown[], field: string): ExpressionType {
  if (raw.length !== 2 || !Array.isArray(raw[1])) throw invalidSpec(field, 'expected [type, [arguments]] such as ["uniform", [0, 1]]');
  return expressionType(raw[0], `${field}[0]`);
}

function restArguments(raw: unknown[], field: string): unknown[] {
  const args = raw[1] as unknown[];
  const type = raw[0] as ExpressionType;
  const expected = ARGUMENTS[type].length;
  if (args.length !== expected) throw invalidSpec(`${field}[1]`, `${type} takes ${expected} argument(s) (${ARGUMENTS[type].join(', ')}), got ${args.length}`);
  return args;
}

function expressionType(raw: unknown, field: string): ExpressionType {
  if (typeof raw === 'string' && (EXPRESSION_TYPES as readonly string[]).includes(raw)) return raw as ExpressionType;
  throw invalidSpec(field, `expected one of ${EXPRESSION_TYPES.join(', ')}, got ${JSON.stringify(raw)}`);
}

/** Builds and checks an expression from its arguments in {@link ARGUMENTS} order. */
function fromArguments(type: ExpressionType, args: readonly unknown[], field: string): Expression {
  const at = (i: number): string => `${field}.${ARGUMENTS[type][i]!}`;
  if (type === 'choice') return { type, values: choiceValues(args[0], at(0)) };
  if (type === 'randint') return { type, upper: positiveInteger(args[0], at(0)) };
  const q = type.startsWith('q') ? positive(args[2], at(2)) : undefined;
  if (type.endsWith('uniform')) {
    const minValue = finite(args[0], at(0));
    const maxValue = finite(args[1], at(1));
    if (!(minValue < maxValue)) throw invalidSpec(at(0), 'expected a number below max_value');
    // The log types' bounds are natural logs: exp(710) is already Infinity.
    if (type.includes('log') && maxValue > MAX_LOG) throw invalidSpec(at(1), `expected at most ${MAX_LOG} (the bound is a natural log; exp of it must be finite), got ${maxValue}`);
    return q === undefined ? { type: type as 'uniform', minValue, maxValue } : { type: type as 'quniform', minValue, maxValue, q };
  }
  const mu = finite(args[0], at(0));
  const sigma = positive(args[1], at(1));
  return q === undefined ? { type: type as 'normal', mu, sigma } : { type: type as 'qnormal', mu, sigma, q };
}

function choiceValues(raw: unknown, field: string): ChoiceValue[] {
  if (!Array.isArray(raw) || raw.length === 0) throw invalidSpec(field, 'expected a list of at least one value');
  return raw.map((value, i) => (isRecord(value) ? subSpace(value, `${field}[${i}]`) : constant(value, `${field}[${i}]`)));
}

/** A choice value that is a mapping: each entry an expression (either form) or a constant. */
function subSpace(raw: Record<string, unknown>, field: string): SubSpace {
  if (Object.keys(raw).length === 0) throw invalidSpec(field, 'expected a mapping with at least one entry');
  const entries: Record<string, Expression | Constant> = {};
  for (const [name, value] of Object.entries(raw)) {
    const path = `${field}.${name}`;
    if (!NAME_PATTERN.test(name)) throw invalidSpec(path, 'a parameter name is letters, digits and underscores, not starting with a digit');
    entries[name] = Array.isArray(value) || isRecord(value) ? parseExpression(value, path) : constant(value, path);
  }
  return { kind: 'subspace', entries };
}

function constant(raw: unknown, field: string): Constant {
  if (typeof raw === 'string' || (typeof raw === 'number' && Number.isFinite(raw))) return raw;
  throw invalidSpec(field, `expected a number, a string or a mapping of expressions, got ${JSON.stringify(raw)}`);
}

function finite(raw: unknown, field: string): number {
  if (typeof raw === 'number' && Number.isFinite(raw)) return raw;
  throw invalidSpec(field, `expected a number, got ${JSON.stringify(raw)}`);
}

function positive(raw: unknown, field: string): number {
  const value = finite(raw, field);
  if (value > 0) return value;
  throw invalidSpec(field, `expected a number above 0, got ${value}`);
}

function positiveInteger(raw: unknown, field: string): number {
  const value = finite(raw, field);
  if (Number.isInteger(value) && value >= 1) return value;
  throw invalidSpec(field, `expected an integer of at least 1, got ${value}`);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
