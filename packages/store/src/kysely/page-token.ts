import { LatheError } from '@lathe/core';

/** Where a page of jobs ends: the last job's creation time and name. */
export interface PageCursor {
  createdAt: number;
  name: string;
}

/**
 * The opaque `nextPageToken` for a cursor: base64url of the JSON `[createdAt, name]`.
 * @internal
 */
export function encodePageToken(cursor: PageCursor): string {
  return Buffer.from(JSON.stringify([cursor.createdAt, cursor.name])).toString('base64url');
}

/**
 * The cursor inside a token made by {@link encodePageToken}. Throws `LATHE_BAD_REQUEST` for
 * anything else.
 * @internal
 */
export function decodePageToken(token: string): PageCursor {
  const value = parseToken(token);
  if (!Array.isArray(value) || value.length !== 2) throw malformed(token);
  const [createdAt, name] = value as unknown[];
  if (!Number.isSafeInteger(createdAt) || typeof name !== 'string') throw malformed(token);
  return { createdAt: createdAt as number, name };
}

function parseToken(token: string): unknown {
  if (!/^[A-Za-z0-9_-]+$/.test(token)) throw malformed(token);
  try {
    return JSON.parse(Buffer.from(token, 'base64url').toString('utf8'));
  } catch (cause) {
    throw malformed(token, cause);
  }
}

function malformed(token: string, cause?: unknown): LatheError {
  return new LatheError('LATHE_BAD_REQUEST', 'malformed page token', { details: { pageToken: token }, cause });
}
