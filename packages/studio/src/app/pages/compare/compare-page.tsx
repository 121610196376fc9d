import { useEffect, useMemo, useRef, useState } from 'react';
import type { RunRowResource } from '@lathe/api';
import { lathe } from '../../client.js';
import { EmptyState } from '../../components/empty-state.js';
import { ErrorBanner } from '../../components/error-banner.js';
import { PageHeader } from '../../components/page-header.js';
import { count } from '../../format.js';
import { useLiveEvents } from '../../live.js';
import { Link, setQuery, useLocation } from '../../router.js';
import { useAsync } from '../../use-async.js';
import { CompareCharts } from './compare-charts.js';
import { fieldsOf } from './compare-fields.js';
import { CompareRunTable } from './compare-run-table.js';
import { assignSlots, readRunIds, runColor, runLabels, type CompareRun } from './compare-runs.js';
import { CompareTable } from './compare-table.js';
import { ParallelCoordinates } from './parallel-coordinates.js';
import { runIdFilter } from './run-id-filter.js';
import { ScatterPlot } from './scatter-plot.js';
import './compare.css';

/** How often live metric writes may reload the comparison. */
const LIVE_INTERVAL_MS = 2000;

/**
 * Runs side by side: `/compare?runs=a,b,c`. Their params and latest metrics (differences
 * marked), each metric's history overlaid, parallel coordinates and a scatter of any two
 * fields. Each run keeps one colour everywhere on the page; the URL holds every choice, so a
 * comparison can be shared as it is.
 */
export function ComparePage() {
  const { query } = useLocation();
  const ids = readRunIds(query.get('runs'));
  const key = ids.join(',');
  const [refresh, setRefresh] = useState(0);
  const loaded = useAsync(async (signal) => (ids.length ? (await lathe.queryRuns({ filter: runIdFilter(ids), maxResults: ids.length, viewType: 'ALL', signal })).value : []), [key, refresh]);

  const { runs, missing } = useMemo(() => {
    const byId = new Map<string, RunRowResource>((loaded.data ?? []).map((r) => [r.run_id, r]));
    const rows = ids.flatMap((id) => byId.get(id) ?? []);
    const slots = assignSlots(ids);
    const labels = runLabels(rows);
    const runs: CompareRun[] = rows.map((row) => ({ row, label: labels.get(row.run_id) ?? row.run_id, color: runColor(slots.get(row.run_id) ?? 0) }));
    return { runs, missing: loaded.data ? ids.filter((id) => !byId.has(id)) : [] };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [loaded.data, key]);
  const fields = useMemo(() => fieldsOf(runs.map((r) => r.row)), [runs]);

  // A compared run that logs metrics or changes status reloads the page's data, at most every LIVE_INTERVAL_MS.
  const pending = useRef<ReturnType<typeof setTimeout>>(undefined);
  useLiveEvents((event) => {
    if ((event.type !== 'connected' && !ids.includes(event.run_id)) || pending.current) return;
    pending.current = setTimeout(() => {
      pending.current = undefined;
      setRefresh((n) => n + 1);
    }, LIVE_INTERVAL_MS);
  });
  useEffect(() => () => clearTimeout(pending.current), []);

  const remove = (runId: string) => setQuery({ runs: ids.filter((id) => id !== runId).join(',') || undefined }, { push: true });

  return (
    <div className="compare-page" data-testid="compare-page" data-state={loaded.data ? 'ready' : 'loading'} data-runs={runs.length}>
      <PageHeader
        title={`Compare ${ids.length ? count(ids.length, 'run') : 'runs'}`}
        crumbs={[['Jobs', '/jobs']]}
        actions={
          <Link to="/jobs" className="button" title="Select runs in the job list and press Compare">
            Choose runs
          </Link>
        }
      />
      <ErrorBanner error={loaded.error} what="the runs" />
      {ids.length === 0 ? (
        <EmptyState title="No runs to compare">
          Select runs in the <Link to="/jobs">job list</Link> (x or the checkboxes) and press Compare, or open <code>/compare?runs=&lt;id&gt;,&lt;id&gt;</code>.
        </EmptyState>
      ) : (
        <>
          <CompareRunTable runs={runs} missing={missing} onRemove={remove} />
          {runs.length > 0 ? (
            <>
              <CompareTable runs={runs} fields={fields} onlyDiff={query.get('diff') === '1'} />
              <CompareCharts runs={runs} refresh={refresh} />
              {fields.length > 0 ? (
                <div className="compare-plots">
                  <ParallelCoordinates runs={runs} fields={fields} />
                  <ScatterPlot runs={runs} fields={fields} />
                </div>
              ) : null}
            </>
          ) : null}
        </>
      )}
    </div>
  );
}
