import type { RunRowResource } from '@lathe/api';
import { metricValue } from '../../format.js';
import type { CompareRun } from './compare-runs.js';

/** A param or metric the runs are compared on; `id` is `params.<key>` or `metrics.<key>`. */
export interface CompareField {
  id: string;
  group: 'params' | 'metrics';
  key: string;
}

/** Every param, then every metric, any of the runs has, each sorted by key. */
export function fieldsOf(rows: readonly RunRowResource[]): CompareField[] {
  const keys = (group: 'params' | 'metrics') => [...new Set(rows.flatMap((r) => Object.keys(r[group])))].sort((a, b) => a.localeCompare(b, undefined, { numeric: true }));
  return (['params', 'metrics'] as const).flatMap((group) => keys(group).map((key) => ({ id: `${group}.${key}`, group, key })));
}

/** The field of an id from the URL, if the runs have it. */
export function fieldById(fields: readonly CompareField[], id: string | null): CompareField | undefined {
  return id ? fields.find((f) => f.id === id) : undefined;
}

/** A run's raw value of a field: a param's text, a metric's latest value (`'NaN'` etc. as sent). */
export function rawValue(row: RunRowResource, field: CompareField): string | number | undefined {
  return field.group === 'params' ? row.params[field.key] : row.metrics[field.key];
}

/** The value as a plot places it: a finite number where it reads as one, else text; nothing for NaN or ±Infinity. */
export function plotValue(row: RunRowResource, field: CompareField): string | number | undefined {
  const raw = rawValue(row, field);
  if (raw === undefined) return undefined;
  if (typeof raw === 'number') return Number.isFinite(raw) ? raw : undefined;
  if (field.group === 'metrics') return undefined;
  const n = Number(raw);
  return raw.trim() !== '' && Number.isFinite(n) ? n : raw;
}

/** The value as the table shows it. */
export function shownValue(row: RunRowResource, field: CompareField): string {
  const raw = rawValue(row, field);
  return raw === undefined ? '—' : field.group === 'metrics' ? metricValue(raw) : String(raw);
}

/** True when the runs do not all have the same value (a run without the field differs from one with it). */
export function differs(runs: readonly CompareRun[], field: CompareField): boolean {
  const values = new Set(runs.map((r) => String(rawValue(r.row, field) ?? '\u0000missing')));
  return values.size > 1;
}
