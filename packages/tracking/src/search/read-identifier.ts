import type { LatheError } from '@lathe/core';
import { badRequest } from '../bad-request.js';
import { pySet } from '../python-format.js';
import type { RawClause } from './read-clauses.js';

/**
 * Splits the left side of a clause or sort key into entity prefix and key, as MLflow's
 * `_get_identifier` does: the first dot separates them, a lone name is an attribute, and a key may
 * be wrapped in backticks or double quotes (`metrics."f1 score"`, ``tags.`mlflow.runName` ``).
 * @internal
 */
export interface RawIdentifier {
  /** The entity prefix as written, backticks removed; undefined for a lone name. */
  prefix?: string;
  key: string;
}

/** Reads prefix and key, or throws MLflow's "Invalid identifier" message. */
export function readIdentifier(lhs: RawClause['lhs']): RawIdentifier {
  if (lhs.kind === 'string') return nonEmpty({ key: lhs.value }, lhs.text);
  const [first, ...rest] = lhs.segments;
  if (first === undefined || first.quote === '"') throw invalidIdentifier(lhs.text);
  if (rest.length === 0) return nonEmpty({ key: first.text }, lhs.text);
  const quoted = rest.some((s) => s.quote !== '');
  // A quoted key must be the whole key: `tags."a".b` names nothing.
  if (quoted && rest.length > 1) throw invalidIdentifier(lhs.text);
  return nonEmpty({ prefix: first.text, key: rest.map((s) => s.text).join('.') }, lhs.text);
}

function nonEmpty(id: RawIdentifier, text: string): RawIdentifier {
  if (id.key === '' || id.prefix === '') throw invalidIdentifier(text);
  return id;
}

/** MLflow's message for a left side that is not `<type>.<key>`. */
export function invalidIdentifier(text: string): LatheError {
  return badRequest(`Invalid identifier '${text}'. Columns should be specified as 'attribute.<key>', 'metric.<key>', 'tag.<key>', 'dataset.<key>', or 'param.'.`);
}

/** Throws MLflow's message when `key` is not one of the `valid` attribute keys. */
export function checkAttributeKey(key: string, valid: readonly string[]): void {
  if (!valid.includes(key)) throw badRequest(`Invalid attribute key '${key}' specified. Valid keys are '${pySet(valid)}'`);
}

/** Throws MLflow's message when `comparator` is not one of `valid`. */
export function checkComparator(comparator: string, valid: readonly string[]): void {
  if (!valid.includes(comparator)) throw badRequest(`Invalid comparator '${comparator}' not one of '${pySet(valid)}'`);
}
