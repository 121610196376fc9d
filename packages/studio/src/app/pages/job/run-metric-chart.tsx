import { useEffect, useRef } from 'react';
import type { MetricSeriesResource } from '@lathe/api';
import { lathe } from '../../client.js';
import { takePrefetched } from '../../prefetch.js';
import { seriesKey } from './prefetch-job.js';
import { MetricChart, type MetricXAxis } from '../../components/metric-chart.js';
import { useAsync } from '../../use-async.js';
import { useSeen } from '../../use-seen.js';
import type { SingleValue } from './single-value-metrics.js';

const HEIGHT = 220;

/**
 * One metric of one run as a chart. Its points load when the chart first scrolls into view (a run
 * with hundreds of metrics opens fast) and again whenever `version` changes (live updates); the
 * drawn chart stays while a reload runs. A metric with one point is handed to `onSingle` (the
 * page shows it in a table instead).
 */
export function RunMetricChart(props: {
  runId: string;
  metricKey: string;
  version: number;
  xAxis: MetricXAxis;
  smoothing: number;
  logScale: boolean;
  eager?: boolean;
  onSingle?: (key: string, point: SingleValue) => void;
}) {
  const { runId, metricKey, version } = props;
  const box = useRef<HTMLDivElement>(null);
  // The first charts are on screen anyway: they load at once instead of a frame later.
  const visible = useSeen(box) || props.eager === true;
  // Over steps a chart needs no timestamps: left out, they are a third less to fetch and parse.
  const timestamps = props.xAxis !== 'step';
  const series = useAsync(
    async (signal) => {
      if (!visible) return undefined;
      const prefetched = version === 0 ? takePrefetched<MetricSeriesResource>(seriesKey(runId, metricKey, timestamps)) : undefined;
      return [{ label: metricKey, ...(await (prefetched ?? lathe.getMetricSeries(runId, metricKey, { signal, timestamps }))) }];
    },
    [runId, metricKey, version, visible, timestamps],
  );
  const data = series.data;
  const single = data?.[0]?.values.length === 1 ? data[0] : undefined;
  const onSingle = props.onSingle;
  useEffect(() => {
    if (single && onSingle) onSingle(metricKey, { value: single.values[0] as SingleValue['value'], step: single.steps[0] ?? 0 });
  }, [single, onSingle, metricKey]);
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
