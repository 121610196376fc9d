import type { JsonDouble } from '@lathe/api';
import { metricValue } from '../../format.js';

/** The one point of a metric logged once. */
export interface SingleValue {
  value: JsonDouble;
  step: number;
}

/**
 * Metrics logged once (a final accuracy, a best epoch) as a compact table, sorted by key: a
 * chart of one point says less than the number.
 */
export function SingleValueMetrics({ values }: { values: Record<string, SingleValue> }) {
  const keys = Object.keys(values).sort((a, b) => a.localeCompare(b));
  if (keys.length === 0) return null;
  return (
    <table className="table compact single-metrics" data-testid="single-metrics">
      <tbody>
        {keys.map((key) => {
          const point = values[key] as SingleValue;
          return (
            <tr key={key} data-key={key}>
              <td className="mono">{key}</td>
              <td className="num mono">{metricValue(point.value)}</td>
              <td className="num muted small meta">step {point.step}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
