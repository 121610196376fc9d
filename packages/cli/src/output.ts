import { createRequire } from 'node:module';
import type { stringify } from 'yaml';
import type { search } from 'jmespath';
import { LatheError } from '@lathe/core';
import { UsageError, type OptionValues } from './command.js';
import { tsv } from './tsv.js';

/** yaml's stringify, required on first use: only `-o yaml` needs the library, and it is slow to load. */
function yamlStringify(): typeof stringify {
  return (createRequire(import.meta.url)('yaml') as { stringify: typeof stringify }).stringify;
}

/** JMESPath's search, required on first use: only `--query` needs it. */
function jmespathSearch(): typeof search {
  return (createRequire(import.meta.url)('jmespath') as { search: typeof search }).search;
}

/** The `-o` formats, as `az` names them. */
export type OutputFormat = 'table' | 'json' | 'yaml' | 'tsv';

/** How a command prints its result: `-o` and `--query`. */
export interface Output {
  format: OutputFormat;
  /** A JMESPath expression applied to the JSON result first, as `az --query`. */
  query?: string;
}

/** Reads `-o` (default table) and `--query`; throws a usage error for another format. */
export function parseOutput(values: OptionValues): Output {
  const value = values.output as string | undefined;
  const format = (value ?? 'table').toLowerCase();
  if (format !== 'table' && format !== 'json' && format !== 'yaml' && format !== 'tsv') {
    throw new LatheError('LATHE_BAD_REQUEST', `-o ${value}: expected table, json, yaml or tsv`);
  }
  const query = values.query as string | undefined;
  return query === undefined ? { format } : { format, query };
}

/**
 * True when the command prints its own table and the sections under it: `-o table` without
 * `--query` (a query's result is printed alone, as `az` does).
 */
export function isTable(output: Output): boolean {
  return output.format === 'table' && output.query === undefined;
}

/** A column of a table: header and how to read the cell. */
export interface Column<T> {
  header: string;
  value: (row: T) => string;
}

/**
 * Prints `data` (after `--query`) as JSON, YAML or TSV, or `rows` as an aligned table. A table
 * of a query's result has the result's own keys as its columns.
 */
export function render<T>(output: Output, data: unknown, rows: T[], columns: Column<T>[]): string {
  const result = output.query === undefined ? data : applyQuery(data, output.query);
  if (output.format === 'json') return `${JSON.stringify(result, null, 2)}\n`;
  if (output.format === 'yaml') return yamlStringify()(result);
  if (output.format === 'tsv') return tsv(result);
  return output.query === undefined ? table(rows, columns) : resultTable(result);
}

function applyQuery(data: unknown, query: string): unknown {
  try {
    // A JSON round trip first: the query sees exactly what `-o json` would print.
    return jmespathSearch()(JSON.parse(JSON.stringify(data)) as unknown, query) as unknown;
  } catch (error) {
    throw new UsageError(`--query ${JSON.stringify(query)}: ${(error as Error).message}`, { usage: false });
  }
}

/** A table of any JSON: a list of objects gets a column per key, anything else one `Result` column. */
function resultTable(result: unknown): string {
  const list = Array.isArray(result) ? (result as unknown[]) : [result];
  if (list.every((row) => row !== null && typeof row === 'object' && !Array.isArray(row))) {
    const keys = [...new Set(list.flatMap((row) => Object.keys(row as object)))];
    return table(
      list as Record<string, unknown>[],
      keys.map((key) => ({ header: key, value: (row) => cell(row[key]) })),
    );
  }
  return table(list, [{ header: 'Result', value: cell }]);
}

function cell(value: unknown): string {
  if (value === null || value === undefined) return '';
  return typeof value === 'object' ? JSON.stringify(value) : String(value as string | number | boolean);
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
