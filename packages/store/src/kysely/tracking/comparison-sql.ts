import { LatheError } from '@lathe/core';
import { sql, type RawBuilder } from 'kysely';

const OPERATORS: Record<string, string> = { '=': '=', '!=': '<>', '>': '>', '>=': '>=', '<': '<', '<=': '<=', LIKE: 'like' };

/**
 * One comparison of an MLflow search filter as SQL: `= != > >= < <=`, `LIKE` (case-sensitive:
 * SQLite connections run with `case_sensitive_like`), `ILIKE` (both sides lower-cased) and `IN`
 * with a list. Shared by run, experiment and registry searches. Anything else is
 * `LATHE_BAD_REQUEST`.
 * @internal
 */
export function comparisonSql(expr: RawBuilder<unknown>, comparator: string, value: unknown): RawBuilder<unknown> {
  if (Array.isArray(value)) {
    if (comparator !== 'IN') throw new LatheError('LATHE_BAD_REQUEST', `Invalid comparator for a list: ${comparator}`);
    return sql`${expr} in (${sql.join(value)})`;
  }
  if (comparator === 'ILIKE') return sql`lower(${expr}) like lower(${value})`;
  const operator = OPERATORS[comparator];
  if (operator === undefined) throw new LatheError('LATHE_BAD_REQUEST', `Invalid comparator '${comparator}'`);
  return sql`${expr} ${sql.raw(operator)} ${value}`;
}
