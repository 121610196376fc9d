import { badRequest } from '../bad-request.js';
import { pyList } from '../python-format.js';
import { quotedString } from './quoted-string.js';
import { checkFilterArgument, readClauses, type ListValue, type RawClause } from './read-clauses.js';
import { checkAttributeKey, checkComparator, readIdentifier } from './read-identifier.js';
import {
  DATASET_KEYS,
  NUMERIC_COMPARATORS,
  RUN_ENTITY_PREFIXES,
  RUN_NUMERIC_ATTRIBUTES,
  RUN_SEARCH_ATTRIBUTES,
  SET_COMPARATORS,
  STRING_COMPARATORS,
  canonicalRunAttribute,
  type SearchEntityType,
} from './search-keys.js';
import type { Token } from './tokenize.js';

/**
 * One clause of a runs/search filter, checked against MLflow's rules.
 *
 * - `metric`: `comparator` is one of `= != > >= < <=`, `value` a number.
 * - `param`, `tag`: `= != LIKE ILIKE`, `value` a string.
 * - `attribute`: `key` is canonical (`created` → `start_time`, `run name` → `run_name`).
 *   `start_time`/`end_time` take numeric comparators and a number; the string attributes
 *   (`run_id`, `run_name`, `status`, `user_id`, `artifact_uri`) take `= != LIKE ILIKE` and a
 *   string, and `run_id` also `IN`/`NOT IN` with a `string[]`.
 * - `dataset`: `key` is `name`, `digest` or `context`; `= != LIKE ILIKE` with a string, or
 *   `IN`/`NOT IN` with a `string[]`.
 *
 * `value` is never `null` today: MLflow's grammar has no IS NULL, so neither does this one.
 */
export interface RunFilterClause {
  type: SearchEntityType;
  key: string;
  /** Upper-cased: `=`, `!=`, `>`, `>=`, `<`, `<=`, `LIKE`, `ILIKE`, `IN` or `NOT IN`. */
  comparator: string;
  value: number | string | string[] | null;
}

const ENTITY_NAMES = ['metric', 'parameter', 'tag', 'attribute', 'dataset'];

/**
 * Parses a runs/search `filter` as MLflow's server does: clauses joined by AND (any case), no OR,
 * no parentheses. An empty or blank filter gives no clauses. Throws `LATHE_BAD_REQUEST` with
 * MLflow's wording for anything MLflow rejects.
 *
 * @example
 * parseRunFilter("metrics.acc > 0.9 and tags.`mlflow.runName` = 'x'");
 * // [{ type: 'metric', key: 'acc', comparator: '>', value: 0.9 },
 * //  { type: 'tag', key: 'mlflow.runName', comparator: '=', value: 'x' }]
 */
export function parseRunFilter(filter: string | undefined): RunFilterClause[] {
  if (!checkFilterArgument(filter)) return [];
  return readClauses(filter).map(runClause);
}

function runClause(raw: RawClause): RunFilterClause {
  const id = readIdentifier(raw.lhs);
  const type = id.prefix === undefined ? 'attribute' : entityType(id.prefix);
  if (type === 'attribute') checkAttributeKey(id.key, RUN_SEARCH_ATTRIBUTES);
  if (type === 'dataset' && !DATASET_KEYS.includes(id.key)) {
    throw badRequest(`Invalid dataset key '${id.key}' specified. Valid keys are '{'name', 'digest', 'context'}'`);
  }
  if (raw.value === undefined) {
    checkComparator(raw.comparator, comparatorsFor(type, id.key));
    throw badRequest(`Invalid clause(s) in filter string: '${raw.text}'`);
  }
  const value = runValue(type, id.key, raw.value);
  checkComparator(raw.comparator, comparatorsFor(type, id.key));
  checkListUse(raw, value);
  return { type, key: type === 'attribute' ? canonicalRunAttribute(id.key) : id.key, comparator: raw.comparator, value };
}

function entityType(prefix: string): SearchEntityType {
  const type = RUN_ENTITY_PREFIXES[prefix];
  if (type === undefined || !Object.hasOwn(RUN_ENTITY_PREFIXES, prefix)) {
    throw badRequest(`Invalid entity type '${prefix}'. Valid values are ${pyList(ENTITY_NAMES)}`);
  }
  return type;
}

function comparatorsFor(type: SearchEntityType, key: string): readonly string[] {
  if (type === 'metric') return NUMERIC_COMPARATORS;
  if (type === 'param' || type === 'tag') return STRING_COMPARATORS;
  if (type === 'dataset') return SET_COMPARATORS;
  return RUN_NUMERIC_ATTRIBUTES.includes(key) ? NUMERIC_COMPARATORS : SET_COMPARATORS;
}

/** The right side for `type`, with MLflow's message when it is the wrong kind of value. */
function runValue(type: SearchEntityType, key: string, token: Token | ListValue): number | string | string[] {
  switch (type) {
    case 'metric':
      if (token.kind === 'number') return token.value;
      throw badRequest(`Expected numeric value type for metric. Found ${token.text}`);
    case 'param':
    case 'tag':
      return quotedString(token, `Expected a quoted string value for ${type === 'param' ? 'parameter' : 'tag'} (e.g. 'my-value'). Got value ${token.text}`);
    case 'dataset':
      if (token.kind === 'list') return token.items;
      return quotedString(token, `Expected a quoted string value for dataset attributes. Got value ${token.text}`);
    case 'attribute':
      return attributeValue(key, token);
  }
}

function attributeValue(key: string, token: Token | ListValue): number | string | string[] {
  if (RUN_NUMERIC_ATTRIBUTES.includes(key)) {
    if (token.kind === 'number') return token.value;
    throw badRequest(`Expected numeric value type for numeric attribute: ${key}. Found ${token.text}`);
  }
  if (token.kind === 'list') {
    if (key !== 'run_id') throw badRequest("Only the 'run_id' attribute supports comparison with a list of quoted string values.");
    return token.items;
  }
  return quotedString(token, `Expected a quoted string value for attributes. Got value ${token.text}`);
}

/** A list goes only with IN and NOT IN (the grammar already makes IN take a list). */
function checkListUse(raw: RawClause, value: unknown): void {
  if (Array.isArray(value) && raw.comparator !== 'IN' && raw.comparator !== 'NOT IN') {
    throw badRequest(`Invalid comparator '${raw.comparator}' for the list ${raw.value?.text}: a list needs IN or NOT IN`);
  }
}
