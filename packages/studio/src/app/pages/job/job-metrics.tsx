import { useEffect, useMemo, useRef, useState } from 'react';
import type { MetricXAxis } from '../../components/metric-chart.js';
import { EmptyState } from '../../components/empty-state.js';
import { count } from '../../format.js';
import { useLiveEvents } from '../../live.js';
import { setQuery, useLocation } from '../../router.js';
import { RunMetricChart } from './run-metric-chart.js';
import { useThrottle } from './use-throttle.js';

/** Charts that load with the tab; the rest when they scroll near the viewport. */
const EAGER_CHARTS = 6;

const X_AXES: [MetricXAxis, string][] = [
  ['step', 'Step'],
  ['time', 'Wall time'],
  ['relative', 'Relative time'],
];

/**
 * One chart per metric of the run, with the view in the URL (`?x=time&smooth=0.6&log=1&metric=loss`).
 * Live: a `metrics` event for this run reloads the charts of the keys it names, at most once a
 * second; a key not seen before reloads the run (`onNewKeys`) so its chart appears.
 */
export function JobMetrics({ runId, keys, onNewKeys }: { runId: string; keys: string[]; onNewKeys: () => void }) {
  const { query } = useLocation();
  const xAxis = (X_AXES.find(([x]) => x === query.get('x'))?.[0] ?? 'step') as MetricXAxis;
  const logScale = query.get('log') === '1';
  const filter = query.get('metric') ?? '';
  const [smoothing, setSmoothing] = useSmoothing(query.get('smooth'));
  const [versions, setVersions] = useState<Record<string, number>>({});
  const dirty = useRef(new Set<string>());
  const known = useRef(new Set(keys));
  known.current = new Set(keys);

  const flush = useThrottle(() => {
    const changed = [...dirty.current];
    dirty.current.clear();
    if (changed.some((k) => !known.current.has(k))) onNewKeys();
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

  const shown = useMemo(() => {
    const needle = filter.trim().toLowerCase();
    return [...keys].sort((a, b) => a.localeCompare(b)).filter((k) => !needle || k.toLowerCase().includes(needle));
  }, [keys, filter]);

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
        <div className="segmented" role="radiogroup" aria-label="X axis" data-testid="x-axis">
          {X_AXES.map(([x, label]) => (
            <button key={x} type="button" role="radio" aria-checked={x === xAxis} className={x === xAxis ? 'on' : ''} onClick={() => setQuery({ x: x === 'step' ? undefined : x })} data-x={x}>
              {label}
            </button>
          ))}
        </div>
        <label className="slider" title="Exponential moving average; the raw line stays, faint">
          <span className="muted">Smoothing</span>
          <input type="range" min={0} max={0.99} step={0.01} value={smoothing} onChange={(e) => setSmoothing(Number(e.target.value))} data-testid="smoothing" />
          <span className="mono slider-value">{smoothing.toFixed(2)}</span>
        </label>
        <label className="check">
          <input type="checkbox" checked={logScale} onChange={(e) => setQuery({ log: e.target.checked ? '1' : undefined })} data-testid="log-scale" />
          Log scale
        </label>
        <span className="muted small metric-count">{shown.length === keys.length ? count(keys.length, 'metric') : `${shown.length} of ${count(keys.length, 'metric')}`}</span>
      </div>
      {shown.length === 0 ? <div className="muted">No metric matches “{filter}”.</div> : null}
      <div className="metric-grid">
        {shown.map((key, i) => (
          <RunMetricChart key={key} runId={runId} metricKey={key} version={versions[key] ?? 0} xAxis={xAxis} smoothing={smoothing} logScale={logScale} eager={i < EAGER_CHARTS} />
        ))}
      </div>
    </div>
  );
}

/** The smoothing weight: follows the slider at once, reaches the URL when the slider rests. */
function useSmoothing(fromUrl: string | null): [number, (value: number) => void] {
  const parsed = Math.min(0.99, Math.max(0, Number(fromUrl) || 0));
  const [value, setValue] = useState(parsed);
  useEffect(() => {
    const timer = setTimeout(() => setQuery({ smooth: value > 0 ? String(value) : undefined }), 300);
    return () => clearTimeout(timer);
  }, [value]);
  return [value, setValue];
}
