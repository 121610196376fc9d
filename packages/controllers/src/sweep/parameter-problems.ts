import { quantize } from './quantize.js';
import { isExpression, isSubSpace, type Constant, type Expression, type ParameterValue, type Parameters, type SearchSpace } from './search-space.js';

/**
 * What is wrong with a trial's parameters for a space, one line per problem (empty when they
 * lie in it): a missing or extra name, a value of the wrong type, out of bounds (log types
 * against exp of their bounds, `q` types against the quantised bounds) or not a multiple of q,
 * or a sub-space value that matches none of its choice's sub-spaces.
 */
export function parameterProblems(space: SearchSpace, parameters: Parameters, field = 'parameters'): string[] {
  return entryProblems(space, parameters, field);
}

function entryProblems(entries: Readonly<Record<string, Expression | Constant>>, values: Readonly<Record<string, ParameterValue>>, field: string): string[] {
  const problems = Object.keys(values)
    .filter((name) => !(name in entries))
    .map((name) => `${field}.${name}: not in the space`);
  for (const [name, entry] of Object.entries(entries)) {
    const path = `${field}.${name}`;
    const value = values[name];
    if (value === undefined) problems.push(`${path}: missing`);
    else if (!isExpression(entry)) {
      if (value !== entry) problems.push(`${path}: expected the constant ${JSON.stringify(entry)}, got ${JSON.stringify(value)}`);
    } else problems.push(...valueProblems(entry, value, path));
  }
  return problems;
}

function valueProblems(expression: Expression, value: ParameterValue, field: string): string[] {
  if (expression.type === 'choice') return choiceProblems(expression.values, value, field);
  if (typeof value !== 'number' || !Number.isFinite(value)) return [`${field}: expected a finite number, got ${JSON.stringify(value)}`];
  const [low, high] = bounds(expression);
  const problems: string[] = [];
  if (value < low - tolerance(low) || value > high + tolerance(high)) problems.push(`${field}: ${value} is outside [${low}, ${high}]`);
  const step = expression.type === 'randint' ? 1 : expression.q;
  if (step !== undefined && Math.abs(value / step - Math.round(value / step)) > 1e-9 * Math.max(1, Math.abs(value / step))) {
    problems.push(`${field}: ${value} is not a multiple of ${step}`);
  }
  return problems;
}

function choiceProblems(options: readonly (Constant | { kind: 'subspace'; entries: Readonly<Record<string, Expression | Constant>> })[], value: ParameterValue, field: string): string[] {
  if (typeof value !== 'object') return options.includes(value) ? [] : [`${field}: ${JSON.stringify(value)} is not one of the choice's values`];
  const fits = options.some((option) => isSubSpace(option) && entryProblems(option.entries, value, field).length === 0);
  return fits ? [] : [`${field}: ${JSON.stringify(value)} matches none of the choice's sub-spaces`];
}

/** The closed range a non-choice expression's values lie in. */
function bounds(expression: Exclude<Expression, { type: 'choice' }>): [number, number] {
  switch (expression.type) {
    case 'randint':
      return [0, expression.upper - 1];
    case 'uniform':
      return [expression.minValue, expression.maxValue];
    case 'quniform':
      return [quantize(expression.minValue, expression.q!), quantize(expression.maxValue, expression.q!)];
    case 'loguniform':
      return [Math.exp(expression.minValue), Math.exp(expression.maxValue)];
    case 'qloguniform':
      return [quantize(Math.exp(expression.minValue), expression.q!), quantize(Math.exp(expression.maxValue), expression.q!)];
    case 'lognormal':
    case 'qlognormal':
      return [0, Infinity];
    default:
      return [-Infinity, Infinity];
  }
}

function tolerance(bound: number): number {
  return Number.isFinite(bound) ? 1e-12 * Math.max(1, Math.abs(bound)) : 0;
}
