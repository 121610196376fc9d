import { useCallback, useMemo, useRef, useState } from 'react';
import { ChartControls, useChartSettings } from '../../components/chart-controls.js';
import { EmptyState } from '../../components/empty-state.js';
import { count } from '../../format.js';
import { useLiveEvents } from '../../live.js';
import { setQuery, useLocation } from '../../router.js';
import { RunMetricChart } from './run-metric-chart.js';
import { SingleValueMetrics, type SingleValue } from './single-value-metrics.js';
import { EAGER_CHARTS, shownMetricKeys } from './shown-metric-keys.js';
import { useThrottle } from './use-throttle.js';

/**
 * One chart per metric of the run, with the view in the URL (`?x=time&smooth=0.6&log=1&metric=loss`).
 * Live: a `metrics` event for this run reloads the charts of the keys it names, at most once a
 * second; a key not seen before reloads the run (`onNewKeys`) so its chart appears. Metrics
 * logged once are a table above the charts; one that gets a second point becomes a chart.
 */
export function JobMetrics({ runId, keys, onNewKeys }: { runId: string; keys: string[]; onNewKeys: () => void }) {
  const { query } = useLocation();
  const chart = useChartSettings();
  const { xAxis, smoothing, logScale } = chart;
  const filter = query.get('metric') ?? '';
  const [versions, setVersions] = useState<Record<string, number>>({});
  const [singles, setSingles] = useState<Record<string, SingleValue>>({});
  const onSingle = useCallback((key: string, point: SingleValue) => setSingles((s) => ({ ...s, [key]: point })), []);
  const dirty = useRef(new Set<string>());
  const known = useRef(new Set(keys));
  known.current = new Set(keys);

  const flush = useThrottle(() => {
    const changed = [...dirty.current];
    dirty.current.clear();
    if (changed.some((k) => !known.current.has(k))) onNewKeys();
    // A single value that changed is a chart again until it loads and shows one point still.
    setSingles((s) => (changed.some((k) => k in s) ? Object.fromEntries(Object.entries(s).filter(([k]) => !changed.includes(k))) : s));
    setVersions((v) => {
      const next = { ...v };
      for (const k of changed) next[k] = (next[k] ?? 0) + 1;
      return next;
    });
  }, 1000);
  useLiveEvents((event) => {
    if (event.type !== 'metrics' || event.run_id !== runId) return;
    for (const k of event.keys) dirty.current.add(k);
    flush();
  });

  const shown = useMemo(() => shownMetricKeys(keys, filter), [keys, filter]);
  const charted = shown.filter((key) => !(key in singles));
  const shownSingles = Object.fromEntries(shown.filter((key) => key in singles).map((key) => [key, singles[key] as SingleValue]));

  if (keys.length === 0) {
    return (
      <EmptyState title="No metrics yet" command={'import mlflow\nmlflow.log_metric("loss", loss, step=step)'}>
        Metrics the job logs with MLflow appear here as they arrive.
      </EmptyState>
    );
  }
  return (
    <div data-testid="job-metrics">
      <div className="toolbar metric-toolbar">
        <input
          className="mono"
          placeholder="Filter metrics"
          value={filter}
          onChange={(e) => setQuery({ metric: e.target.value || undefined })}
          aria-label="Filter metrics"
          data-testid="metric-filter"
        />
        <ChartControls settings={chart} />
        <span className="muted small metric-count">{shown.length === keys.length ? count(keys.length, 'metric') : `${shown.length} of ${count(keys.length, 'metric')}`}</span>
      </div>
      {shown.length === 0 ? <div className="muted">No metric matches “{filter}”.</div> : null}
      <SingleValueMetrics values={shownSingles} />
      <div className="metric-grid">
        {charted.map((key, i) => (
          <RunMetricChart key={key} runId={runId} metricKey={key} version={versions[key] ?? 0} xAxis={xAxis} smoothing={smoothing} logScale={logScale} eager={i < EAGER_CHARTS} onSingle={onSingle} />
        ))}
      </div>
    </div>
  );
}
