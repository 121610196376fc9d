import type { FastifyRequest } from 'fastify';
import type { TrackingStore } from '@lathe/store';
import type { ServerContext } from '../../server-context.js';
import { RequestFields } from './request-fields.js';

/**
 * What every MLflow route needs: the tracking store, the workspace a request addresses (the
 * MLflow API has no workspace in its paths; Lathe mounts it once per workspace prefix) and the
 * clock.
 */
export interface TrackingScope {
  ctx: ServerContext;
  tracking: TrackingStore;
  workspaceOf(request: FastifyRequest): string;
  now(): number;
}

/** The request's fields: the JSON body for POST/PATCH/DELETE with a body, else the query string. */
export function fieldsOf(request: FastifyRequest): RequestFields {
  if (request.method === 'GET' || request.body === undefined || request.body === null) return new RequestFields(request.query, true);
  return new RequestFields(request.body);
}
