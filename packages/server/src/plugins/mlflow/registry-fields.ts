import { LatheError } from '@lathe/core';
import { ASSET_NAME_PATTERN } from '@lathe/spec';
import type { SearchRegistryQuery } from '@lathe/store';
import { parseModelVersionFilter, parseModelVersionOrderBy, parseRegisteredModelFilter, parseRegisteredModelOrderBy, validateModelVersionNumber, validateRegistryTag } from '@lathe/tracking';
import type { RequestFields } from './request-fields.js';

const NAME = new RegExp(ASSET_NAME_PATTERN);

/**
 * A registered model name from `field`. Registered models are Lathe's `model` assets, so a name
 * follows Azure's asset rule, which is narrower than MLflow's (any non-empty text).
 */
export function modelNameOf(f: RequestFields, field = 'name'): string {
  const name = f.string(field);
  if (!NAME.test(name)) {
    throw new LatheError(
      'LATHE_BAD_REQUEST',
      `Invalid value '${name}' for parameter '${field}' supplied: registered model names in Lathe are asset names: letters, digits, _, - and ., starting with a letter or digit, at most 255 characters.`,
      { details: { field } },
    );
  }
  return name;
}

/** The `version` field as MLflow reads it: an integer, in canonical form. */
export function versionOf(f: RequestFields, field = 'version'): string {
  return validateModelVersionNumber(f.string(field), field);
}

/** The request's `tags`, checked as MLflow checks registry tags. */
export function registryTagsOf(f: RequestFields): { key: string; value: string }[] {
  return f.objects('tags').map((entry, i) => validateRegistryTag({ key: entry.optionalString('key'), value: entry.optionalString('value') }, `tags[${i}]`));
}

/** The `key` and `value` of a set-tag request, checked as MLflow checks registry tags. */
export function registryTagOf(f: RequestFields): { key: string; value: string } {
  return validateRegistryTag({ key: f.optionalString('key'), value: f.optionalString('value') });
}

/** MLflow's limits for `max_results` of each search. */
const SEARCH_LIMITS = {
  models: { default: 100, max: 1000, filter: parseRegisteredModelFilter, orderBy: parseRegisteredModelOrderBy },
  versions: { default: 200_000, max: 200_000, filter: parseModelVersionFilter, orderBy: parseModelVersionOrderBy },
};

/** A registered-models/search or model-versions/search request as a store query. */
export function searchQueryOf(f: RequestFields, what: keyof typeof SEARCH_LIMITS): SearchRegistryQuery {
  const limits = SEARCH_LIMITS[what];
  const max = f.optionalInteger('max_results') ?? limits.default;
  if (max < 1) throw new LatheError('LATHE_BAD_REQUEST', `Invalid value for max_results. It must be a positive integer, but got ${max}`);
  if (max > limits.max) {
    throw new LatheError('LATHE_BAD_REQUEST', `Invalid value for request parameter max_results. It must be at most ${limits.max}, but got value ${max}`);
  }
  const pageToken = f.optionalString('page_token');
  return {
    filter: limits.filter(f.optionalString('filter')),
    orderBy: limits.orderBy(f.strings('order_by')),
    maxResults: max,
    ...(pageToken ? { pageToken } : {}),
  };
}
