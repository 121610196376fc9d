import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { chmod, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { LatheError } from '@lathe/core';
import type { ServicePrincipalRecord, ServicePrincipalStore } from '@lathe/store';
import { EntraError } from './entra-error.js';
import { hashSecret, verifySecret } from './secret-hash.js';
import { TokenSigner, type AccessTokenClaims } from './token-signer.js';

/** Access tokens last an hour, as Entra's do; clients fetch a new one before the end. */
export const TOKEN_LIFETIME_S = 3600;
/** Clock difference between issuer and verifier tolerated on `nbf` and `exp`. */
const SKEW_S = 60;

/** Who a verified access token speaks for. */
export interface VerifiedPrincipal {
  clientId: string;
  workspace: string;
  name: string;
  /** The token's audience (`https://management.azure.com`). */
  audience: string;
}

/** What {@link TokenService.issue} answers, in OAuth's shape. */
export interface IssuedToken {
  token_type: 'Bearer';
  expires_in: number;
  ext_expires_in: number;
  access_token: string;
}

/** A principal with its secret in clear, as it exists only at creation (and for the default one, in its file). */
export interface PrincipalCredentials {
  record: ServicePrincipalRecord;
  secret: string;
}

/**
 * The token service behind the Entra-shaped routes: trades a service principal's client id and
 * secret for a signed access token (client credentials), and verifies such tokens for the routes
 * that take them. Tokens are ES256 JWTs with `aud` (the requested resource), `tid`, `iss`, `iat`,
 * `nbf`, `exp`, and `sub` = `appid` = the client id. A token stops verifying when it expires, when
 * its principal is deleted, or when the signing key is replaced.
 */
export class TokenService {
  /** The tenant id tokens carry: a GUID derived from the signing key, so it is stable with it. */
  readonly tenantId: string;

  constructor(
    private readonly signer: TokenSigner,
    private readonly principals: ServicePrincipalStore,
    private readonly now: () => number = Date.now,
  ) {
    const hex = createHash('sha256').update(`lathe-tenant:${signer.keyId}`).digest('hex');
    this.tenantId = `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
  }

  /** Opens the service over the key in `<home>/secrets/`. */
  static async open(home: string, principals: ServicePrincipalStore): Promise<TokenService> {
    return new TokenService(await TokenSigner.load(home), principals);
  }

  /** The public keys, for `jwks_uri`. */
  jwks(): ReturnType<TokenSigner['jwks']> {
    return this.signer.jwks();
  }

  /** True for the tenants the routes answer: `adfs` and this server's tenant id. */
  knowsTenant(tenant: string): boolean {
    return tenant === 'adfs' || tenant.toLowerCase() === this.tenantId;
  }

  /**
   * The client credentials grant. `issuer` is the URL of the tenant the client asked
   * (`https://host:port/adfs`). Throws an {@link EntraError} as Entra would: an unknown client
   * (400 `unauthorized_client`), a wrong secret (401 `invalid_client`), a scope that is not one
   * `<resource>/.default` (400 `invalid_scope`).
   */
  async issue(form: Record<string, string>, issuer: string): Promise<IssuedToken> {
    const clientId = required(form, 'client_id');
    if (required(form, 'grant_type') !== 'client_credentials') {
      throw new EntraError(400, 'unsupported_grant_type', 70003, `The app requested an unsupported grant type '${form.grant_type}'. This server grants client_credentials only.`);
    }
    const audience = resourceOf(required(form, 'scope'));
    const secret = required(form, 'client_secret');
    const principal = await this.principals.getServicePrincipal(clientId);
    if (principal === undefined) {
      throw new EntraError(400, 'unauthorized_client', 700016, `Application with identifier '${clientId.slice(0, 64)}' was not found in the directory. Create it with lathe sp create.`);
    }
    if (!(await verifySecret(secret, principal.secretHash))) {
      throw new EntraError(401, 'invalid_client', 7000215, `Invalid client secret provided. Ensure the secret being sent in the request is the client secret value for app '${clientId}'.`);
    }
    const iat = Math.floor(this.now() / 1000);
    const claims: AccessTokenClaims = {
      aud: audience,
      iss: issuer,
      tid: this.tenantId,
      sub: clientId,
      appid: clientId,
      oid: clientId,
      idtyp: 'app',
      ver: '2.0',
      iat,
      nbf: iat,
      exp: iat + TOKEN_LIFETIME_S,
    };
    return { token_type: 'Bearer', expires_in: TOKEN_LIFETIME_S, ext_expires_in: TOKEN_LIFETIME_S, access_token: this.signer.sign(claims) };
  }

  /**
   * Verifies an `Authorization` header (`Bearer <jwt>`): signature, tenant, times, the audience
   * when `audience` is given, and that the principal still exists. Returns the principal, or
   * throws `LATHE_UNAUTHORIZED` saying what was wrong (an ARM route maps it to its own envelope).
   */
  async verifyAccessToken(header: string | undefined, audience?: string): Promise<VerifiedPrincipal> {
    const token = /^Bearer\s+(\S+)\s*$/i.exec(header ?? '')?.[1];
    if (token === undefined) throw unauthorized('no bearer token: send Authorization: Bearer <access token from the token service>');
    const claims = this.signer.verify(token);
    if (claims === undefined || claims.tid !== this.tenantId) throw unauthorized('the access token was not issued by this server, or was altered');
    const now = Math.floor(this.now() / 1000);
    if (typeof claims.exp !== 'number' || claims.exp + SKEW_S <= now) throw unauthorized('the access token has expired; ask the token service for a new one');
    if (typeof claims.nbf === 'number' && claims.nbf - SKEW_S > now) throw unauthorized('the access token is not valid yet');
    const wanted = audience?.replace(/\/+$/, '');
    if (wanted !== undefined && claims.aud.replace(/\/+$/, '') !== wanted) throw unauthorized(`the access token is for '${claims.aud}', not '${wanted}'`);
    const principal = await this.principals.getServicePrincipal(claims.appid);
    if (principal === undefined) throw unauthorized('the service principal of this access token no longer exists');
    return { clientId: principal.clientId, workspace: principal.workspace, name: principal.name, audience: claims.aud };
  }

  /** Creates a principal with a fresh client id and secret; the secret exists in clear only in the answer. */
  async createPrincipal(workspace: string, name: string): Promise<PrincipalCredentials> {
    const secret = randomBytes(32).toString('base64url');
    const record = await this.principals.createServicePrincipal({ clientId: randomUUID(), workspace, name, secretHash: await hashSecret(secret), createdAt: this.now() });
    return { record, secret };
  }

  /**
   * The single-user default principal (`default` in workspace `default`), whose credentials
   * `lathe sdk env` prints: kept in `<home>/secrets/sdk-principal.json` (0600), made at first
   * start, and recorded again when the store lacks it (a new database).
   */
  async defaultPrincipal(home: string): Promise<PrincipalCredentials> {
    const file = join(home, 'secrets', 'sdk-principal.json');
    const kept = await readFile(file, 'utf8').then(
      (text) => JSON.parse(text) as { client_id: string; client_secret: string },
      (error: NodeJS.ErrnoException) => {
        if (error.code === 'ENOENT') return undefined;
        throw error;
      },
    );
    if (kept === undefined) {
      const made = await this.createPrincipal('default', 'default');
      await writeFile(file, `${JSON.stringify({ client_id: made.record.clientId, client_secret: made.secret })}\n`, { mode: 0o600 });
      await chmod(file, 0o600);
      return made;
    }
    const record =
      (await this.principals.getServicePrincipal(kept.client_id)) ??
      (await this.principals.createServicePrincipal({ clientId: kept.client_id, workspace: 'default', name: 'default', secretHash: await hashSecret(kept.client_secret), createdAt: this.now() }));
    return { record, secret: kept.client_secret };
  }
}

function unauthorized(message: string): LatheError {
  return new LatheError('LATHE_UNAUTHORIZED', message, { details: { auth: 'bearer' } });
}

function required(form: Record<string, string>, name: string): string {
  const value = form[name];
  if (value === undefined || value === '') throw new EntraError(400, 'invalid_request', 900144, `The request body must contain the following parameter: '${name}'.`);
  return value;
}

// Client credentials ask for exactly one resource as `<resource>/.default`; OpenID scopes may ride along.
function resourceOf(scope: string): string {
  const asked = scope.split(/\s+/).filter((s) => s !== '' && s !== 'openid' && s !== 'profile' && s !== 'offline_access');
  const resource = asked.length === 1 && asked[0]?.endsWith('/.default') ? asked[0].slice(0, -'/.default'.length) : undefined;
  if (resource === undefined || resource === '' || resource.length > 512) {
    throw new EntraError(
      400,
      'invalid_scope',
      1002012,
      `The provided value for scope '${scope.slice(0, 200)}' is not valid. Client credential flows must have a scope value with /.default suffixed to the resource identifier (application ID URI).`,
    );
  }
  return resource;
}
