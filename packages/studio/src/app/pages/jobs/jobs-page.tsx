import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { isTerminal } from '@lathe/core';
import type { ExperimentSummaryResource, RunRowResource } from '@lathe/api';
import { lathe } from '../../client.js';
import { EmptyState } from '../../components/empty-state.js';
import { ErrorBanner } from '../../components/error-banner.js';
import { PageHeader } from '../../components/page-header.js';
import { count } from '../../format.js';
import { useLiveEvents } from '../../live.js';
import { navigate, setQuery, useLocation } from '../../router.js';
import { useAsync } from '../../use-async.js';
import { FIXED_COLUMNS, availableKeys, pickedColumn, shownColumnIds } from './run-columns.js';
import { PAGE, firstPage } from './prefetch-jobs.js';
import { RunList } from './run-list.js';
import { NO_COLUMNS, SINCE, STATUS_GROUPS, listCache, readListState, toRunQuery, type ListData } from './run-query.js';

/** Selected runs survive leaving the page (select, open one, come back, compare). */
const selection = new Set<string>();

/**
 * Jobs: every run of the workspace (each job is one), filtered and sorted on the server and paged
 * as the list scrolls. The URL holds the query, so a filtered list can be bookmarked or shared.
 */
export function JobsPage() {
  const { query } = useLocation();
  const state = readListState(query);
  const key = JSON.stringify(state);
  const [data, setData] = useState<ListData | undefined>(() => listCache.get(key));
  const [error, setError] = useState<Error>();
  const [loading, setLoading] = useState(false);
  const [cursor, setCursor] = useState(-1);
  const [selected, setSelected] = useState<ReadonlySet<string>>(() => new Set(selection));
  const [draft, setDraft] = useState(state.filter);
  const [picking, setPicking] = useState(false);
  const [fresh, setFresh] = useState(0);
  const filterBox = useRef<HTMLInputElement>(null);
  const generation = useRef(0);
  // `state` is read from the URL anew on every render; `key` is its value. The time origin of
  // relative filters moves when the query changes or a reload is asked for (`fresh`).
  // eslint-disable-next-line react-hooks/exhaustive-deps -- keyed on the query's value, see above
  const now = useMemo(() => Date.now(), [key, fresh]);
  // eslint-disable-next-line react-hooks/exhaustive-deps -- keyed on the query's value, see above
  const runQuery = useMemo(() => toRunQuery(state, now), [key, now]);

  // The experiment menu (with run counts) loads once the rows are on screen: counting every run
  // costs more than a page, and the server would answer it first.
  const listed = data !== undefined;
  const experiments = useAsync<ExperimentSummaryResource[] | undefined>(async () => (listed ? lathe.listExperiments() : undefined), [listed]);
  // The job types this server runs, from its registry of job kinds.
  const kinds = useAsync(async () => (await lathe.listJobKinds()).value.map((k) => k.type), []);

  // The first page of a new query (or the cached list for one seen before).
  useEffect(() => {
    setDraft(state.filter);
    const cached = listCache.get(key);
    if (cached && fresh === 0) {
      setData(cached);
      return;
    }
    const mine = ++generation.current;
    const controller = new AbortController();
    setLoading(true);
    setError(undefined);
    (fresh === 0 ? firstPage(runQuery, controller.signal) : lathe.queryRuns({ ...runQuery, maxResults: PAGE, signal: controller.signal }))
      .then((page) => {
        if (mine !== generation.current) return;
        // A whole page means there may be more: the total comes from its own request after the
        // rows are on screen, since counting a filter over every run costs more than the page.
        const total = page.next_page_token ? listCache.get(key)?.total : page.value.length;
        const next: ListData = { rows: page.value, next: page.next_page_token, total, scrollTop: fresh ? (listCache.get(key)?.scrollTop ?? 0) : 0, loadedAt: Date.now() };
        listCache.set(key, next);
        setData(next);
        setCursor(-1);
        if (page.next_page_token) {
          void lathe.queryRuns({ ...runQuery, maxResults: 1, count: true, signal: controller.signal }).then(
            (counted) => {
              const current = listCache.get(key);
              if (mine !== generation.current || !current) return;
              const withTotal = { ...current, total: counted.total };
              listCache.set(key, withTotal);
              setData(withTotal);
            },
            () => undefined,
          );
        }
      })
      .catch((e: Error) => {
        if (mine !== generation.current || e.name === 'AbortError') return;
        // The rows on screen answer another query: shown under this one's filter, they would
        // read as its answer. A refused query shows its error and no rows.
        setData(undefined);
        setError(e);
      })
      .finally(() => mine === generation.current && setLoading(false));
    return () => controller.abort();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key, fresh]);

  const loadMore = useCallback(() => {
    const current = listCache.get(key);
    if (!current?.next || loading) return;
    const mine = generation.current;
    setLoading(true);
    lathe
      .queryRuns({ ...runQuery, maxResults: PAGE, pageToken: current.next })
      .then((page) => {
        if (mine !== generation.current) return;
        const next: ListData = { ...current, rows: [...current.rows, ...page.value], next: page.next_page_token };
        listCache.set(key, next);
        setData(next);
      })
      .catch((e: Error) => setError(e))
      .finally(() => setLoading(false));
  }, [key, loading, runQuery]);

  // Live: a visible run that changes status is patched in place; a new job reloads the top of
  // the list when the user is at the top of it (below, they would lose their place).
  const pendingReload = useRef<ReturnType<typeof setTimeout>>(undefined);
  useLiveEvents((event) => {
    const current = listCache.get(key);
    if (!current) return;
    if (event.type === 'connected') {
      // The stream (re)opened: rows still in flight may have moved on unseen.
      if (current.rows.some((r) => !isTerminal(r.status))) setFresh((n) => n + 1);
      return;
    }
    if (event.type !== 'job') return;
    const index = current.rows.findIndex((r) => r.run_id === event.run_id);
    const atTop = current.scrollTop < 64;
    if (index >= 0 && !atTop) {
      const rows = current.rows.slice();
      const row = rows[index] as RunRowResource;
      rows[index] = { ...row, status: event.status, ...(row.job ? { job: { ...row.job, status: event.status } } : {}) };
      const next = { ...current, rows };
      listCache.set(key, next);
      setData(next);
      return;
    }
    if (!atTop) return;
    clearTimeout(pendingReload.current);
    pendingReload.current = setTimeout(() => setFresh((n) => n + 1), 300);
  });
  useEffect(() => () => clearTimeout(pendingReload.current), []);

  const rows = data?.rows ?? [];
  const shown = shownColumnIds(state, rows);
  const pickedIds = shown.join(',');
  const columns = useMemo(() => [...FIXED_COLUMNS, ...pickedIds.split(',').flatMap((id) => (id === '' ? [] : (pickedColumn(id) ?? [])))], [pickedIds]);
  const keys = useMemo(() => availableKeys(data?.rows ?? []), [data?.rows]);

  const toggle = useCallback((runId: string) => {
    if (selection.has(runId)) selection.delete(runId);
    else selection.add(runId);
    setSelected(new Set(selection));
  }, []);
  const compare = () => navigate(`/compare?runs=${[...selection].map(encodeURIComponent).join(',')}`);
  const sortBy = (sortKey: string) => {
    const next = state.order === `${sortKey} DESC` ? `${sortKey} ASC` : state.order === `${sortKey} ASC` ? '' : `${sortKey} DESC`;
    setQuery({ order: next || undefined });
  };
  // Picking starts from the columns shown (the recent metrics, by default).
  const toggleColumn = (id: string) => {
    const cols = shown.includes(id) ? shown.filter((c) => c !== id) : [...shown, id];
    setQuery({ cols: cols.join(',') || NO_COLUMNS });
  };

  // `/` focuses the filter, `c` compares the selection.
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if ((event.target as HTMLElement).closest('input, textarea, select') || event.metaKey || event.ctrlKey || event.altKey) return;
      if (event.key === '/') {
        event.preventDefault();
        filterBox.current?.focus();
      } else if (event.key === 'c' && selection.size >= 1) compare();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  });

  const filtered = Boolean(state.filter || state.statuses.length || state.type || state.since || state.user || state.experiment);
  const total = data?.total;
  // Ready means the rows shown are this query's: right after the query changes, the previous
  // query's rows stay on screen until the new ones arrive, and they must not read as the answer.
  const ready = data !== undefined && data === listCache.get(key) && !(loading && rows.length === 0);
  return (
    <div>
      <PageHeader
        title="Jobs"
        actions={
          <>
            {selected.size > 0 ? (
              <button
                type="button"
                className="button ghost small"
                onClick={() => {
                  selection.clear();
                  setSelected(new Set());
                }}
              >
                Clear {selected.size}
              </button>
            ) : null}
            <button type="button" className="button primary" disabled={selected.size < 1} onClick={compare} data-testid="compare-button" title="Compare the selected runs (c)">
              Compare{selected.size ? ` ${selected.size}` : ''}
            </button>
          </>
        }
      />
      <div className="toolbar">
        <form
          className="grow"
          onSubmit={(e) => {
            e.preventDefault();
            setQuery({ filter: draft.trim() || undefined });
          }}
        >
          <input
            ref={filterBox}
            className="mono"
            style={{ width: '100%' }}
            placeholder="Filter: words of a name, or metrics.accuracy > 0.9 and params.lr = '0.01'   (press / to focus, Enter to apply)"
            value={draft}
            onChange={(e) => setDraft(e.target.value)}
            data-testid="filter-input"
            aria-label="Filter"
          />
        </form>
        <select value={state.experiment} onChange={(e) => setQuery({ experiment: e.target.value || undefined })} aria-label="Experiment" data-testid="experiment-select">
          <option value="">All experiments</option>
          {state.experiment && !(experiments.data ?? []).some((x) => x.name === state.experiment) ? <option value={state.experiment}>{state.experiment}</option> : null}
          {(experiments.data ?? []).map((x) => (
            <option key={x.experiment_id} value={x.name}>
              {x.name} ({x.run_count})
            </option>
          ))}
        </select>
        <select value={state.type} onChange={(e) => setQuery({ type: e.target.value || undefined })} aria-label="Type">
          <option value="">Any type</option>
          {state.type && !(kinds.data ?? []).includes(state.type) ? <option value={state.type}>{state.type}</option> : null}
          {(kinds.data ?? []).map((t) => (
            <option key={t}>{t}</option>
          ))}
        </select>
        <select value={state.since} onChange={(e) => setQuery({ since: e.target.value || undefined })} aria-label="Created">
          <option value="">Any time</option>
          {Object.keys(SINCE).map((s) => (
            <option key={s} value={s}>
              Last {s}
            </option>
          ))}
        </select>
        <input placeholder="Created by" value={state.user} onChange={(e) => setQuery({ user: e.target.value || undefined })} style={{ width: 110 }} aria-label="Created by" />
        <div style={{ position: 'relative' }}>
          <button type="button" className="button" onClick={() => setPicking((p) => !p)} data-testid="columns-button">
            Columns
          </button>
          {picking ? (
            <div className="panel column-picker" data-testid="column-picker">
              {(['metrics', 'params', 'tags'] as const).map((kind) => (
                <div key={kind}>
                  <div className="rail-title">{kind}</div>
                  {keys[kind].length === 0 ? <div className="muted small">none in the loaded rows</div> : null}
                  {keys[kind].map((k) => (
                    <label key={k}>
                      <input type="checkbox" checked={shown.includes(`${kind}.${k}`)} onChange={() => toggleColumn(`${kind}.${k}`)} />
                      <span className="mono">{k}</span>
                    </label>
                  ))}
                </div>
              ))}
            </div>
          ) : null}
        </div>
      </div>
      <div className="toolbar">
        {Object.keys(STATUS_GROUPS).map((s) => {
          const on = state.statuses.includes(s);
          return (
            <span
              key={s}
              role="checkbox"
              aria-checked={on}
              tabIndex={0}
              className={on ? 'chip on' : 'chip'}
              data-testid={`status-chip-${s}`}
              onClick={() => setQuery({ status: (on ? state.statuses.filter((x) => x !== s) : [...state.statuses, s]).join(',') || undefined })}
            >
              {s}
            </span>
          );
        })}
        {filtered ? (
          <button type="button" className="button ghost small" onClick={() => navigate('/jobs')}>
            Clear filters
          </button>
        ) : null}
      </div>
      <ErrorBanner error={error} what="jobs" />
      {error && !data ? (
        <EmptyState title="The filter was not applied">Fix the filter above (the message says what the server refused), or clear it.</EmptyState>
      ) : data && rows.length === 0 && !loading ? (
        filtered ? (
          <EmptyState title="No jobs match">Change or clear the filters above.</EmptyState>
        ) : (
          <EmptyState title="No jobs yet" command="lathe job create --file examples/jobs/hello-world.yml --stream">
            Submit a first job from the command line; it appears here as it runs.
          </EmptyState>
        )
      ) : (
        <div data-testid="job-list" data-state={ready ? 'ready' : 'loading'} data-query={key} data-total={total ?? ''} data-rows={rows.length}>
          {data ? (
            <RunList
              key={key}
              rows={rows}
              columns={columns}
              order={state.order}
              selected={selected}
              cursor={cursor}
              loading={loading}
              hasMore={Boolean(data.next)}
              initialScrollTop={data.scrollTop}
              onSort={sortBy}
              onToggle={toggle}
              onCursor={setCursor}
              onOpen={(row) => navigate(`/jobs/${encodeURIComponent(row.run_id)}`)}
              onNeedMore={loadMore}
              onScrolled={(top) => {
                const current = listCache.get(key);
                if (current) current.scrollTop = top;
              }}
            />
          ) : (
            <div className="vlist" />
          )}
          <div className="list-foot">
            <span>
              {total !== undefined ? `${count(rows.length, 'row')} of ${count(total, 'run')}` : loading && rows.length === 0 ? 'Loading…' : `${count(rows.length, 'row')} of … runs`}
              {loading && rows.length > 0 ? ' · loading more…' : ''}
            </span>
            <span>j/k move · Enter open · x select · c compare · / filter</span>
          </div>
        </div>
      )}
    </div>
  );
}
