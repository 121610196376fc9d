import { LatheError } from '@lathe/core';
import { formatPath, type Issue } from './validate/issue.js';
import type { SourceDocument } from './yaml/source-document.js';

/** One located finding, as reported to people and clients. */
export interface SpecFinding {
  /** The file, or the `--set` argument, or `request body`. */
  file: string;
  line?: number;
  column?: number;
  /** Dotted field path: `inputs.data.mode`. */
  field: string;
  message: string;
  expected?: string;
}

/** Gives an issue its place: a file position, the `--set` that made it, or the bare source. */
export function locateIssue(issue: Issue, source: SourceDocument | string): SpecFinding {
  const field = formatPath(issue.path);
  const base = { field, message: issue.message, ...(issue.expected ? { expected: issue.expected } : {}) };
  if (typeof source === 'string') return { file: source, ...base };
  const override = source.overrideOf(issue.path);
  if (override !== undefined) return { file: `--set ${override}`, ...base };
  const { line, column } = source.positionOf(issue.path, issue.at, issue.offsetInValue);
  return { file: source.file, line, column, ...base };
}

/** `file:line:column: field: message` (the position is left out when unknown). */
export function formatFinding(f: SpecFinding): string {
  const where = f.line === undefined ? f.file : `${f.file}:${f.line}:${f.column}`;
  return `${where}: ${f.field}: ${f.message}`;
}

/** The `LATHE_INVALID_SPEC` error for a list of located errors. */
export function invalidSpecError(unsorted: SpecFinding[]): LatheError {
  const findings = [...unsorted].sort((a, b) => (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0));
  const lines = findings.map(formatFinding);
  const message = findings.length === 1 ? (lines[0] as string) : `${findings.length} problems:\n${lines.join('\n')}`;
  const first = findings[0];
  return new LatheError('LATHE_INVALID_SPEC', message, {
    details: { ...(first ?? {}), errors: findings },
  });
}
