import { badRequest } from '../bad-request.js';
import { quotedString } from './quoted-string.js';
import { checkFilterArgument, readClauses, type ListValue, type RawClause } from './read-clauses.js';
import { checkAttributeKey, readIdentifier } from './read-identifier.js';
import { EXPERIMENT_ENTITY_PREFIXES, EXPERIMENT_NUMERIC_ATTRIBUTES, EXPERIMENT_SEARCH_ATTRIBUTES, NUMERIC_COMPARATORS, STRING_COMPARATORS } from './search-keys.js';
import type { Token } from './tokenize.js';

/**
 * One clause of an experiments/search filter.
 *
 * - `attribute` `name`: `= != LIKE ILIKE`, `value` a string.
 * - `attribute` `creation_time` / `last_update_time`: `= != > >= < <=`, `value` a number.
 * - `tag`: `= != LIKE ILIKE`, `value` a string.
 */
export interface ExperimentFilterClause {
  type: 'attribute' | 'tag';
  key: string;
  /** Upper-cased. */
  comparator: string;
  value: number | string;
}

/**
 * Parses an experiments/search `filter` as MLflow's server does (same grammar as runs: AND only).
 * An empty or blank filter gives no clauses. Throws `LATHE_BAD_REQUEST` with MLflow's wording.
 *
 * @example
 * parseExperimentFilter("name LIKE 'x%' AND tags.group = 'y'");
 */
export function parseExperimentFilter(filter: string | undefined): ExperimentFilterClause[] {
  if (!checkFilterArgument(filter)) return [];
  return readClauses(filter).map(experimentClause);
}

function experimentClause(raw: RawClause): ExperimentFilterClause {
  const id = readIdentifier(raw.lhs);
  const type = id.prefix === undefined ? 'attribute' : experimentEntity(id.prefix);
  if (type === 'attribute') checkAttributeKey(id.key, EXPERIMENT_SEARCH_ATTRIBUTES);
  const numeric = type === 'attribute' && EXPERIMENT_NUMERIC_ATTRIBUTES.includes(id.key);
  const value = raw.value === undefined ? undefined : experimentValue(type, id.key, numeric, raw.value);
  const valid = numeric ? NUMERIC_COMPARATORS : STRING_COMPARATORS;
  if (!valid.includes(raw.comparator)) {
    const what = type === 'tag' ? 'tag' : numeric ? 'numeric attribute' : 'string attribute';
    throw badRequest(`Invalid comparator for ${what}: ${raw.comparator}`);
  }
  if (value === undefined) throw badRequest(`Invalid clause(s) in filter string: '${raw.text}'`);
  return { type, key: id.key, comparator: raw.comparator, value };
}

function experimentEntity(prefix: string): 'attribute' | 'tag' {
  const type = Object.hasOwn(EXPERIMENT_ENTITY_PREFIXES, prefix) ? EXPERIMENT_ENTITY_PREFIXES[prefix] : undefined;
  if (type === undefined) {
    throw badRequest(`Invalid entity type '${prefix}'. Valid entity types are ('attribute', 'attributes', 'tag', 'tags')`);
  }
  return type;
}

function experimentValue(type: 'attribute' | 'tag', key: string, numeric: boolean, token: Token | ListValue): number | string {
  if (numeric) {
    if (token.kind === 'number') return token.value;
    throw badRequest(`Expected numeric value type for numeric attribute: ${key}. Found ${token.text}`);
  }
  if (token.kind === 'list' && type === 'attribute') {
    // MLflow's own message: only runs' run_id takes a list.
    throw badRequest("Only the 'run_id' attribute supports comparison with a list of quoted string values.");
  }
  const otherwise = type === 'tag' ? `Expected a quoted string value for tag (e.g. 'my-value'). Got value ${token.text}` : `Expected a quoted string value for attributes. Got value ${token.text}`;
  return quotedString(token, otherwise);
}
