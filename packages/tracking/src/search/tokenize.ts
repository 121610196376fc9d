import type { LatheError } from '@lathe/core';

/**
 * The lexer shared by filters and order_by clauses. It reads the token shapes sqlparse gives
 * MLflow: identifiers (`metrics.acc`, ``tags.`mlflow.runName` ``, `metrics."f1 score"`), single-
 * and double-quoted strings, numbers (`-1`, `.5`, `1e-3`), comparison operators, keywords,
 * parentheses and commas. Quoted text is kept as written between its quotes: MLflow strips the
 * quotes and does not unescape, so `'it''s'` is the value `it''s` there and here.
 * @internal
 */

/** One dot-separated part of an identifier: bare, backtick-quoted or double-quoted. */
export interface Segment {
  text: string;
  quote: '' | '`' | '"';
}

/** Words that are keywords when they stand alone (case-insensitive). */
export const KEYWORDS = ['AND', 'OR', 'NOT', 'IN', 'LIKE', 'ILIKE', 'RLIKE', 'IS', 'NULL'] as const;
/** A keyword, upper-cased. */
export type Keyword = (typeof KEYWORDS)[number];

interface Span {
  /** The source text of the token. */
  text: string;
  start: number;
  end: number;
}

/** A lexical token with its place in the source. */
export type Token =
  | (Span & { kind: 'ident'; segments: Segment[] })
  | (Span & { kind: 'string'; quote: "'" | '"'; value: string })
  | (Span & { kind: 'number'; value: number })
  | (Span & { kind: 'op'; value: string })
  | (Span & { kind: 'keyword'; value: Keyword })
  | (Span & { kind: 'punct'; value: '(' | ')' | ',' });

/** Builds the error for a lexical fault; `detail` says what and where. */
export type LexError = (detail: string) => LatheError;

const NAME = /[\p{L}\p{N}_]+/uy;
const NUMBER = /-?(?:\d+(?:\.\d*)?[eE]-?\d+|\d+\.\d*|\.\d+|\d+)(?![\p{L}\p{N}_])/uy;
const OPERATOR = /[<>=!~]+/y;
const SPACE = /\s/u;

/** Splits `source` into tokens, or throws `fail(...)` naming the first character it cannot read. */
export function tokenize(source: string, fail: LexError): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < source.length) {
    const c = source[i] as string;
    if (SPACE.test(c)) {
      i++;
      continue;
    }
    const token = readToken(source, i, fail);
    tokens.push(token);
    i = token.end;
  }
  return tokens;
}

function readToken(source: string, start: number, fail: LexError): Token {
  const c = source[start] as string;
  if (c === '(' || c === ')' || c === ',') return { kind: 'punct', value: c, text: c, start, end: start + 1 };
  if (c === "'" || c === '"') {
    const end = closingQuote(source, start, fail);
    return { kind: 'string', quote: c, value: source.slice(start + 1, end - 1), text: source.slice(start, end), start, end };
  }
  const number = match(NUMBER, source, start);
  if (number !== undefined) return { kind: 'number', value: Number(number), text: number, start, end: start + number.length };
  const op = match(OPERATOR, source, start);
  if (op !== undefined) return { kind: 'op', value: op, text: op, start, end: start + op.length };
  if (c === '`' || match(NAME, source, start) !== undefined) return readIdentifier(source, start, fail);
  throw fail(`unexpected character ${JSON.stringify(c)} at position ${start}`);
}

function readIdentifier(source: string, start: number, fail: LexError): Token {
  const segments: Segment[] = [];
  let i = start;
  for (;;) {
    const segment = readSegment(source, i, segments.length > 0, fail);
    segments.push(segment.segment);
    i = segment.end;
    if (source[i] !== '.') break;
    i++;
  }
  const text = source.slice(start, i);
  const only = segments[0] as Segment;
  const word = only.text.toUpperCase() as Keyword;
  if (segments.length === 1 && only.quote === '' && KEYWORDS.includes(word)) {
    return { kind: 'keyword', value: word, text, start, end: i };
  }
  return { kind: 'ident', segments, text, start, end: i };
}

function readSegment(source: string, i: number, afterDot: boolean, fail: LexError): { segment: Segment; end: number } {
  const c = source[i];
  if (c === '`' || (afterDot && c === '"')) {
    const end = closingQuote(source, i, fail);
    return { segment: { text: source.slice(i + 1, end - 1), quote: c }, end };
  }
  const name = match(NAME, source, i);
  if (name === undefined) {
    throw fail(c === undefined ? `identifier ends with '.' at position ${i}` : `unexpected character ${JSON.stringify(c)} at position ${i}`);
  }
  return { segment: { text: name, quote: '' }, end: i + name.length };
}

/** Index just past the quote closing the one at `start`; a doubled or backslashed quote does not close. */
function closingQuote(source: string, start: number, fail: LexError): number {
  const q = source[start];
  for (let i = start + 1; i < source.length; i++) {
    const c = source[i];
    if (c === '\\' && q !== '`') i++;
    else if (c === q && source[i + 1] === q) i++;
    else if (c === q) return i + 1;
  }
  throw fail(`unterminated ${q === '`' ? 'backtick' : 'quote'} ${q} starting at position ${start}`);
}

function match(pattern: RegExp, source: string, at: number): string | undefined {
  pattern.lastIndex = at;
  return pattern.exec(source)?.[0];
}
