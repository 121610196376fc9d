import type { TrackingStore } from '@lathe/store';

/**
 * Where a sweep reads its trials' primary metric: every value each trial logged, in logging
 * order (MLflow's step, then timestamp), NaN included — one logging is one interval of early
 * termination. Every job is an MLflow run named as the job, so a trial's name is its run id.
 */
export interface TrialMetrics {
  series(workspace: string, trials: readonly string[], metric: string): Promise<Map<string, number[]>>;
}

/** More points than any trial logs of its primary metric; a longer series is thinned evenly. */
const MAX_POINTS_PER_TRIAL = 100_000;

/** {@link TrialMetrics} over the tracking store. */
export function trackingTrialMetrics(tracking: Pick<TrackingStore, 'getMetricHistoryBulk'>): TrialMetrics {
  return {
    async series(workspace, trials, metric) {
      const out = new Map<string, number[]>(trials.map((name) => [name, []]));
      if (trials.length === 0) return out;
      for (const point of await tracking.getMetricHistoryBulk(workspace, [...trials], metric, { maxResults: MAX_POINTS_PER_TRIAL })) {
        out.get(point.runId)?.push(point.value);
      }
      return out;
    },
  };
}
