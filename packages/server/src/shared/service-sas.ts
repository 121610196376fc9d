import { createHmac } from 'node:crypto';
import { BLOB_ROUTE_PREFIX, type BlobAccount } from './blob-accounts.js';

/** The base64 HMAC-SHA256 of `text` under a base64 account key, as Azure signs. */
export function signWithAccountKey(key: string, text: string): string {
  return createHmac('sha256', Buffer.from(key, 'base64')).update(text, 'utf8').digest('base64');
}

/** What a service SAS names: its query and the container (and blob) it is presented for. */
export interface ServiceSasScope {
  query: { get(name: string): string | null | undefined };
  container: string;
  blob?: string | undefined;
}

/** Azure's service SAS string to sign for a blob or container (version 2020-12-06 and later). */
export function serviceStringToSign(scope: ServiceSasScope, account: string): string {
  const q = (name: string): string => scope.query.get(name) ?? '';
  const path = q('sr') === 'b' && scope.blob !== undefined ? `/${scope.container}/${scope.blob}` : `/${scope.container}`;
  const fields = [q('sp'), q('st'), q('se'), `/blob/${account}${path}`, q('si'), q('sip'), q('spr'), q('sv'), q('sr'), q('snapshot'), q('ses')];
  return [...fields, ...['rscc', 'rscd', 'rsce', 'rscl', 'rsct'].map(q)].join('\n');
}

const SAS_VERSION = '2021-12-02';

/**
 * A container SAS (`sr=c`) of the workspace's Blob account, valid until `expiresAt`, https only:
 * the query string (without `?`) that `listSecrets` hands out as `sasToken`. It is signed for the
 * path-style account name (`blob/<workspace>`) under which azure-storage-blob presents it.
 */
export function containerSas(account: BlobAccount, container: string, expiresAt: Date, permissions = 'racwdl'): string {
  const query = new URLSearchParams({ sv: SAS_VERSION, sr: 'c', sp: permissions, se: expiresAt.toISOString().replace(/\.\d{3}Z$/, 'Z'), spr: 'https' });
  query.set('sig', signWithAccountKey(account.key, serviceStringToSign({ query, container }, `${BLOB_ROUTE_PREFIX.slice(1)}/${account.name}`)));
  return query.toString();
}
