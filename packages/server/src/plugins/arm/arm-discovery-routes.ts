import type { FastifyInstance } from 'fastify';

/** Where the discovery document is served (a workspace's `discoveryUrl`). */
export const DISCOVERY_ROUTE = '/discovery';

// The services the SDK and Azure's own tools look up; all of them answer on this server.
const SERVICES = ['api', 'catalog', 'experimentation', 'gallery', 'history', 'hyperdrive', 'labeling', 'modelmanagement', 'pipelines', 'studio'];

/**
 * The discovery document the Azure ML SDK fetches, without a bearer token, from a workspace's
 * `discoveryUrl`: every service's base URL, which here is the server itself as the client reached
 * it. It names nothing secret and nothing of any workspace.
 */
export async function armDiscoveryRoutes(app: FastifyInstance): Promise<void> {
  app.get(DISCOVERY_ROUTE, async (request) => {
    const base = `${request.protocol}://${request.host}`;
    return Object.fromEntries(SERVICES.map((service) => [service, base]));
  });
}
