import type { FastifyRequest } from 'fastify';
import { blobError } from './blob-error.js';
import type { BlobHeaders } from './blob-container.js';

/** A Blob request's parts, as the wire carried them: what signing and routing read. */
export interface BlobRequestParts {
  /** The URI path as encoded by the client. */
  rawPath: string;
  /** Query parameters, decoded, in order. */
  query: Array<[string, string]>;
  account: string;
  container: string;
  /** The blob's name, decoded; `undefined` for a container operation. */
  blob: string | undefined;
}

/**
 * Splits `<prefix>/<account>/<container>[/<blob>]?<query>` from the raw URL. `InvalidUri` for
 * percent-encoding that does not decode. A `+` in the query stays a `+`, as Azure reads it.
 */
export function blobRequestParts(url: string, prefix: string): BlobRequestParts {
  const [rawPath = '', rawQuery = ''] = splitOnce(url, '?');
  const rest = rawPath.slice(prefix.length + 1);
  const [account = '', after = ''] = splitOnce(rest, '/');
  const [container = '', blob] = splitOnce(after, '/');
  const query =
    rawQuery === ''
      ? []
      : rawQuery
          .split('&')
          .filter(Boolean)
          .map((pair) => splitOnce(pair, '=').map(decode) as [string, string]);
  return { rawPath, query, account: decode(account), container: decode(container), blob: blob === undefined || blob === '' ? undefined : decode(blob) };
}

function splitOnce(text: string, separator: string): [string, string | undefined] {
  const at = text.indexOf(separator);
  return at < 0 ? [text, undefined] : [text.slice(0, at), text.slice(at + separator.length)];
}

function decode(text: string | undefined): string {
  try {
    return decodeURIComponent(text ?? '');
  } catch {
    throw blobError('InvalidUri', `'${(text ?? '').slice(0, 200)}' is not valid percent-encoding`);
  }
}

/** Lower-cased header names with string values; a repeated header's values joined by commas. */
export function flatHeaders(request: FastifyRequest): Record<string, string> {
  const flat: Record<string, string> = {};
  for (const [name, value] of Object.entries(request.headers)) {
    if (value !== undefined) flat[name] = Array.isArray(value) ? value.join(',') : value;
  }
  return flat;
}

/**
 * The `x-ms-meta-*` headers as metadata, names as the client spelled them (Azure keeps case).
 * `InvalidMetadata`-style `InvalidHeaderValue` for a name that is not a C# identifier.
 */
export function metadataOf(request: FastifyRequest): Record<string, string> {
  const metadata: Record<string, string> = {};
  const raw = request.raw.rawHeaders;
  for (let i = 0; i + 1 < raw.length; i += 2) {
    const name = raw[i] ?? '';
    if (!name.toLowerCase().startsWith('x-ms-meta-')) continue;
    const key = name.slice('x-ms-meta-'.length);
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(key)) throw blobError('InvalidHeaderValue', `metadata name '${key.slice(0, 200)}' is not a valid identifier`, { header: name.slice(0, 200) });
    metadata[key] = (raw[i + 1] ?? '').trim();
  }
  return metadata;
}

/** The `Content-MD5` header (or `x-ms-blob-content-md5`), checked to be a base64 MD5. */
export function md5Header(headers: Record<string, string>, name = 'content-md5'): string | undefined {
  const value = headers[name];
  if (value === undefined) return undefined;
  const bytes = Buffer.from(value, 'base64');
  if (bytes.length !== 16 || bytes.toString('base64') !== value) throw blobError('InvalidHeaderValue', `${name} '${value.slice(0, 100)}' is not a base64 MD5 digest`, { header: name });
  return value;
}

/** The content headers a write stores: `x-ms-blob-content-*` first, then the request's own (Put Blob). */
export function blobHeadersOf(headers: Record<string, string>, ownContentHeaders: boolean): BlobHeaders {
  const pick = (name: string): string | undefined => headers[`x-ms-blob-${name}`] ?? (ownContentHeaders ? headers[name] : undefined);
  return {
    contentType: pick('content-type'),
    contentEncoding: pick('content-encoding'),
    contentLanguage: pick('content-language'),
    contentDisposition: pick('content-disposition'),
    cacheControl: pick('cache-control'),
  };
}

/** A `bytes=<start>-[<end>]` range (`x-ms-range` wins over `Range`), or `undefined` for none. */
export function rangeOf(headers: Record<string, string>, size: number): { start: number; end: number } | undefined {
  const value = headers['x-ms-range'] ?? headers.range;
  if (value === undefined) return undefined;
  const match = /^bytes=(\d{1,15})-(\d{0,15})$/.exec(value.trim());
  if (match === null) throw blobError('InvalidHeaderValue', `range '${value.slice(0, 100)}' is not bytes=<start>-[<end>]`, { header: 'x-ms-range' });
  const start = Number(match[1]);
  const end = match[2] === '' ? size - 1 : Math.min(Number(match[2]), size - 1);
  if (start >= size || (match[2] !== '' && Number(match[2]) < start)) throw blobError('InvalidRange', `range '${value}' is outside the blob's ${size} bytes`);
  return { start, end };
}
