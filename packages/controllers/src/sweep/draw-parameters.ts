import { isExpression, isSubSpace, type Constant, type Expression, type ParameterValue, type Parameters, type SearchSpace } from './search-space.js';
import { unitValue } from './unit-value.js';

/**
 * A source of coordinates in [0, 1): `unit(d)` is coordinate d of the point being drawn. A
 * random sampler ignores d and draws afresh; a Sobol sampler returns that coordinate of its
 * current point.
 */
export type UnitSource = (dimension: number) => number;

/**
 * How many coordinates a space uses: one per expression, counting every expression inside every
 * sub-space, picked or not, so each expression keeps the same coordinate in every trial (a
 * low-discrepancy sequence stays well spread per parameter).
 */
export function dimensionsOf(space: Readonly<Record<string, Expression | Constant>>): number {
  let total = 0;
  for (const entry of Object.values(space)) if (isExpression(entry)) total += expressionDimensions(entry);
  return total;
}

function expressionDimensions(expression: Expression): number {
  if (expression.type !== 'choice') return 1;
  return expression.values.reduce<number>((sum, value) => sum + (isSubSpace(value) ? dimensionsOf(value.entries) : 0), 1);
}

/**
 * Draws one trial's parameters, sub-spaces only where their choice is picked. A sub-space's
 * entries may be passed as the space (its constants are copied).
 */
export function drawParameters(space: SearchSpace | Readonly<Record<string, Expression | Constant>>, unit: UnitSource): Parameters {
  return drawEntries(space, unit, 0);
}

function drawEntries(entries: Readonly<Record<string, Expression | Constant>>, unit: UnitSource, first: number): Record<string, ParameterValue> {
  const values: Record<string, ParameterValue> = {};
  let dimension = first;
  for (const [name, entry] of Object.entries(entries)) {
    if (!isExpression(entry)) {
      values[name] = entry;
      continue;
    }
    values[name] = drawExpression(entry, unit, dimension);
    dimension += expressionDimensions(entry);
  }
  return values;
}

function drawExpression(expression: Expression, unit: UnitSource, dimension: number): ParameterValue {
  const value = unitValue(expression, unit(dimension));
  if (expression.type !== 'choice') return value;
  let next = dimension + 1;
  for (const [i, option] of expression.values.entries()) {
    if (!isSubSpace(option)) continue;
    if (i === value) return drawEntries(option.entries, unit, next);
    next += dimensionsOf(option.entries);
  }
  return expression.values[value] as Constant;
}
