import { useMemo, useRef } from 'react';
import type { MetricSeriesResource, SweepResource, SweepTrialResource } from '@lathe/api';
import { lathe } from '../../client.js';
import { ErrorBanner } from '../../components/error-banner.js';
import { MetricChart, type MetricSeries } from '../../components/metric-chart.js';
import { useAsync } from '../../use-async.js';

/** A trial's label in the chart (its readout lists every trial, so it is short). */
export function trialLabel(trial: Pick<SweepTrialResource, 'index'>): string {
  return `#${trial.index}`;
}

/**
 * The primary metric of every trial that logged it, one line per trial over its intervals (the
 * n-th value logged is interval n, as early termination counts them; steps may all be 0), the
 * best trial drawn over the others, wider. A trial's series is fetched again only when its
 * interval count changes, so a live sweep costs a request per trial that logged, not per trial.
 */
export function TrialMetricChart({ sweep }: { sweep: SweepResource }) {
  const cache = useRef(new Map<string, { intervals: number; series: MetricSeriesResource }>());
  const metric = sweep.primary_metric;
  // Best last: uPlot draws in order, so the highlighted line is on top.
  const logged = useMemo(() => {
    const withValues = sweep.trials.filter((t) => t.intervals > 0);
    return [...withValues.filter((t) => t.name !== sweep.best?.trial), ...withValues.filter((t) => t.name === sweep.best?.trial)];
  }, [sweep]);
  const signature = logged.map((t) => `${t.name}:${t.intervals}`).join(',');
  const loaded = useAsync(
    async (signal) => {
      const stale = logged.filter((t) => cache.current.get(t.name)?.intervals !== t.intervals);
      await Promise.all(
        stale.map(async (t) => {
          try {
            cache.current.set(t.name, { intervals: t.intervals, series: await lathe.getMetricSeries(t.name, metric, { signal, timestamps: false }) });
          } catch (error) {
            // One trial's series failing (deleted meanwhile) leaves it out of the chart, not the others.
            if ((error as Error).name === 'AbortError') throw error;
          }
        }),
      );
      return logged.flatMap((t): MetricSeries[] => {
        const s = cache.current.get(t.name)?.series;
        return s ? [{ label: trialLabel(t), steps: s.values.map((_, i) => i + 1), values: s.values }] : [];
      });
    },
    [signature, metric],
  );
  const best = sweep.trials.find((t) => t.name === sweep.best?.trial);

  if (logged.length === 0) return <p className="muted">No trial has logged {metric} yet.</p>;
  return (
    <div className="sweep-trial-chart" data-testid="sweep-metric-chart">
      <ErrorBanner error={loaded.error} what={`the trials' ${metric}`} />
      {loaded.data?.length === 0 ? (
        <p className="muted">No values of {metric} could be read.</p>
      ) : loaded.data ? (
        <MetricChart title={`${metric} by interval`} series={loaded.data} xAxis="step" smoothing={0} logScale={false} height={260} highlight={best ? trialLabel(best) : undefined} />
      ) : (
        <div className="panel sweep-chart-placeholder muted small">loading…</div>
      )}
    </div>
  );
}
