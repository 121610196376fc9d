import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { ERROR_CODES } from './errors.js';

// Compiled to packages/core/dist/, three folders below the repository root.
const DOC = new URL('../../../docs/reference/errors.md', import.meta.url);

interface DocumentedCode {
  code: string;
  status: number;
  exit: number;
}

/** The rows of the table whose first cell is a code in backticks: `| \`LATHE_X\` | 404 | 3 | ... |`. */
function documentedCodes(markdown: string): DocumentedCode[] {
  const rows: DocumentedCode[] = [];
  for (const line of markdown.split('\n')) {
    const match = /^\|\s*`(LATHE_[A-Z0-9_]+)`\s*\|\s*(\d+)\s*\|\s*(\d+)\s*\|/.exec(line.trim());
    if (match) rows.push({ code: match[1] as string, status: Number(match[2]), exit: Number(match[3]) });
  }
  return rows;
}

const declared: DocumentedCode[] = Object.entries(ERROR_CODES).map(([code, entry]) => ({ code, status: entry.status, exit: entry.exit }));
const documented = documentedCodes(readFileSync(DOC, 'utf8'));

test('docs/reference/errors.md documents exactly the codes of ERROR_CODES', () => {
  const names = new Set(documented.map((d) => d.code));
  const missing = declared.filter((d) => !names.has(d.code)).map((d) => d.code);
  const extra = documented.filter((d) => !Object.hasOwn(ERROR_CODES, d.code)).map((d) => d.code);
  assert.deepEqual(
    { missing, extra },
    { missing: [], extra: [] },
    `errors.md and core/src/errors.ts disagree; missing from the page: ${missing.join(', ') || 'none'}; not declared in ERROR_CODES: ${extra.join(', ') || 'none'}`,
  );
});

test('docs/reference/errors.md lists each code once, in declaration order, with its HTTP status and exit code', () => {
  assert.deepEqual(documented, declared, 'each row must read | `CODE` | HTTP status | exit code | meaning |, in the order of ERROR_CODES');
});
