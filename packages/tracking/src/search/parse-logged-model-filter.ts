import { badRequest } from '../bad-request.js';
import { pyList, pyRepr } from '../python-format.js';
import { quotedString } from './quoted-string.js';
import { checkFilterArgument, readClauses, type RawClause } from './read-clauses.js';
import { checkAttributeKey, readIdentifier } from './read-identifier.js';
import {
  LOGGED_MODEL_ENTITY_PREFIXES,
  LOGGED_MODEL_NUMERIC_ATTRIBUTES,
  LOGGED_MODEL_SEARCH_ATTRIBUTES,
  NUMERIC_COMPARATORS,
  STRING_COMPARATORS,
  canonicalLoggedModelAttribute,
} from './search-keys.js';

/**
 * One clause of a logged-models/search filter (MLflow 3's `search_logged_model_utils`).
 *
 * - `attribute`: `key` is canonical (`creation_time` → `creation_timestamp`). The times take
 *   `= != > >= < <=` and a number; `name`, `model_id`, `model_type`, `status` and
 *   `source_run_id` take `= != LIKE ILIKE` and a quoted string.
 * - `metric`: numeric comparators and a number; a model matches when any point it has of that
 *   metric does (on one of the searched datasets, when the search names some).
 * - `param`, `tag`: `= != LIKE ILIKE` and a quoted string.
 */
export interface LoggedModelFilterClause {
  type: 'attribute' | 'metric' | 'param' | 'tag';
  key: string;
  /** Upper-cased. */
  comparator: string;
  value: number | string;
}

/**
 * Parses a logged-models/search `filter`: clauses joined by AND, each `<entity>.<key> <op>
 * <value>` where the entity is `attributes`, `metrics`, `params` or `tags` (a lone name is an
 * attribute). There is no IN and no IS NULL. An absent or blank filter has no clauses; anything
 * else MLflow refuses is `LATHE_BAD_REQUEST`.
 *
 * @example
 * parseLoggedModelFilter("name = 'clf' AND source_run_id = 'abc' AND metrics.acc > 0.9");
 */
export function parseLoggedModelFilter(filter: string | undefined): LoggedModelFilterClause[] {
  if (!checkFilterArgument(filter)) return [];
  return readClauses(filter).map(loggedModelClause);
}

function loggedModelClause(raw: RawClause): LoggedModelFilterClause {
  const id = readIdentifier(raw.lhs);
  const type = id.prefix === undefined ? 'attribute' : entityType(id.prefix);
  const key = type === 'attribute' ? canonicalLoggedModelAttribute(id.key) : id.key;
  if (type === 'attribute') checkAttributeKey(key, LOGGED_MODEL_SEARCH_ATTRIBUTES);
  const numeric = type === 'metric' || LOGGED_MODEL_NUMERIC_ATTRIBUTES.includes(key);
  const valid = numeric ? NUMERIC_COMPARATORS : STRING_COMPARATORS;
  const what = type === 'attribute' ? `attributes.${key}` : `${type}s.${key}`;
  if (!valid.includes(raw.comparator)) {
    throw badRequest(`Invalid comparison operator for ${what}: ${pyRepr(raw.comparator)}. Expected one of ${pyList(valid)}.`);
  }
  const token = raw.value;
  if (token === undefined || token.kind === 'list') throw badRequest(`Invalid clause(s) in filter string: '${raw.text}'`);
  if (numeric) {
    if (token.kind !== 'number') throw badRequest(`Expected a numeric value for ${what}. Found ${token.text}`);
    return { type, key, comparator: raw.comparator, value: token.value };
  }
  const value = quotedString(token, `Expected a quoted string value for ${what} (e.g. 'my-value'). Got value ${token.text}`);
  return { type, key, comparator: raw.comparator, value: type === 'attribute' && key === 'status' ? fullStatus(value) : value };
}

// MLflow's Python names the statuses PENDING, READY and FAILED; its REST API LOGGED_MODEL_*.
function fullStatus(value: string): string {
  const full = { PENDING: 'LOGGED_MODEL_PENDING', READY: 'LOGGED_MODEL_READY', FAILED: 'LOGGED_MODEL_UPLOAD_FAILED' }[value.toUpperCase()];
  return full ?? value;
}

function entityType(prefix: string): LoggedModelFilterClause['type'] {
  const type = Object.hasOwn(LOGGED_MODEL_ENTITY_PREFIXES, prefix) ? LOGGED_MODEL_ENTITY_PREFIXES[prefix] : undefined;
  if (type === undefined) throw badRequest(`Invalid entity type: ${pyRepr(prefix)}. Expected one of ${pyList(Object.keys(LOGGED_MODEL_ENTITY_PREFIXES))}.`);
  return type;
}
