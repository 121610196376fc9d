import { useEffect, useState } from 'react';
import { setQuery, useLocation } from '../router.js';
import type { MetricXAxis } from './metric-chart.js';
import './chart-controls.css';

const X_AXES: [MetricXAxis, string][] = [
  ['step', 'Step'],
  ['time', 'Wall time'],
  ['relative', 'Relative time'],
];

/** How charts are drawn, kept in the URL (`?x=time&smooth=0.6&log=1`) so a view can be shared. */
export interface ChartSettings {
  xAxis: MetricXAxis;
  /** EMA weight, 0 to 0.99; follows the slider at once, reaches the URL when the slider rests. */
  smoothing: number;
  setSmoothing: (value: number) => void;
  logScale: boolean;
}

export function useChartSettings(): ChartSettings {
  const { query } = useLocation();
  const xAxis = X_AXES.find(([x]) => x === query.get('x'))?.[0] ?? 'step';
  const fromUrl = Math.min(0.99, Math.max(0, Number(query.get('smooth')) || 0));
  const [smoothing, setSmoothing] = useState(fromUrl);
  useEffect(() => {
    const timer = setTimeout(() => setQuery({ smooth: smoothing > 0 ? String(smoothing) : undefined }), 300);
    return () => clearTimeout(timer);
  }, [smoothing]);
  return { xAxis, smoothing, setSmoothing, logScale: query.get('log') === '1' };
}

/** The x axis, smoothing and log-scale controls shared by every page with metric charts. */
export function ChartControls({ settings }: { settings: ChartSettings }) {
  const { xAxis, smoothing, setSmoothing, logScale } = settings;
  return (
    <>
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
    </>
  );
}
