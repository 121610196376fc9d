import { createRequire } from 'node:module';
import type { stringify } from 'yaml';
import { LatheError } from '@lathe/core';

/** yaml's stringify, required on first use: only `-o yaml` needs the library, and it is slow to load. */
function yamlStringify(): typeof stringify {
  return (createRequire(import.meta.url)('yaml') as { stringify: typeof stringify }).stringify;
}

/** The `-o` formats, as `az` names them. */
export type OutputFormat = 'table' | 'json' | 'yaml';

/** Reads `-o`; throws a usage error for anything else. */
export function parseFormat(value: string | undefined, fallback: OutputFormat): OutputFormat {
  const format = (value ?? fallback).toLowerCase();
  if (format === 'table' || format === 'json' || format === 'yaml') return format;
  throw new LatheError('LATHE_BAD_REQUEST', `-o ${value}: expected table, json or yaml`);
}

/** A column of a table: header and how to read the cell. */
export interface Column<T> {
  header: string;
  value: (row: T) => string;
}

/** Prints `data` as JSON or YAML, or `rows` as an aligned table. */
export function render<T>(format: OutputFormat, data: unknown, rows: T[], columns: Column<T>[]): string {
  if (format === 'json') return `${JSON.stringify(data, null, 2)}\n`;
  if (format === 'yaml') return yamlStringify()(data);
  return table(rows, columns);
}

/** An aligned plain-text table with a dashed rule under the headers. */
export function table<T>(rows: T[], columns: Column<T>[]): string {
  const cells = rows.map((row) => columns.map((c) => c.value(row).replace(/\s+/g, ' ')));
  const widths = columns.map((c, i) => Math.max(c.header.length, ...cells.map((r) => (r[i] ?? '').length)));
  const line = (values: string[]) =>
    values
      .map((v, i) => v.padEnd(widths[i] ?? 0))
      .join('  ')
      .trimEnd();
  return `${[line(columns.map((c) => c.header)), line(widths.map((w) => '-'.repeat(w))), ...cells.map(line)].join('\n')}\n`;
}

/** "2m 03s", "45.2s", "1h 02m". */
export function formatDuration(seconds: number | null): string {
  if (seconds === null) return '';
  if (seconds < 60) return `${seconds.toFixed(1)}s`;
  const m = Math.floor(seconds / 60);
  if (m < 60) return `${m}m ${String(Math.floor(seconds % 60)).padStart(2, '0')}s`;
  return `${Math.floor(m / 60)}h ${String(m % 60).padStart(2, '0')}m`;
}
