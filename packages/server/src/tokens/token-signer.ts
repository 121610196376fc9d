import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, sign, verify, type JsonWebKey, type KeyObject } from 'node:crypto';
import { chmod, mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/** Claims of an access token the token service issues. */
export interface AccessTokenClaims {
  aud: string;
  iss: string;
  tid: string;
  sub: string;
  appid: string;
  iat: number;
  nbf: number;
  exp: number;
  [claim: string]: unknown;
}

/**
 * Signs and checks ES256 JSON Web Tokens with the server's token key,
 * `<home>/secrets/token-signing-key.pem` (P-256, mode 0600; made at first start). Restarts keep
 * the key, so tokens stay valid across them; deleting the file invalidates every token issued.
 */
export class TokenSigner {
  /** The key id (`kid`): the RFC 7638 thumbprint of the public key. */
  readonly keyId: string;
  private readonly publicKey: KeyObject;

  private constructor(private readonly privateKey: KeyObject) {
    this.publicKey = createPublicKey(privateKey);
    const { crv, kty, x, y } = this.publicKey.export({ format: 'jwk' });
    this.keyId = createHash('sha256').update(JSON.stringify({ crv, kty, x, y })).digest('base64url');
  }

  /** Reads the key under `<home>/secrets/`, or makes it first. */
  static async load(home: string): Promise<TokenSigner> {
    const folder = join(home, 'secrets');
    const file = join(folder, 'token-signing-key.pem');
    await mkdir(folder, { recursive: true, mode: 0o700 });
    await chmod(folder, 0o700);
    const made = generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey.export({ type: 'pkcs8', format: 'pem' }) as string;
    try {
      await writeFile(file, made, { flag: 'wx', mode: 0o600 });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    return new TokenSigner(createPrivateKey(await readFile(file, 'utf8')));
  }

  /** The public key as a JWK Set, for `jwks_uri`. */
  jwks(): { keys: JsonWebKey[] } {
    return { keys: [{ ...this.publicKey.export({ format: 'jwk' }), kid: this.keyId, use: 'sig', alg: 'ES256' }] };
  }

  /** A compact JWS over `claims`. */
  sign(claims: AccessTokenClaims): string {
    const header = base64Json({ typ: 'JWT', alg: 'ES256', kid: this.keyId });
    const input = `${header}.${base64Json(claims)}`;
    return `${input}.${sign('sha256', Buffer.from(input), { key: this.privateKey, dsaEncoding: 'ieee-p1363' }).toString('base64url')}`;
  }

  /** The claims of `token` when this key signed it (ES256, this `kid`), else `undefined`. Times are not checked here. */
  verify(token: string): AccessTokenClaims | undefined {
    const parts = token.split('.');
    if (parts.length !== 3) return undefined;
    const [header, payload, signature] = parts as [string, string, string];
    const head = parseJson(header);
    if (head?.alg !== 'ES256' || head.kid !== this.keyId) return undefined;
    if (!verify('sha256', Buffer.from(`${header}.${payload}`), { key: this.publicKey, dsaEncoding: 'ieee-p1363' }, Buffer.from(signature, 'base64url'))) return undefined;
    return parseJson(payload) as AccessTokenClaims | undefined;
  }
}

function base64Json(value: unknown): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}

function parseJson(part: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}
