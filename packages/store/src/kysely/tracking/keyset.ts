import { createHash } from 'node:crypto';
import { LatheError } from '@lathe/core';
import { sql, type RawBuilder } from 'kysely';

/** One sort key of a keyset-paged query. */
export interface SortKey {
  /** The SQL expression sorted on. */
  expr: RawBuilder<unknown>;
  ascending: boolean;
  /** Whether `expr` can be NULL; NULLs sort last in either direction, as in MLflow. */
  nullable: boolean;
  /** Whether `expr` is a number (PostgreSQL returns bigint as text, which the cursor then reads back). */
  numeric?: boolean;
}

/** A cursor value: the sort values of the last row of a page, then its unique tiebreak. */
export type CursorValue = string | number | null;

/**
 * ORDER BY for `keys` followed by `tiebreak` ascending. Nullable keys sort NULLs last in both
 * directions, so one rule serves every key.
 * @internal
 */
export function orderBySql(keys: SortKey[], tiebreak: RawBuilder<unknown>): RawBuilder<unknown> {
  const parts: RawBuilder<unknown>[] = [];
  for (const key of keys) {
    if (key.nullable) parts.push(sql`(${key.expr} is null) asc`);
    parts.push(key.ascending ? sql`${key.expr} asc` : sql`${key.expr} desc`);
  }
  parts.push(sql`${tiebreak} asc`);
  return sql.join(parts);
}

/**
 * The condition "row sorts after the cursor" for {@link orderBySql}'s order: keyset paging, so a
 * page costs the same however deep it is.
 * @internal
 */
export function afterCursorSql(keys: SortKey[], tiebreak: RawBuilder<unknown>, cursor: CursorValue[]): RawBuilder<unknown> {
  let rest: RawBuilder<unknown> = sql`${tiebreak} > ${cursor[keys.length]}`;
  for (let i = keys.length - 1; i >= 0; i--) {
    const key = keys[i] as SortKey;
    const value = cursor[i];
    if (value === null || value === undefined) {
      rest = sql`(${key.expr} is null and ${rest})`;
      continue;
    }
    const beyond = key.ascending ? sql`${key.expr} > ${value}` : sql`${key.expr} < ${value}`;
    const orNull = key.nullable ? sql` or ${key.expr} is null` : sql``;
    rest = sql`(${beyond}${orNull} or (${key.expr} = ${value} and ${rest}))`;
  }
  return rest;
}

/** The sort keys as extra columns `sort_0`, `sort_1`, … of a select, for {@link cursorOf}. @internal */
export function sortColumnsSql(keys: SortKey[]): RawBuilder<unknown> {
  return sql.join(
    keys.map((key, i) => sql`, ${key.expr} as ${sql.raw(`sort_${i}`)}`),
    sql``,
  );
}

/**
 * The cursor after `row` (selected with {@link sortColumnsSql}): its sort values, numeric keys
 * read as numbers (PostgreSQL returns bigint as text; a text value such as a param "007" stays
 * text), then `tiebreak`.
 * @internal
 */
export function cursorOf(row: Record<string, unknown>, keys: SortKey[], tiebreak: CursorValue): CursorValue[] {
  const values = keys.map((key, i) => {
    const value = (row[`sort_${i}`] ?? null) as CursorValue;
    return key.numeric === true && typeof value === 'string' && /^-?\d+(\.\d+)?$/.test(value) ? Number(value) : value;
  });
  return [...values, tiebreak];
}

/**
 * A short digest of everything that decides a query's rows and order, used as a token's kind:
 * a token is only good for the query that made it (another filter, order or experiment list
 * would read its cursor values against other columns).
 * @internal
 */
export function queryShape(name: string, ...parts: unknown[]): string {
  return `${name}:${createHash('sha256').update(JSON.stringify(parts)).digest('base64url').slice(0, 16)}`;
}

/**
 * Page tokens: base64url of JSON `{ k: <kind>, c: [...cursor] }`. The kind and the number of
 * values are checked, so a token from another query shape is refused instead of misread.
 * @internal
 */
export function encodeCursor(kind: string, cursor: CursorValue[]): string {
  return Buffer.from(JSON.stringify({ k: kind, c: cursor.map(encodeValue) })).toString('base64url');
}

/** @internal */
export function decodeCursor(kind: string, token: string, length: number): CursorValue[] {
  let parsed: unknown;
  try {
    if (!/^[A-Za-z0-9_-]+$/.test(token)) throw new Error('not base64url');
    parsed = JSON.parse(Buffer.from(token, 'base64url').toString('utf8'));
  } catch (cause) {
    throw badToken(token, cause);
  }
  const { k, c } = (parsed ?? {}) as { k?: unknown; c?: unknown };
  if (k !== kind || !Array.isArray(c) || c.length !== length) throw badToken(token);
  return c.map((value) => decodeValue(value, token));
}

// JSON has no NaN or Infinity; metric sort values can be ±Infinity.
function encodeValue(value: CursorValue): unknown {
  if (typeof value === 'number' && !Number.isFinite(value)) return { n: String(value) };
  return value;
}

function decodeValue(value: unknown, token: string): CursorValue {
  if (value === null || typeof value === 'string' || typeof value === 'number') return value;
  const n = (value as { n?: unknown }).n;
  if (n === 'Infinity' || n === '-Infinity' || n === 'NaN') return Number(n);
  throw badToken(token);
}

function badToken(token: string, cause?: unknown): LatheError {
  return new LatheError('LATHE_BAD_REQUEST', `Invalid page token '${token.slice(0, 64)}'`, { details: { pageToken: token }, cause });
}
