import type { FastifyInstance } from 'fastify';
import { notFound } from '@lathe/core';
import type { CreateServicePrincipalRequest, ServicePrincipalResource } from '@lathe/api';
import type { ServicePrincipalRecord, ServicePrincipalStore } from '@lathe/store';
import type { TokenService } from './token-service.js';

type Params = { workspace: string; clientId: string };

/**
 * `…/service-principals[/<client id>]`: the workspace's service principals. POST creates one
 * (201, with `client_secret`, shown this once); GET lists them without secrets; DELETE removes
 * one (204), and its tokens stop verifying.
 */
export async function servicePrincipalRoutes(app: FastifyInstance, tokens: TokenService, store: ServicePrincipalStore): Promise<void> {
  app.post<{ Params: Params; Body: CreateServicePrincipalRequest }>(
    '/service-principals',
    {
      schema: {
        body: {
          type: 'object',
          required: ['name'],
          additionalProperties: false,
          properties: { name: { type: 'string', pattern: '^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$' } },
        },
      },
    },
    async (request, reply) => {
      const made = await tokens.createPrincipal(request.params.workspace, request.body.name);
      return reply.status(201).send({ ...toResource(made.record), client_secret: made.secret });
    },
  );
  app.get<{ Params: Params }>('/service-principals', async (request) => ({ value: (await store.listServicePrincipals(request.params.workspace)).map(toResource) }));
  app.delete<{ Params: Params }>('/service-principals/:clientId', async (request, reply) => {
    const { workspace, clientId } = request.params;
    if (!(await store.deleteServicePrincipal(workspace, clientId))) throw notFound('service principal', clientId);
    return reply.status(204).send();
  });
}

function toResource(record: ServicePrincipalRecord): ServicePrincipalResource {
  return { client_id: record.clientId, name: record.name, workspace: record.workspace, created_at: new Date(record.createdAt).toISOString() };
}
