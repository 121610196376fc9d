import { badRequest } from '../bad-request.js';
import { pyList } from '../python-format.js';
import { invalidValue } from '../validation/messages.js';
import type { RawClause } from './read-clauses.js';
import { checkAttributeKey, readIdentifier } from './read-identifier.js';
import { EXPERIMENT_ENTITY_PREFIXES, EXPERIMENT_ORDER_BY_ATTRIBUTES, RUN_ENTITY_PREFIXES, RUN_ORDER_BY_ATTRIBUTES, canonicalRunAttribute } from './search-keys.js';
import { tokenize, type Token } from './tokenize.js';

/** A runs/search sort key. Attribute keys are canonical (`created` → `start_time`). */
export interface RunOrderKey {
  type: 'metric' | 'param' | 'tag' | 'attribute';
  key: string;
  ascending: boolean;
}

/** An experiments/search sort key: always an attribute. */
export interface ExperimentOrderKey {
  type: 'attribute';
  /** `name`, `experiment_id`, `creation_time` or `last_update_time`. */
  key: string;
  ascending: boolean;
}

/**
 * Parses runs/search `order_by` as MLflow does: each item is `<identifier> [ASC|DESC]` (any case;
 * ASC when absent), e.g. `metrics.acc DESC`, `params.lr`, ``tags.`mlflow.runName` ASC``,
 * `attributes.start_time`, `start_time`, `run_name`. Datasets cannot be sorted on, and naming the
 * same field twice is an error, as in MLflow. Throws `LATHE_BAD_REQUEST` with MLflow's wording.
 *
 * @example
 * parseRunOrderBy(['metrics.acc DESC', 'created']);
 * // [{ type: 'metric', key: 'acc', ascending: false }, { type: 'attribute', key: 'start_time', ascending: true }]
 */
export function parseRunOrderBy(orderBy: readonly string[] | undefined): RunOrderKey[] {
  const keys = orderByItems(orderBy).map(runOrderKey);
  const seen = new Set<string>();
  for (const key of keys) {
    const id = `${key.type}\u0000${key.key}`;
    if (seen.has(id)) throw badRequest(`\`order_by\` contains duplicate fields: ${pyList(orderBy ?? [])}`);
    seen.add(id);
  }
  return keys;
}

/**
 * Parses experiments/search `order_by`: `name`, `experiment_id`, `creation_time` or
 * `last_update_time` (optionally `attribute.`-prefixed), then ASC or DESC. Tags cannot be sorted on.
 */
export function parseExperimentOrderBy(orderBy: readonly string[] | undefined): ExperimentOrderKey[] {
  return orderByItems(orderBy).map((item) => {
    const { lhs, ascending } = splitOrderBy(item);
    const id = readIdentifier(lhs);
    const type = id.prefix === undefined ? 'attribute' : EXPERIMENT_ENTITY_PREFIXES[id.prefix];
    if (type === undefined || (id.prefix !== undefined && !Object.hasOwn(EXPERIMENT_ENTITY_PREFIXES, id.prefix))) {
      throw badRequest(`Invalid entity type '${id.prefix}'. Valid entity types are ('attribute', 'attributes', 'tag', 'tags')`);
    }
    if (type === 'tag') throw badRequest('Invalid order_by entity: tag');
    checkAttributeKey(id.key, EXPERIMENT_ORDER_BY_ATTRIBUTES);
    return { type, key: id.key, ascending };
  });
}

/** The items of `order_by`; absent is none, and anything but an array is refused. @internal */
export function orderByItems(orderBy: unknown): readonly string[] {
  if (orderBy === undefined || orderBy === null) return [];
  if (!Array.isArray(orderBy)) throw badRequest(invalidValue('order_by', orderBy, 'Expected an array of strings.'));
  return orderBy;
}

function runOrderKey(item: string): RunOrderKey {
  const { lhs, ascending } = splitOrderBy(item);
  const id = readIdentifier(lhs);
  const type = id.prefix === undefined ? 'attribute' : RUN_ENTITY_PREFIXES[id.prefix];
  if (type === undefined || (id.prefix !== undefined && !Object.hasOwn(RUN_ENTITY_PREFIXES, id.prefix))) {
    throw badRequest(`Invalid entity type '${id.prefix}'. Valid values are ['metric', 'parameter', 'tag', 'attribute', 'dataset']`);
  }
  if (type === 'dataset') throw badRequest("Invalid identifier type 'dataset'");
  if (type !== 'attribute') return { type, key: id.key, ascending };
  checkAttributeKey(id.key, RUN_ORDER_BY_ATTRIBUTES);
  return { type, key: canonicalRunAttribute(id.key), ascending };
}

/** `<identifier> [ASC|DESC]` → the identifier and the direction. @internal */
export function splitOrderBy(item: string): { lhs: RawClause['lhs']; ascending: boolean } {
  const unparsable = () => badRequest(`Invalid order_by clause '${item}'. Could not be parsed.`, { order_by: item });
  if (typeof item !== 'string') throw unparsable();
  const [lhs, direction, ...rest] = tokenize(item, unparsable);
  if (rest.length > 0 || lhs === undefined || !isName(lhs)) throw unparsable();
  if (direction === undefined) return { lhs, ascending: true };
  const word = direction.kind === 'ident' && direction.segments.length === 1 ? direction.text.toLowerCase() : '';
  if (word !== 'asc' && word !== 'desc') throw badRequest(`Invalid ordering key in order_by clause '${item}'.`, { order_by: item });
  return { lhs, ascending: word === 'asc' };
}

function isName(token: Token): token is RawClause['lhs'] {
  return token.kind === 'ident' || (token.kind === 'string' && token.quote === '"');
}
