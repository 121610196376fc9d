import type { JobStatus } from '@lathe/core';
import type { RunRowResource } from '@lathe/api';
import type { QueryRunsOptions } from '@lathe/sdk/client';

/** Status groups the list filters by, as the job statuses each stands for. */
export const STATUS_GROUPS: Record<string, JobStatus[]> = {
  Queued: ['NotStarted', 'Queued', 'Preparing'],
  Running: ['Running', 'Finalizing'],
  Completed: ['Completed'],
  Failed: ['Failed'],
  Canceled: ['CancelRequested', 'Canceled'],
};

export const SINCE: Record<string, number> = { '1h': 3600e3, '24h': 86400e3, '7d': 7 * 86400e3, '30d': 30 * 86400e3 };

/** The list's state as its URL holds it (`/jobs?experiment=…&status=…&filter=…`). */
export interface ListState {
  experiment: string;
  statuses: string[];
  type: string;
  filter: string;
  since: string;
  user: string;
  order: string;
  /** The picked columns (`metrics.<key>`, …), when `cols` is in the URL (`cols=none`: none). */
  columns: string[];
  /** Whether the URL picks the columns; without `cols`, the recent metrics are shown. */
  columnsChosen: boolean;
}

/** `cols=none`: the user removed every picked column (an empty `cols` would fall out of the URL). */
export const NO_COLUMNS = 'none';

export function readListState(query: URLSearchParams): ListState {
  const list = (key: string) =>
    (query.get(key) ?? '')
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean);
  return {
    experiment: query.get('experiment') ?? '',
    statuses: list('status').filter((s) => s in STATUS_GROUPS),
    type: query.get('type') ?? '',
    filter: query.get('filter') ?? '',
    since: query.get('since') ?? '',
    user: query.get('user') ?? '',
    order: query.get('order') ?? '',
    columns: list('cols').filter((c) => c !== NO_COLUMNS),
    columnsChosen: query.has('cols'),
  };
}

/** Quotes a key for MLflow's grammar when it is not a plain identifier. */
export function quoteKey(key: string): string {
  return /^[A-Za-z_][\w.]*$/.test(key) ? key : `\`${key.replace(/`/g, '')}\``;
}

/** Text that uses MLflow's filter grammar: a comparison operator or a grammar keyword. */
const GRAMMAR = /[=<>!]|\s(i?like|not\s+in|in)\s*[('"]|\b(metrics|params|tags|attributes|attribute|metric|param|tag|dataset|datasets)\./i;

/**
 * The filter box's text as the run query takes it: MLflow's grammar as it is (`filter`) when it
 * uses the grammar, otherwise plain words (`text`) that must each appear, ignoring case, in the
 * run's name or the job's own name, as MLflow's UI matches run names — a job with a display name
 * is found by its name too, which no clause of the grammar can say (it has no `or`).
 */
export function filterQuery(text: string): { filter?: string; text?: string } {
  const trimmed = text.trim();
  if (!trimmed) return {};
  if (GRAMMAR.test(trimmed)) return { filter: trimmed };
  const words = trimmed
    .split(/\s+/)
    .map((word) => word.replace(/^['"`]+|['"`]+$/g, ''))
    .filter(Boolean);
  return words.length ? { text: words.join(' ') } : {};
}

/** The SDK query for a list state; `now` fixes "since" to a moment so pages agree. */
export function toRunQuery(state: ListState, now: number): QueryRunsOptions {
  const { filter, text } = filterQuery(state.filter);
  const clauses: string[] = filter ? [filter] : [];
  const since = SINCE[state.since];
  if (since) clauses.push(`attributes.start_time >= ${Math.floor((now - since) / 60000) * 60000}`);
  if (state.user) clauses.push(`attributes.user_id = '${state.user.replace(/'/g, "\\'")}'`);
  return {
    ...(state.experiment ? { experiments: [state.experiment] } : {}),
    ...(clauses.length ? { filter: clauses.join(' and ') } : {}),
    ...(text ? { text } : {}),
    ...(state.order ? { orderBy: [state.order] } : {}),
    ...(state.type ? { types: [state.type] } : {}),
    ...(state.statuses.length ? { statuses: state.statuses.flatMap((s) => STATUS_GROUPS[s] ?? []) } : {}),
  };
}

/**
 * What a list shows for one query: loaded rows, the token of the next page, the total, and where
 * it was scrolled. Kept per query for the session, so going to a job and back shows the list as
 * it was, at once.
 */
export interface ListData {
  rows: RunRowResource[];
  next?: string | undefined;
  total?: number | undefined;
  scrollTop: number;
  loadedAt: number;
}

export const listCache = new Map<string, ListData>();
