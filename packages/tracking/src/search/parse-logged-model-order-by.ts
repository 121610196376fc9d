import { badRequest } from '../bad-request.js';
import { invalidValue } from '../validation/messages.js';
import { LOGGED_MODEL_SEARCH_ATTRIBUTES, canonicalLoggedModelAttribute } from './search-keys.js';

/**
 * A logged-models/search sort key. `type: 'metric'` sorts on the latest value (by timestamp, then
 * step) of metric `key`, among the points on `datasetName` / `datasetDigest` when given; models
 * without one come last in either direction.
 */
export interface LoggedModelOrderKey {
  type: 'attribute' | 'metric';
  /** A canonical attribute name, or the metric's key. */
  key: string;
  ascending: boolean;
  datasetName?: string;
  datasetDigest?: string;
}

/**
 * Parses logged-models/search `order_by`: a list of `{ field_name, ascending, dataset_name,
 * dataset_digest }` as MLflow 3 takes it. `field_name` is an attribute (`name`, `model_id`,
 * `creation_timestamp`, …) or `metrics.<key>`; `ascending` defaults to true; `dataset_digest`
 * needs `dataset_name`. Throws `LATHE_BAD_REQUEST` with MLflow's wording.
 *
 * @example
 * parseLoggedModelOrderBy([{ field_name: 'metrics.acc', ascending: false, dataset_name: 'test' }]);
 */
export function parseLoggedModelOrderBy(orderBy: unknown): LoggedModelOrderKey[] {
  if (orderBy === undefined || orderBy === null) return [];
  if (!Array.isArray(orderBy)) throw badRequest(invalidValue('order_by', orderBy, 'Expected a list of objects.'));
  return orderBy.map(orderKey);
}

function orderKey(item: unknown): LoggedModelOrderKey {
  if (typeof item !== 'object' || item === null || Array.isArray(item)) throw badRequest('`order_by` must be a list of dictionaries.');
  const { field_name: field, ascending = true, dataset_name: datasetName, dataset_digest: datasetDigest } = item as Record<string, unknown>;
  if (field === undefined || field === null) throw badRequest('`field_name` in the `order_by` clause must be specified.');
  if (typeof field !== 'string') throw badRequest(invalidValue('order_by.field_name', field, 'Expected a string.'));
  if (typeof ascending !== 'boolean') throw badRequest(`Value of \`ascending\` in the \`order_by\` clause must be a boolean, got ${typeof ascending} for field ${field}.`);
  const dataset = datasetOf(datasetName, datasetDigest);
  const dot = field.indexOf('.');
  if (dot >= 0) {
    const entity = field.slice(0, dot);
    if (entity !== 'metrics') throw badRequest(`Invalid order by field name: ${entity}, only \`metrics.<name>\` is allowed.`);
    return { type: 'metric', key: field.slice(dot + 1).replace(/^`(.*)`$/, '$1'), ascending, ...dataset };
  }
  const key = canonicalLoggedModelAttribute(field.trim());
  if (!LOGGED_MODEL_SEARCH_ATTRIBUTES.includes(key)) throw badRequest(`Invalid order by field name: ${field.trim()}.`);
  return { type: 'attribute', key, ascending, ...dataset };
}

function datasetOf(name: unknown, digest: unknown): { datasetName?: string; datasetDigest?: string } {
  for (const [field, value] of [
    ['dataset_name', name],
    ['dataset_digest', digest],
  ] as const) {
    if (value !== undefined && value !== null && typeof value !== 'string') throw badRequest(invalidValue(`order_by.${field}`, value, 'Expected a string.'));
  }
  if (digest && !name) throw badRequest('`dataset_digest` can only be specified if `dataset_name` is also specified.');
  return { ...(name ? { datasetName: name as string } : {}), ...(digest ? { datasetDigest: digest as string } : {}) };
}
