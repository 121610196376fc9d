import { useMemo, useRef, type CSSProperties } from 'react';
import { lathe } from '../../client.js';
import { ChartControls, useChartSettings } from '../../components/chart-controls.js';
import { ErrorBanner } from '../../components/error-banner.js';
import { MetricChart, type MetricSeries, type MetricXAxis } from '../../components/metric-chart.js';
import { metricValue } from '../../format.js';
import { useAsync } from '../../use-async.js';
import { useSeen } from '../../use-seen.js';
import type { CompareRun } from './compare-runs.js';

/**
 * One chart per metric, one line per run in the run's colour, with the x axis, smoothing and
 * log scale shared by all (`?x=time&smooth=0.6&log=1`). A chart loads its series when it
 * scrolls into view, and again when `refresh` changes (live metric writes).
 */
export function CompareCharts({ runs, refresh }: { runs: CompareRun[]; refresh: number }) {
  const chart = useChartSettings();
  const { xAxis, smoothing, logScale } = chart;
  // Per metric, the runs that logged it; kept stable so a chart redraws only when its data changes.
  const byKey = useMemo(() => {
    const keys = [...new Set(runs.flatMap((r) => Object.keys(r.row.metrics)))].sort((a, b) => a.localeCompare(b, undefined, { numeric: true }));
    return keys.map((key) => [key, runs.filter((r) => key in r.row.metrics)] as const);
  }, [runs]);

  return (
    <section className="compare-section">
      <div className="section-head">
        <h2>Metric charts</h2>
        <div className="chart-controls toolbar">
          <ChartControls settings={chart} />
        </div>
      </div>
      {byKey.length === 0 ? (
        <p className="muted">None of these runs logged metrics.</p>
      ) : (
        <div className="compare-charts">
          {byKey.map(([key, withKey]) => (
            <CompareChart key={key} metric={key} runs={withKey} xAxis={xAxis} smoothing={smoothing} logScale={logScale} refresh={refresh} />
          ))}
        </div>
      )}
    </section>
  );
}

function CompareChart({ metric, runs, xAxis, smoothing, logScale, refresh }: { metric: string; runs: CompareRun[]; xAxis: MetricXAxis; smoothing: number; logScale: boolean; refresh: number }) {
  const box = useRef<HTMLDivElement>(null);
  const visible = useSeen(box);
  const ids = runs.map((r) => r.row.run_id).join(',');
  // Over steps a chart needs no timestamps: left out, they are a third less to fetch and parse.
  const timestamps = xAxis !== 'step';
  const loaded = useAsync(
    async (signal) => (visible ? new Map(await Promise.all(runs.map(async (r) => [r.row.run_id, await lathe.getMetricSeries(r.row.run_id, metric, { signal, timestamps })] as const))) : undefined),
    [visible, ids, metric, refresh, timestamps],
  );
  // The series in the order of `runs`, and the chart's colour variables set to the runs' colours.
  const series = useMemo(() => {
    if (!loaded.data) return undefined;
    return runs.flatMap((r): MetricSeries[] => {
      const s = loaded.data?.get(r.row.run_id);
      return s ? [{ label: r.label, steps: s.steps, ...(s.timestamps ? { timestamps: s.timestamps } : {}), values: s.values }] : [];
    });
  }, [loaded.data, runs]);
  const colors = Object.fromEntries(runs.filter((r) => loaded.data?.has(r.row.run_id)).map((r, i) => [`--series-${i + 1}`, r.color])) as CSSProperties;

  return (
    <div ref={box} className="compare-chart" style={colors} data-metric={metric}>
      <ErrorBanner error={loaded.error} what={`${metric}`} />
      {series && series.every((s) => s.values.length <= 1) ? (
        <div className="panel single-metric" data-testid="metric-single" data-key={metric}>
          <div className="single-metric-title mono">{metric}</div>
          <div className="muted small">one value per run</div>
          <ul>
            {runs.map((r) => (
              <li key={r.row.run_id}>
                <span className="swatch" style={{ background: r.color }} />
                <span className="single-metric-label">{r.label}</span>
                <span className="num">{metricValue(r.row.metrics[metric])}</span>
              </li>
            ))}
          </ul>
        </div>
      ) : series ? (
        <MetricChart title={metric} series={series} xAxis={xAxis} smoothing={smoothing} logScale={logScale} height={200} />
      ) : (
        <div className="panel chart-placeholder">
          <span className="mono">{metric}</span>
          <span className="muted small">loading…</span>
        </div>
      )}
    </div>
  );
}
