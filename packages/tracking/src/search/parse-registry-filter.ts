import { badRequest } from '../bad-request.js';
import { pySet } from '../python-format.js';
import { quotedString } from './quoted-string.js';
import { checkFilterArgument, readClauses, type ListValue, type RawClause } from './read-clauses.js';
import { readIdentifier } from './read-identifier.js';
import { NUMERIC_COMPARATORS, STRING_COMPARATORS } from './search-keys.js';
import type { Token } from './tokenize.js';

/**
 * One clause of a registered-models/search or model-versions/search filter.
 *
 * - `attribute` `name` (both), `run_id` and `source_path` (versions): `= != LIKE ILIKE`, a string;
 *   `run_id` also `IN`, a list of strings.
 * - `attribute` `version_number` (versions): `= != > >= < <=`, a number.
 * - `tag`: `= != LIKE ILIKE`, a string.
 */
export interface RegistryFilterClause {
  type: 'attribute' | 'tag';
  key: string;
  /** Upper-cased. */
  comparator: string;
  value: string | number | string[];
}

const MODEL_ATTRIBUTES = ['name'];
const VERSION_ATTRIBUTES = ['name', 'version_number', 'run_id', 'source_path'];
const ENTITY_TYPES = "('attribute', 'tag', 'tags')";

/**
 * Parses a registered-models/search `filter` as MLflow's server does: `name` and `tags.<key>`
 * clauses joined by AND. Throws `LATHE_BAD_REQUEST` with MLflow's wording.
 *
 * @example
 * parseRegisteredModelFilter("name LIKE 'iris%' AND tags.team = 'vision'");
 */
export function parseRegisteredModelFilter(filter: string | undefined): RegistryFilterClause[] {
  if (!checkFilterArgument(filter)) return [];
  return readClauses(filter).map((raw) => registryClause(raw, MODEL_ATTRIBUTES));
}

/**
 * Parses a model-versions/search `filter`: `name`, `version_number`, `run_id` (also `IN (...)`),
 * `source_path` and `tags.<key>` clauses joined by AND.
 *
 * @example
 * parseModelVersionFilter("name = 'iris' AND version_number > 2 AND run_id IN ('a', 'b')");
 */
export function parseModelVersionFilter(filter: string | undefined): RegistryFilterClause[] {
  if (!checkFilterArgument(filter)) return [];
  return readClauses(filter).map((raw) => registryClause(raw, VERSION_ATTRIBUTES));
}

function registryClause(raw: RawClause, attributes: readonly string[]): RegistryFilterClause {
  const id = readIdentifier(raw.lhs);
  const type = entityType(id.prefix);
  if (type === 'attribute' && !attributes.includes(id.key)) {
    throw badRequest(`Invalid attribute key '${id.key}' specified. Valid keys are '${pySet(attributes)}'`);
  }
  if (raw.value === undefined) throw badRequest(`Invalid clause(s) in filter string: '${raw.text}'`);
  if (type === 'tag') {
    if (!STRING_COMPARATORS.includes(raw.comparator)) throw badRequest(`Invalid comparator for tag: ${raw.comparator}`);
    const value = quotedString(raw.value, `Expected a quoted string value for tag (e.g. 'my-value'). Got value ${raw.value.text}`);
    return { type, key: id.key, comparator: raw.comparator, value };
  }
  if (id.key === 'version_number') return versionNumberClause(raw.comparator, raw.value);
  // As in MLflow, the value is read (and refused) before the comparator is checked.
  const value = attributeValue(id.key, raw.comparator, raw.value);
  const valid = id.key === 'run_id' ? [...STRING_COMPARATORS, 'IN'] : STRING_COMPARATORS;
  if (!valid.includes(raw.comparator)) throw badRequest(`Invalid comparator for attribute: ${raw.comparator}`);
  return { type, key: id.key, comparator: raw.comparator, value };
}

function entityType(prefix: string | undefined): 'attribute' | 'tag' {
  if (prefix === undefined || prefix === 'attribute') return 'attribute';
  if (prefix === 'tag' || prefix === 'tags') return 'tag';
  throw badRequest(`Invalid entity type '${prefix}'. Valid entity types are ${ENTITY_TYPES}`);
}

function versionNumberClause(comparator: string, token: Token | ListValue): RegistryFilterClause {
  if (!NUMERIC_COMPARATORS.includes(comparator)) throw badRequest(`Invalid comparator for attribute version_number: ${comparator}`);
  // MLflow compares the integer column with the value; a quoted number works there too.
  const n = token.kind === 'number' ? token.value : token.kind === 'string' && /^\s*-?\d+\s*$/.test(token.value) ? Number(token.value) : NaN;
  if (!Number.isFinite(n)) throw badRequest(`Expected a numeric value for attribute version_number. Got value ${token.text}`);
  return { type: 'attribute', key: 'version_number', comparator, value: n };
}

function attributeValue(key: string, comparator: string, token: Token | ListValue): string | string[] {
  if (token.kind === 'list') {
    if (key !== 'run_id') throw badRequest("Only the 'run_id' attribute supports comparison with a list of quoted string values.");
    return token.items;
  }
  if (comparator === 'IN') throw badRequest(`Invalid clause(s) in filter string: '${key} IN ${token.text}'`);
  if (token.kind === 'number') {
    throw badRequest("Only the '{'version_number', 'creation_timestamp', 'last_updated_timestamp'}' attributes support comparison with numeric values.");
  }
  return quotedString(token, `Expected a quoted string value or a list of quoted string values for attributes. Got value ${token.text}`);
}
