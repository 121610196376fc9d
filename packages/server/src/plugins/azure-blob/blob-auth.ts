import type { FastifyRequest } from 'fastify';
import { blobError } from './blob-error.js';
import type { BlobAccount } from '../../shared/blob-accounts.js';
import type { BlobRequestParts } from './blob-request.js';
import { sasRefusal, type SasCheck } from './sas-token.js';
import { sharedKeyStringToSign, signatureMatches } from './shared-key.js';

/**
 * Decides a request that carries a bearer token (`Authorization: Bearer …`), once a token
 * service exists: resolves when the token may act on `workspace`, throws `AuthenticationFailed`
 * otherwise. Without one, bearer tokens are refused.
 */
export type BearerCheck = (request: FastifyRequest, workspace: string, token: string) => Promise<void>;

/** What {@link authorizeBlobRequest} checks a request against. */
export interface BlobAuthInput {
  request: FastifyRequest;
  parts: BlobRequestParts;
  headers: Record<string, string>;
  account: BlobAccount;
  /** Account names a SharedKey or SAS may be signed under. */
  signingNames: readonly string[];
  permission: SasCheck['permission'];
  bearer?: BearerCheck | undefined;
  now?: Date;
}

// Azure refuses a SharedKey request dated further than this from its clock (replays).
const MAX_CLOCK_SKEW_MS = 15 * 60 * 1000;

/**
 * Resolves when the request is signed with the account's key (SharedKey), carries a SAS that
 * allows it, or a bearer token the hook accepts. Throws `AuthenticationFailed` (403) for a
 * wrong signature, a stale date or a refused SAS, `NoAuthenticationInformation` (401) when the
 * request carries no credential. Nothing is read or written before this passes.
 */
export async function authorizeBlobRequest(input: BlobAuthInput): Promise<void> {
  const authorization = input.headers.authorization;
  const now = input.now ?? new Date();
  if (authorization?.startsWith('SharedKey ')) return checkSharedKey(input, authorization.slice('SharedKey '.length), now);
  if (authorization?.startsWith('Bearer ')) {
    if (input.bearer === undefined) throw blobError('AuthenticationFailed', 'bearer tokens are not accepted by this server yet; sign with the account key or use a SAS');
    return input.bearer(input.request, input.account.name, authorization.slice('Bearer '.length));
  }
  if (authorization !== undefined) throw blobError('AuthenticationFailed', 'the Authorization header is not SharedKey <account>:<signature> or Bearer <token>');
  const query = new Map(input.parts.query);
  if (query.has('sig')) {
    const refusal = sasRefusal({
      query,
      accountNames: input.signingNames,
      key: input.account.key,
      container: input.parts.container,
      blob: input.parts.blob,
      permission: input.permission,
      https: (input.request.protocol as string) === 'https',
      ip: input.request.ip,
      now,
    });
    if (refusal !== undefined) throw blobError('AuthenticationFailed', `Server failed to authenticate the request: ${refusal}`);
    return;
  }
  throw blobError('NoAuthenticationInformation', 'the request carries no credential: sign it with the account key (SharedKey) or add a SAS');
}

function checkSharedKey(input: BlobAuthInput, credential: string, now: Date): void {
  const colon = credential.lastIndexOf(':');
  const name = credential.slice(0, colon);
  const signature = credential.slice(colon + 1);
  if (colon < 0 || !input.signingNames.includes(name)) {
    throw blobError('AuthenticationFailed', `Server failed to authenticate the request: the SharedKey account '${name.slice(0, 100)}' is not '${input.account.name}'`);
  }
  const dated = input.headers['x-ms-date'] ?? input.headers.date;
  const time = dated === undefined ? Number.NaN : Date.parse(dated);
  if (Number.isNaN(time)) throw blobError('AuthenticationFailed', 'Server failed to authenticate the request: a SharedKey request needs an x-ms-date (or Date) header');
  if (Math.abs(now.getTime() - time) > MAX_CLOCK_SKEW_MS)
    throw blobError('AuthenticationFailed', `Server failed to authenticate the request: its date ${dated ?? ''} is more than 15 minutes from the server's`);
  const signed = { method: input.request.method, headers: input.headers, path: input.parts.rawPath, query: input.parts.query };
  const text = sharedKeyStringToSign(signed, name);
  if (!signatureMatches(input.account.key, text, signature)) {
    throw blobError(
      'AuthenticationFailed',
      `Server failed to authenticate the request. Make sure the value of Authorization header is formed correctly including the signature. The string to sign was '${text}'`,
    );
  }
}
