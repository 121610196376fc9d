import { lathe, tracking } from '../../client.js';
import { prefetch } from '../../prefetch.js';
import { EAGER_CHARTS, shownMetricKeys } from './shown-metric-keys.js';

/**
 * What the job page asks for first, started as Studio opens on `/jobs/<name>`: the job and its
 * run, and on the metrics tab the series of the charts in view (they need the run's metric keys).
 */
export function prefetchJob(name: string, query: URLSearchParams): void {
  void prefetch(`job:${name}`, () => lathe.getJob(name));
  const run = prefetch(`run:${name}`, () => tracking.getRun(name));
  if (query.get('tab') !== 'metrics') return;
  void run.then(
    (r) => {
      const keys = shownMetricKeys(
        r.data.metrics.map((m) => m.key),
        query.get('metric') ?? '',
      ).slice(0, EAGER_CHARTS);
      const timestamps = (query.get('x') ?? 'step') !== 'step';
      for (const key of keys) void prefetch(seriesKey(name, key, timestamps), () => lathe.getMetricSeries(name, key, { timestamps }));
    },
    () => undefined,
  );
}

/** The prefetch key of a metric series, as fetched with or without timestamps. */
export function seriesKey(runId: string, metricKey: string, timestamps: boolean): string {
  return `series:${runId}:${metricKey}:${timestamps ? 'times' : 'steps'}`;
}
