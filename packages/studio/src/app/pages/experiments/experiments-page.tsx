import { useMemo } from 'react';
import type { ExperimentSummaryResource } from '@lathe/api';
import { lathe } from '../../client.js';
import { EmptyState } from '../../components/empty-state.js';
import { ErrorBanner } from '../../components/error-banner.js';
import { PageHeader } from '../../components/page-header.js';
import { absoluteTime, count, relativeTime } from '../../format.js';
import { Link, setQuery, useLocation } from '../../router.js';
import { useAsync } from '../../use-async.js';
import { SortableTh, compareValues, readSort } from './sortable-th.js';
import './experiments.css';

const SORT_VALUE: Record<string, (x: ExperimentSummaryResource) => string | number> = {
  name: (x) => x.name,
  runs: (x) => x.run_count,
  activity: (x) => x.last_activity,
  created: (x) => x.creation_time,
};

/**
 * Experiments with run counts and last activity; a name opens the job list filtered to it.
 * Sort and filter live in the URL (`?sort=runs&dir=desc&q=iris`).
 */
export function ExperimentsPage() {
  const { query } = useLocation();
  const sort = readSort(query, Object.keys(SORT_VALUE), { column: 'activity', dir: 'desc' });
  const filter = query.get('q') ?? '';
  const experiments = useAsync(() => lathe.listExperiments(), []);

  const rows = useMemo(() => {
    const needle = filter.trim().toLowerCase();
    const value = SORT_VALUE[sort.column] ?? SORT_VALUE.activity!;
    return (experiments.data ?? [])
      .filter((x) => !needle || x.name.toLowerCase().includes(needle) || Object.entries(x.tags).some(([k, v]) => !k.startsWith('mlflow.') && `${k}=${v}`.toLowerCase().includes(needle)))
      .sort((a, b) => compareValues(value(a), value(b), sort.dir) || a.name.localeCompare(b.name));
  }, [experiments.data, filter, sort.column, sort.dir]);

  const all = experiments.data ?? [];
  return (
    <div>
      <PageHeader title="Experiments" actions={all.length ? <span className="muted">{count(all.length, 'experiment')}</span> : null} />
      <ErrorBanner error={experiments.error} what="experiments" />
      {experiments.data && all.length === 0 ? (
        <HowToCreate />
      ) : (
        <>
          <div className="toolbar">
            <input
              className="grow"
              type="search"
              placeholder="Filter by name or tag"
              value={filter}
              onChange={(e) => setQuery({ q: e.target.value })}
              aria-label="Filter experiments"
              data-testid="experiment-filter"
            />
          </div>
          <div className="panel table-wrap">
            <table className="table" data-testid="experiment-table" data-state={experiments.data ? 'ready' : 'loading'}>
              <thead>
                <tr>
                  <SortableTh column="name" label="Name" sort={sort} firstDir="asc" />
                  <SortableTh column="runs" label="Runs" sort={sort} numeric />
                  <SortableTh column="activity" label="Last activity" sort={sort} />
                  <SortableTh column="created" label="Created" sort={sort} />
                  <th>Tags</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((x) => (
                  <tr key={x.experiment_id} data-testid="experiment-row" data-name={x.name}>
                    <td className="name-cell">
                      <Link to={`/jobs?experiment=${encodeURIComponent(x.name)}`}>{x.name}</Link>
                    </td>
                    <td className="num">{x.run_count.toLocaleString('en-US')}</td>
                    <td title={absoluteTime(x.last_activity)}>{relativeTime(x.last_activity)}</td>
                    <td title={absoluteTime(x.creation_time)}>{relativeTime(x.creation_time)}</td>
                    <td className="tags-cell">
                      {Object.entries(x.tags)
                        .filter(([k]) => !k.startsWith('mlflow.'))
                        .map(([k, v]) => (
                          <span key={k} className="tag">
                            {k}: {v}
                          </span>
                        ))}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
            {experiments.data && rows.length === 0 ? <div className="table-note muted">No experiment matches “{filter}”.</div> : null}
          </div>
          {all.length > 0 && all.every((x) => x.run_count === 0) ? <HowToCreate /> : null}
        </>
      )}
    </div>
  );
}

/** Shown while no experiment holds a run (a new workspace has only the empty `Default`). */
function HowToCreate() {
  return (
    <EmptyState title="No runs in any experiment yet" command={'# job.yml:  experiment_name: my-experiment\nlathe job create --file job.yml'}>
      An experiment groups the runs of one question. A job names its experiment with <code>experiment_name:</code> in its YAML (jobs without one go to <code>Default</code>); MLflow's{' '}
      <code>mlflow.set_experiment()</code> creates one too.
    </EmptyState>
  );
}
