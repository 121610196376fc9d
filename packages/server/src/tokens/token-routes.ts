import { Readable } from 'node:stream';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { EntraError } from './entra-error.js';
import type { TokenService } from './token-service.js';

type TenantParams = { tenant: string };

/**
 * The Entra-shaped token service that azure-identity's `DefaultAzureCredential` (through MSAL)
 * talks to when `AZURE_AUTHORITY_HOST` names this server:
 * - `GET /adfs/.well-known/openid-configuration`, `POST /adfs/oauth2/v2.0/token` for
 *   `AZURE_TENANT_ID=adfs` (MSAL then skips instance discovery);
 * - `GET /<tenant id>/v2.0/.well-known/openid-configuration`, `POST /<tenant id>/oauth2/v2.0/token`
 *   for the server's tenant GUID (with `instance_discovery=False`);
 * - the JWK Sets at `jwks_uri`.
 * Open without the access token: the token request authenticates itself. Errors use Entra's
 * shape ({@link EntraError}), never Lathe's, because MSAL reads them.
 */
export async function tokenRoutes(app: FastifyInstance, tokens: TokenService): Promise<void> {
  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string', bodyLimit: 64 * 1024 }, (_request, body, done) => {
    done(null, Object.fromEntries(new URLSearchParams(body as string)));
  });
  app.setErrorHandler(async (error, _request, reply) => {
    if (error instanceof EntraError) return reply.status(error.status).send(error.body());
    throw error;
  });
  const config = (base: string, tenant: string) => openIdConfiguration(base, tenant, tokens.tenantId);
  app.get('/adfs/.well-known/openid-configuration', async (request) => config(baseUrl(request), 'adfs'));
  app.get('/adfs/discovery/keys', async () => tokens.jwks());
  app.post('/adfs/oauth2/v2.0/token', async (request, reply) => token(request, reply, `${baseUrl(request)}/adfs`));
  app.get<{ Params: TenantParams }>('/:tenant/v2.0/.well-known/openid-configuration', async (request) => config(baseUrl(request), knownTenant(tokens, request.params.tenant)));
  app.get<{ Params: TenantParams }>('/:tenant/discovery/v2.0/keys', async (request) => {
    knownTenant(tokens, request.params.tenant);
    return tokens.jwks();
  });
  app.post<{ Params: TenantParams }>('/:tenant/oauth2/v2.0/token', async (request, reply) => token(request, reply, `${baseUrl(request)}/${knownTenant(tokens, request.params.tenant)}/v2.0`));

  async function token(request: FastifyRequest, reply: FastifyReply, issuer: string) {
    // Other content types reach routes as streams (the app's catch-all parser).
    if (typeof request.body !== 'object' || request.body === null || request.body instanceof Readable) {
      throw new EntraError(400, 'invalid_request', 900144, 'The request body must be application/x-www-form-urlencoded and contain the following parameter: grant_type.');
    }
    void reply.header('cache-control', 'no-store').header('pragma', 'no-cache');
    return tokens.issue(request.body as Record<string, string>, issuer);
  }
}

function knownTenant(tokens: TokenService, tenant: string): string {
  if (!tokens.knowsTenant(tenant)) throw new EntraError(400, 'invalid_tenant', 90002, `Tenant '${tenant.slice(0, 64)}' not found. This server's tenants are adfs and ${tokens.tenantId}.`);
  return tenant.toLowerCase();
}

// The URL the client used (its Host passed the allow-list), so discovery points back at it.
function baseUrl(request: FastifyRequest): string {
  return `${request.protocol}://${request.host}`;
}

function openIdConfiguration(base: string, tenant: string, tenantId: string): Record<string, unknown> {
  const authority = tenant === 'adfs' ? `${base}/adfs` : `${base}/${tenant}`;
  const v2 = tenant === 'adfs' ? authority : `${authority}/v2.0`;
  return {
    issuer: v2,
    token_endpoint: `${authority}/oauth2/v2.0/token`,
    authorization_endpoint: `${authority}/oauth2/v2.0/authorize`,
    jwks_uri: tenant === 'adfs' ? `${authority}/discovery/keys` : `${authority}/discovery/v2.0/keys`,
    token_endpoint_auth_methods_supported: ['client_secret_post'],
    grant_types_supported: ['client_credentials'],
    response_types_supported: ['token'],
    subject_types_supported: ['pairwise'],
    id_token_signing_alg_values_supported: ['ES256'],
    scopes_supported: ['openid'],
    tenant_region_scope: null,
    lathe_tenant_id: tenantId,
  };
}
