import type { MlflowKeyValue, MlflowMetric } from '@lathe/api/mlflow';
import { metricValue } from '../../format.js';
import { Link } from '../../router.js';

/** Tags the platform and MLflow's client set; shown apart from the user's. */
const SYSTEM_TAG = /^(mlflow\.|lathe\.)/;

function byKey<T extends { key: string }>(items: readonly T[]): T[] {
  return [...items].sort((a, b) => a.key.localeCompare(b.key));
}

/** A run's params, by key. */
export function ParamsTable({ params }: { params: readonly MlflowKeyValue[] }) {
  if (params.length === 0) return <div className="muted">No params logged.</div>;
  return (
    <table className="table compact" data-testid="params-table">
      <tbody>
        {byKey(params).map((p) => (
          <tr key={p.key}>
            <td className="mono">{p.key}</td>
            <td className="mono wrap">{p.value}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** A run's latest metric values (and the step each was logged at), each linking to its chart. */
export function LatestMetrics({ metrics }: { metrics: readonly MlflowMetric[] }) {
  if (metrics.length === 0) return <div className="muted">No metrics logged.</div>;
  return (
    <table className="table compact" data-testid="latest-metrics">
      <tbody>
        {byKey(metrics).map((m) => (
          <tr key={m.key}>
            <td className="mono">
              <Link to={`?tab=metrics&metric=${encodeURIComponent(m.key)}`}>{m.key}</Link>
            </td>
            <td className="num mono">{metricValue(m.value)}</td>
            <td className="num muted small meta">step {m.step}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** A run's tags: the user's as chips, the system's folded away. */
export function RunTags({ tags }: { tags: readonly MlflowKeyValue[] }) {
  const user = byKey(tags.filter((t) => !SYSTEM_TAG.test(t.key)));
  const system = byKey(tags.filter((t) => SYSTEM_TAG.test(t.key)));
  return (
    <div data-testid="run-tags">
      {user.length === 0 ? <div className="muted">No tags.</div> : null}
      {user.map((t) => (
        <span key={t.key} className="tag mono">
          {t.key}
          {t.value ? `: ${t.value}` : ''}
        </span>
      ))}
      {system.length > 0 ? (
        <details className="system-tags">
          <summary className="muted small">{system.length} system tags</summary>
          <table className="table compact">
            <tbody>
              {system.map((t) => (
                <tr key={t.key}>
                  <td className="mono">{t.key}</td>
                  <td className="mono wrap">{t.value}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </details>
      ) : null}
    </div>
  );
}
