import type { ReactNode } from 'react';
import type { RunRowResource } from '@lathe/api';
import { StatusBadge } from '../../components/status-badge.js';
import { duration, metricValue, relativeTime } from '../../format.js';
import { Link } from '../../router.js';
import { quoteKey, type ListState } from './run-query.js';

/** A column of the job list: its header, width, the cell, and the order_by key that sorts it. */
export interface RunColumn {
  id: string;
  label: string;
  width: string;
  cell: (row: RunRowResource) => ReactNode;
  sortKey?: string;
  numeric?: boolean;
}

function runDuration(row: RunRowResource): number | null {
  if (row.job) return row.job.duration_seconds;
  if (row.start_time === null) return null;
  return ((row.end_time ?? Date.now()) - row.start_time) / 1000;
}

export const FIXED_COLUMNS: RunColumn[] = [
  {
    id: 'name',
    label: 'Name',
    width: 'minmax(220px, 2fr)',
    sortKey: 'attributes.run_name',
    cell: (row) => (
      <Link to={`/jobs/${encodeURIComponent(row.run_id)}`} title={row.run_id} onClick={(e) => e.stopPropagation()}>
        {row.job?.display_name || row.run_name || row.run_id}
      </Link>
    ),
  },
  { id: 'status', label: 'Status', width: '118px', sortKey: 'attributes.status', cell: (row) => <StatusBadge status={row.status} /> },
  { id: 'experiment', label: 'Experiment', width: 'minmax(120px, 1fr)', sortKey: 'attributes.experiment_id', cell: (row) => row.experiment_name },
  { id: 'type', label: 'Type', width: '84px', cell: (row) => row.job?.type ?? <span className="muted">run</span> },
  {
    id: 'created',
    label: 'Created',
    width: '100px',
    sortKey: 'attributes.start_time',
    cell: (row) => <span title={row.job?.created_at ?? String(row.start_time)}>{relativeTime(row.job?.created_at ?? row.start_time)}</span>,
  },
  { id: 'duration', label: 'Duration', width: '86px', numeric: true, cell: (row) => duration(runDuration(row)) },
  { id: 'user', label: 'Created by', width: '96px', sortKey: 'attributes.user_id', cell: (row) => row.user_id || '—' },
];

/** A picked column: `metrics.<key>`, `params.<key>` or `tags.<key>`. */
export function pickedColumn(id: string): RunColumn | undefined {
  const dot = id.indexOf('.');
  const kind = id.slice(0, dot);
  const key = id.slice(dot + 1);
  if (!key) return undefined;
  if (kind === 'metrics') {
    return { id, label: key, width: '110px', numeric: true, sortKey: `metrics.${quoteKey(key)}`, cell: (row) => metricValue(row.metrics[key]) };
  }
  if (kind === 'params') return { id, label: key, width: '110px', sortKey: `params.${quoteKey(key)}`, cell: (row) => row.params[key] ?? '—' };
  if (kind === 'tags') return { id, label: key, width: '120px', sortKey: `tags.${quoteKey(key)}`, cell: (row) => row.tags[key] ?? '—' };
  return undefined;
}

/** Every metric, param and tag key seen in `rows` (the keys a user can add as columns). */
export function availableKeys(rows: readonly RunRowResource[]): { metrics: string[]; params: string[]; tags: string[] } {
  const metrics = new Set<string>();
  const params = new Set<string>();
  const tags = new Set<string>();
  for (const row of rows.slice(0, 2000)) {
    for (const k in row.metrics) metrics.add(k);
    for (const k in row.params) params.add(k);
    for (const k in row.tags) if (!k.startsWith('mlflow.')) tags.add(k);
  }
  const sorted = (s: Set<string>) => [...s].sort((a, b) => a.localeCompare(b));
  return { metrics: sorted(metrics), params: sorted(params), tags: sorted(tags) };
}

/** Metric columns shown when the URL picks none. */
export const DEFAULT_METRIC_COLUMNS = 4;

/**
 * The picked columns the list shows: those the URL names, or without `cols` the metric keys of
 * the most recent runs (the rows come newest first) — plus a column for each metric or param the
 * filter or the sort uses, so what narrows or orders the rows is in view.
 */
export function shownColumnIds(state: ListState, rows: readonly RunRowResource[]): string[] {
  const base = state.columnsChosen ? state.columns : recentMetricIds(rows);
  return [...new Set([...base, ...keysUsedIn(`${state.filter} ${state.order}`)])];
}

function recentMetricIds(rows: readonly RunRowResource[]): string[] {
  const ids: string[] = [];
  for (const row of rows.slice(0, 200)) {
    for (const key of Object.keys(row.metrics).sort((a, b) => a.localeCompare(b))) {
      if (!ids.includes(`metrics.${key}`)) ids.push(`metrics.${key}`);
      if (ids.length === DEFAULT_METRIC_COLUMNS) return ids;
    }
  }
  return ids;
}

/** The `metrics.<key>` and `params.<key>` columns a filter or order_by names (MLflow's spellings). */
function keysUsedIn(text: string): string[] {
  const ids: string[] = [];
  for (const match of text.matchAll(/(?:^|[^\w.`])(metrics?|params?)\.(?:`([^`]+)`|"([^"]+)"|([A-Za-z_][\w.]*))/gi)) {
    const kind = (match[1] as string).toLowerCase().startsWith('metric') ? 'metrics' : 'params';
    ids.push(`${kind}.${match[2] ?? match[3] ?? match[4]}`);
  }
  return ids;
}
