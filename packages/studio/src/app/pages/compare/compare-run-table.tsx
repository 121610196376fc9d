import { StatusBadge } from '../../components/status-badge.js';
import { absoluteTime, duration, relativeTime } from '../../format.js';
import { Link } from '../../router.js';
import type { CompareRun } from './compare-runs.js';

/** The runs compared, each with its colour and a button that takes it out of the comparison. */
export function CompareRunTable({ runs, missing, onRemove }: { runs: CompareRun[]; missing: string[]; onRemove: (runId: string) => void }) {
  return (
    <div className="panel table-wrap">
      <table className="table compare-runs" data-testid="compare-runs">
        <thead>
          <tr>
            <th className="swatch-cell" />
            <th>Run</th>
            <th>Status</th>
            <th>Experiment</th>
            <th>Created</th>
            <th className="num">Duration</th>
            <th className="remove-cell" />
          </tr>
        </thead>
        <tbody>
          {runs.map(({ row, label, color }) => {
            const created = row.job?.created_at ?? row.start_time;
            const seconds = row.job ? row.job.duration_seconds : row.start_time !== null ? ((row.end_time ?? Date.now()) - row.start_time) / 1000 : null;
            return (
              <tr key={row.run_id} data-testid="compare-run" data-run-id={row.run_id}>
                <td className="swatch-cell">
                  <span className="swatch" style={{ background: color }} />
                </td>
                <td>
                  <Link to={`/jobs/${encodeURIComponent(row.run_id)}`} title={row.run_id}>
                    {label}
                  </Link>
                  {label !== row.run_id ? <span className="muted mono run-id">{row.run_id}</span> : null}
                </td>
                <td>
                  <StatusBadge status={row.status} />
                </td>
                <td>
                  <Link to={`/jobs?experiment=${encodeURIComponent(row.experiment_name)}`}>{row.experiment_name}</Link>
                </td>
                <td title={absoluteTime(created)}>{relativeTime(created)}</td>
                <td className="num">{duration(seconds)}</td>
                <td className="remove-cell">
                  <button
                    type="button"
                    className="button ghost small"
                    onClick={() => onRemove(row.run_id)}
                    aria-label={`Remove ${label} from the comparison`}
                    title="Remove from the comparison"
                    data-testid="remove-run"
                  >
                    ×
                  </button>
                </td>
              </tr>
            );
          })}
          {missing.map((id) => (
            <tr key={id} data-testid="compare-run-missing" data-run-id={id}>
              <td className="swatch-cell" />
              <td className="mono">{id}</td>
              <td colSpan={4} className="muted">
                No such run (deleted, or a mistyped id)
              </td>
              <td className="remove-cell">
                <button type="button" className="button ghost small" onClick={() => onRemove(id)} aria-label={`Remove ${id} from the comparison`} data-testid="remove-run">
                  ×
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
