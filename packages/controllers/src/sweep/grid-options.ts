import { invalidSpec } from './invalid-spec.js';
import { isExpression, isSubSpace, type Constant, type Expression, type ParameterValue } from './search-space.js';

/**
 * Every value grid sampling gives one parameter, in order: a choice's values in the order
 * listed, a sub-space value expanded into all combinations of its own choices (its first entry
 * varying slowest). So `choice([1, {a: choice([x, y])}])` has three options: 1, {a: x}, {a: y}.
 * Throws LATHE_INVALID_SPEC at `field` for an expression that is not a choice.
 */
export function gridOptions(expression: Expression, field: string): ParameterValue[] {
  if (expression.type !== 'choice') throw invalidSpec(field, `grid sampling supports only choice expressions, got ${expression.type}`);
  return expression.values.flatMap<ParameterValue>((value, i) => (isSubSpace(value) ? product(value.entries, `${field}.values[${i}]`) : [value]));
}

/** All combinations of the entries' options, the first entry varying slowest. */
export function product(entries: Readonly<Record<string, Expression | Constant>>, field: string): Record<string, ParameterValue>[] {
  let combinations: Record<string, ParameterValue>[] = [{}];
  for (const [name, entry] of Object.entries(entries)) {
    const options = isExpression(entry) ? gridOptions(entry, `${field}.${name}`) : [entry];
    combinations = combinations.flatMap((combination) => options.map((option) => ({ ...combination, [name]: option })));
  }
  return combinations;
}
