import { useEffect, useRef, useState, type RefObject } from 'react';
import { lathe } from '../../client.js';
import { MetricChart, type MetricXAxis } from '../../components/metric-chart.js';
import { useAsync } from '../../use-async.js';

const HEIGHT = 220;

/**
 * One metric of one run as a chart. Its points load when the chart first scrolls into view (a run
 * with hundreds of metrics opens fast) and again whenever `version` changes (live updates); the
 * drawn chart stays while a reload runs.
 */
export function RunMetricChart(props: { runId: string; metricKey: string; version: number; xAxis: MetricXAxis; smoothing: number; logScale: boolean }) {
  const { runId, metricKey, version } = props;
  const box = useRef<HTMLDivElement>(null);
  const visible = useSeen(box);
  const series = useAsync(
    async (signal) => (visible ? [{ label: metricKey, ...(await lathe.getMetricSeries(runId, metricKey, { signal })) }] : undefined),
    [runId, metricKey, version, visible],
  );
  const data = series.data;
  if (data) {
    return <MetricChart title={metricKey} series={data} xAxis={props.xAxis} smoothing={props.smoothing} logScale={props.logScale} height={HEIGHT} />;
  }
  return (
    <div ref={box} className="metric-chart panel" data-testid="metric-chart" data-key={metricKey} data-points={0} data-state="loading">
      <div className="metric-chart-head">
        <span className="metric-chart-title">{metricKey}</span>
        {series.error ? <span className="metric-chart-readout error-text">{series.error.message}</span> : null}
      </div>
      <div className="metric-chart-plot metric-chart-skeleton" style={{ height: HEIGHT }} />
    </div>
  );
}

/** True once the element has come near the viewport. */
function useSeen(ref: RefObject<HTMLElement | null>): boolean {
  const [seen, setSeen] = useState(false);
  useEffect(() => {
    const el = ref.current;
    if (!el || seen) return;
    const observer = new IntersectionObserver((entries) => entries.some((e) => e.isIntersecting) && setSeen(true), { rootMargin: '400px' });
    observer.observe(el);
    return () => observer.disconnect();
  }, [ref, seen]);
  return seen;
}
