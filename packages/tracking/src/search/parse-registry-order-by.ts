import { badRequest } from '../bad-request.js';
import { pyList, pySet } from '../python-format.js';
import { orderByItems, splitOrderBy } from './parse-order-by.js';
import { readIdentifier } from './read-identifier.js';

/** A registered-models/search or model-versions/search sort key: always an attribute. */
export interface RegistryOrderKey {
  /** `name`, `creation_timestamp`, `last_updated_timestamp`, and for versions `version_number`. */
  key: string;
  ascending: boolean;
}

const MODEL_KEYS = ['name', 'creation_timestamp', 'last_updated_timestamp'];
const VERSION_KEYS = ['name', 'version_number', 'creation_timestamp', 'last_updated_timestamp'];

/**
 * Parses registered-models/search `order_by`: `name`, `creation_timestamp` or
 * `last_updated_timestamp` (optionally `attribute.`-prefixed), then ASC or DESC.
 *
 * @example
 * parseRegisteredModelOrderBy(['last_updated_timestamp DESC']);
 */
export function parseRegisteredModelOrderBy(orderBy: readonly string[] | undefined): RegistryOrderKey[] {
  return parseRegistryOrderBy(orderBy, MODEL_KEYS);
}

/** Parses model-versions/search `order_by`: the registered-model keys and `version_number`. */
export function parseModelVersionOrderBy(orderBy: readonly string[] | undefined): RegistryOrderKey[] {
  return parseRegistryOrderBy(orderBy, VERSION_KEYS);
}

function parseRegistryOrderBy(orderBy: readonly string[] | undefined, valid: readonly string[]): RegistryOrderKey[] {
  const keys = orderByItems(orderBy).map((item) => {
    const { lhs, ascending } = splitOrderBy(item);
    const id = readIdentifier(lhs);
    if (id.prefix === 'tag' || id.prefix === 'tags') throw badRequest(`Invalid order_by entity: tag`);
    if (id.prefix !== undefined && id.prefix !== 'attribute' && id.prefix !== 'attributes') {
      throw badRequest(`Invalid entity type '${id.prefix}'. Valid entity types are ('attribute', 'tag', 'tags')`);
    }
    if (!valid.includes(id.key)) throw badRequest(`Invalid order by key '${id.key}' specified. Valid keys are ${pySet(valid)}`);
    return { key: id.key, ascending };
  });
  if (new Set(keys.map((k) => k.key)).size !== keys.length) throw badRequest(`\`order_by\` contains duplicate fields: ${pyList(orderBy ?? [])}`);
  return keys;
}
