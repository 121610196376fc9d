import type { LatheError } from '@lathe/core';
import { badRequest } from '../bad-request.js';
import { invalidValue } from '../validation/messages.js';
import { tokenize, type Token } from './tokenize.js';

/**
 * The grammar every MLflow filter shares, before entity rules apply:
 * `clause (AND clause)*`, where a clause is `identifier comparator value`,
 * `identifier [NOT] IN ('a', 'b', ...)` or `identifier IS [NOT] NULL`.
 * @internal
 */

/** A parenthesised list of quoted strings, the right-hand side of IN / NOT IN. */
export interface ListValue {
  kind: 'list';
  items: string[];
  text: string;
}

/** One clause as written: the left side, the comparator upper-cased, and the raw right side. */
export interface RawClause {
  /** An identifier, or a double-quoted name (`"run name" = 'x'`), which MLflow reads as one. */
  lhs: Extract<Token, { kind: 'ident' | 'string' }>;
  comparator: string;
  /** Absent for IS NULL / IS NOT NULL. */
  value?: Token | ListValue;
  text: string;
}

/** Reads the clauses of `filter`; an empty or blank filter has none. */
export function readClauses(filter: string): RawClause[] {
  const tokens = tokenize(filter, (detail) => badRequest(`Invalid filter '${filter}'. Could not be parsed: ${detail}.`, { filter }));
  const clauses: RawClause[] = [];
  let from = 0;
  for (let i = 0; i <= tokens.length; i++) {
    const token = tokens[i];
    if (token !== undefined && token.kind === 'keyword' && token.value === 'OR') throw invalidClause(filter, token.text);
    if (token !== undefined && !(token.kind === 'keyword' && token.value === 'AND')) continue;
    if (i === from) {
      // Nothing between two ANDs, or an AND at either end.
      if (tokens.length > 0) throw invalidClause(filter, (token ?? (tokens[i - 1] as Token)).text);
    } else {
      clauses.push(readClause(filter, tokens.slice(from, i)));
    }
    from = i + 1;
  }
  return clauses;
}

/** False for an absent filter; throws for one that is not a string (bodies are untyped JSON). */
export function checkFilterArgument(filter: unknown): filter is string {
  if (filter === undefined || filter === null) return false;
  if (typeof filter !== 'string') throw badRequest(invalidValue('filter', filter, 'Expected a string.'));
  return true;
}

/** MLflow's message for text that is not a clause. */
export function invalidClause(filter: string, text: string): LatheError {
  return badRequest(`Invalid clause(s) in filter string: '${text}'`, { filter });
}

function readClause(filter: string, tokens: Token[]): RawClause {
  const first = tokens[0] as Token;
  const last = tokens[tokens.length - 1] as Token;
  const text = filter.slice(first.start, last.end);
  const invalid = (): LatheError => invalidClause(filter, text);
  if (first.kind !== 'ident' && !(first.kind === 'string' && first.quote === '"')) throw invalid();
  const cmp = readComparator(tokens, 1);
  if (cmp === undefined) throw invalid();
  if (cmp.comparator === 'IS NULL' || cmp.comparator === 'IS NOT NULL') {
    if (cmp.next !== tokens.length) throw invalid();
    return { lhs: first, comparator: cmp.comparator, text };
  }
  const rest = tokens.slice(cmp.next);
  const isList = cmp.comparator === 'IN' || cmp.comparator === 'NOT IN';
  const head = rest[0];
  if (head?.kind === 'punct' && head.value === '(') {
    if ((rest[rest.length - 1] as Token).text !== ')') throw invalid();
    return { lhs: first, comparator: cmp.comparator, value: readList(filter, rest), text };
  }
  if (isList || rest.length !== 1 || head === undefined || head.kind === 'punct') throw invalid();
  return { lhs: first, comparator: cmp.comparator, value: head, text };
}

/** The comparator starting at `tokens[i]`, upper-cased, and the index after it. */
function readComparator(tokens: Token[], i: number): { comparator: string; next: number } | undefined {
  const word = (at: number): string | undefined => {
    const t = tokens[at];
    return t?.kind === 'keyword' ? t.value : undefined;
  };
  const t = tokens[i];
  if (t?.kind === 'op') return { comparator: t.value, next: i + 1 };
  const w = word(i);
  if (w === 'IN' || w === 'LIKE' || w === 'ILIKE' || w === 'RLIKE') return { comparator: w, next: i + 1 };
  if (w === 'NOT') {
    const n = word(i + 1);
    return n === 'IN' || n === 'LIKE' || n === 'ILIKE' || n === 'RLIKE' ? { comparator: `NOT ${n}`, next: i + 2 } : undefined;
  }
  if (w === 'IS') {
    if (word(i + 1) === 'NULL') return { comparator: 'IS NULL', next: i + 2 };
    if (word(i + 1) === 'NOT' && word(i + 2) === 'NULL') return { comparator: 'IS NOT NULL', next: i + 3 };
  }
  return undefined;
}

/** `( 'a', "b", ... )` with an optional trailing comma, as Python's literal_eval reads it. */
function readList(filter: string, tokens: Token[]): ListValue {
  const text = filter.slice((tokens[0] as Token).start, (tokens[tokens.length - 1] as Token).end);
  const inner = tokens.slice(1, -1);
  const items: string[] = [];
  for (let i = 0; i < inner.length; i += 2) {
    const item = inner[i] as Token;
    const comma = inner[i + 1];
    if (comma !== undefined && comma.text !== ',') throw illFormedList(filter);
    if (item.kind === 'number') throw badRequest(`While parsing a list in the query, expected string value, punctuation, or whitespace, but got different type in list: ${text}`, { filter });
    if (item.kind !== 'string') throw illFormedList(filter);
    items.push(item.value);
  }
  if (items.length === 0) throw badRequest('While parsing a list in the query, expected a non-empty list of string values, but got empty list', { filter });
  return { kind: 'list', items, text };
}

function illFormedList(filter: string): LatheError {
  return badRequest('While parsing a list in the query, expected a non-empty list of string values, but got ill-formed list.', { filter });
}
