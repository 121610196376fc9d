import type { MedianStoppingPolicy } from './early-termination-policy.js';
import { IntervalPruner } from './interval-pruner.js';
import { averageUpTo, bestUpTo, formatMetric, isWorseThanThreshold, trialsReaching } from './metric-series.js';
import type { TrialHistory, TrialRecord } from './trial-history.js';

/**
 * Azure's median stopping policy: "a run will be canceled at interval N if its best primary metric
 * reported up to interval N is worse than the median of the running averages for intervals 1:N
 * across all runs". All runs means every trial, in any state and the judged one included, that
 * has reached N; worse is strict, so a best equal to the median continues; an even count takes
 * the mean of the two middle averages. A trial's best is never worse than its own average, so a
 * lone trial is never stopped, and with two the median is their mean. The judged trial's own
 * average is part of the median because Azure's worked example needs it: averages 0.70, 0.64,
 * 0.60, 0.52 give 0.62 and C (best 0.63) continues, where leaving C out would give 0.64 and stop it.
 */
export class MedianStoppingPruner extends IntervalPruner {
  constructor(readonly policy: MedianStoppingPolicy) {
    super(policy, judgeMedian);
  }
}

function judgeMedian(trial: TrialRecord, n: number, { goal, trials }: TrialHistory): string | undefined {
  const own = bestUpTo(trial, n, goal);
  if (own === undefined) return undefined;
  const averages = trialsReaching(trials, n)
    .map((other) => averageUpTo(other, n))
    .filter((x): x is number => x !== undefined);
  const m = median(averages);
  if (!isWorseThanThreshold(own, m, goal)) return undefined;
  return `median_stopping: best ${formatMetric(own)} at interval ${n} is worse than the median ` + `${formatMetric(m)} of the running averages of ${averages.length} trials at that interval`;
}

/** The median of a non-empty list: the middle value, or the mean of the two middle values. */
export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}
