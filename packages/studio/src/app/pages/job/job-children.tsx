import { lathe } from '../../client.js';
import { EmptyState } from '../../components/empty-state.js';
import { ErrorBanner } from '../../components/error-banner.js';
import { count } from '../../format.js';
import { useLiveEvents } from '../../live.js';
import { navigate } from '../../router.js';
import { useAsync } from '../../use-async.js';
import { FIXED_COLUMNS } from '../jobs/run-columns.js';
import { useThrottle } from './use-throttle.js';

const COLUMNS = FIXED_COLUMNS.filter((c) => c.id !== 'experiment');

/**
 * Runs started by this one (tag `mlflow.parentRunId`): sweep trials, pipeline steps, nested
 * MLflow runs. Children share the parent's experiment, so a job event there may be a new child
 * or a child's status: the list reloads, at most once a second.
 */
export function JobChildren({ runId, experimentName }: { runId: string; experimentName: string }) {
  const children = useAsync(
    (signal) => lathe.queryRuns({ filter: `tags.mlflow.parentRunId = '${runId.replace(/'/g, "\\'")}'`, orderBy: ['attributes.start_time ASC'], maxResults: 1000, signal }),
    [runId],
  );
  const reload = useThrottle(children.reload, 1000);
  useLiveEvents((event) => {
    if (event.type === 'connected') reload();
    else if (event.type === 'job' && (event.experiment_name === experimentName || children.data?.value.some((r) => r.run_id === event.run_id))) reload();
  });

  if (children.error) return <ErrorBanner error={children.error} what="child jobs" />;
  if (!children.data) return <div className="muted">Loading…</div>;
  const rows = children.data.value;
  if (rows.length === 0) {
    return (
      <EmptyState title="No child jobs">
        Sweep trials, pipeline steps and nested MLflow runs (<code>mlflow.start_run(nested=True)</code>) of this run appear here.
      </EmptyState>
    );
  }
  return (
    <div data-testid="job-children">
      <div className="muted small children-count">
        {count(rows.length, 'child run')}
        {children.data.next_page_token ? ' (first 1,000)' : ''}
      </div>
      <table className="table">
        <thead>
          <tr>
            {COLUMNS.map((c) => (
              <th key={c.id} className={c.numeric ? 'num' : undefined}>
                {c.label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.run_id} data-testid="child-row" data-run-id={row.run_id} data-status={row.status} onDoubleClick={() => navigate(`/jobs/${encodeURIComponent(row.run_id)}`)}>
              {COLUMNS.map((c) => (
                <td key={c.id} className={c.numeric ? 'num' : undefined}>
                  {c.cell(row)}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
