import type { FastifyRequest } from 'fastify';

/** Page size when a list names no `count`, and the most one page holds. */
const DEFAULT_COUNT = 30;
const MAX_COUNT = 100;

/** ARM's paging query: `count` items from the offset `$skip` (the continuation token of `nextLink`). */
export interface ArmPageQuery {
  count?: number;
  $skip?: number;
}

/** The querystring schema of {@link ArmPageQuery}, to spread into a route's. */
export const ARM_PAGE_QUERY = {
  count: { type: 'integer', minimum: 1, maximum: MAX_COUNT },
  $skip: { type: 'integer', minimum: 0 },
} as const;

/**
 * One page of `items` in ARM's list shape, `{ value, nextLink? }`: `nextLink` is the request's own
 * URL with `$skip` moved past this page, present only while items remain.
 */
export function armPage<T>(request: FastifyRequest, items: T[]): { value: T[]; nextLink?: string } {
  const query = request.query as ArmPageQuery;
  const skip = query.$skip ?? 0;
  const end = skip + (query.count ?? DEFAULT_COUNT);
  const value = items.slice(skip, end);
  if (end >= items.length) return { value };
  const url = new URL(request.url, `${request.protocol}://${request.host}`);
  url.searchParams.set('$skip', String(end));
  return { value, nextLink: url.toString() };
}
