import { timingSafeEqual } from 'node:crypto';
import { signWithAccountKey } from '../../shared/service-sas.js';

/** What the SharedKey string-to-sign is made of: the request as it came over the wire. */
export interface SignedRequest {
  method: string;
  /** Header names in lower case; a header sent twice is its values joined by commas. */
  headers: Readonly<Record<string, string | undefined>>;
  /** The URI path as the client encoded it (`/account/container/a%20b.txt`), without the query. */
  path: string;
  /** The query parameters, decoded, in the order sent; a name may repeat. */
  query: ReadonlyArray<readonly [string, string]>;
}

// The standard headers of the 2009-09-19+ scheme, in their order in the string to sign.
const STANDARD_HEADERS = [
  'content-encoding',
  'content-language',
  'content-length',
  'content-md5',
  'content-type',
  'date',
  'if-modified-since',
  'if-match',
  'if-none-match',
  'if-unmodified-since',
  'range',
] as const;

// The order the service sorts `x-ms-*` names in (the one azure-storage-blob reproduces): '-'
// first, then punctuation, digits, upper and lower case letters.
const HEADER_WEIGHTS = '-!#$%&*.^_|~+"\'(),/`~0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[]abcdefghijklmnopqrstuvwxyz{}';

/**
 * Azure Storage's SharedKey string to sign (Blob service, version 2009-09-19 and later): the verb,
 * the eleven standard headers (`Content-Length` empty when 0), the `x-ms-*` headers as
 * `name:value` lines in the service's order, then the canonicalized resource `/<account><path>`
 * followed by each query parameter as `\nname:value`, names lower-cased and sorted, a repeated
 * name's values sorted and joined by commas.
 */
export function sharedKeyStringToSign(request: SignedRequest, account: string): string {
  const standard = STANDARD_HEADERS.map((name) => {
    const value = request.headers[name] ?? '';
    return name === 'content-length' && value === '0' ? '' : value;
  });
  return `${request.method.toUpperCase()}\n${standard.join('\n')}\n${canonicalizedHeaders(request.headers)}${canonicalizedResource(request, account)}`;
}

function canonicalizedHeaders(headers: SignedRequest['headers']): string {
  const names = Object.keys(headers)
    .filter((name) => name.startsWith('x-ms-') && headers[name] !== undefined)
    .sort(compareHeaderNames);
  return names.map((name) => `${name}:${(headers[name] ?? '').trim()}\n`).join('');
}

function compareHeaderNames(a: string, b: string): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    const d = weight(a[i] ?? '') - weight(b[i] ?? '');
    if (d !== 0) return d;
  }
  return a.length - b.length;
}

function weight(char: string): number {
  const index = HEADER_WEIGHTS.indexOf(char);
  return index < 0 ? HEADER_WEIGHTS.length + char.charCodeAt(0) : index;
}

function canonicalizedResource(request: SignedRequest, account: string): string {
  const grouped = new Map<string, string[]>();
  for (const [name, value] of request.query) {
    const key = name.toLowerCase();
    grouped.set(key, [...(grouped.get(key) ?? []), value]);
  }
  const lines = [...grouped.keys()].sort().map((name) => `\n${name}:${(grouped.get(name) ?? []).sort().join(',')}`);
  return `/${account}${request.path}${lines.join('')}`;
}

/** True when `signature` (base64) is the signature of `text` under `key`; constant time. */
export function signatureMatches(key: string, text: string, signature: string): boolean {
  const expected = Buffer.from(signWithAccountKey(key, text));
  const given = Buffer.from(signature);
  return expected.length === given.length && timingSafeEqual(expected, given);
}
