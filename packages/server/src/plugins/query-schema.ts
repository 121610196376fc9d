import type { FastifyInstance, RouteOptions } from 'fastify';

/** A query string of any keys, each given once: a repeated key is an array, which fails it. */
const SCALAR_QUERY = { type: 'object', additionalProperties: { type: 'string' } };

/**
 * Gives each route registered in `scope` after this call that declares no `querystring`
 * schema one that accepts any key given once, so a repeated key (`?job=a&job=b`) is a 400
 * instead of an array reaching code that expects a string. Routes that read repeatable keys
 * declare their own schema.
 */
export function scalarQueryByDefault(scope: FastifyInstance): void {
  scope.addHook('onRoute', (route: RouteOptions) => {
    if (route.schema?.querystring !== undefined) return;
    route.schema = { ...route.schema, querystring: SCALAR_QUERY };
  });
}

/**
 * Makes every numeric query parameter of routes registered in `scope` refuse `Infinity` and
 * `-Infinity`. Ajv coerces the text `Infinity` to a number and then skips `minimum`/`maximum`
 * for a non-finite one; a second `type` check after coercion does refuse it.
 */
export function finiteQueryNumbers(scope: FastifyInstance): void {
  scope.addHook('onRoute', (route: RouteOptions) => {
    const query = route.schema?.querystring as { properties?: Record<string, Record<string, unknown>> } | undefined;
    if (query?.properties === undefined) return;
    const properties: Record<string, Record<string, unknown>> = {};
    for (const [name, property] of Object.entries(query.properties)) {
      const numeric = property.type === 'integer' || property.type === 'number';
      properties[name] = numeric ? { ...property, allOf: [...((property.allOf as unknown[]) ?? []), { type: property.type }] } : property;
    }
    route.schema = { ...route.schema, querystring: { ...query, properties } };
  });
}
