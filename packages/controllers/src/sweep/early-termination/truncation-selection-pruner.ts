import type { TruncationSelectionPolicy } from './early-termination-policy.js';
import { IntervalPruner } from './interval-pruner.js';
import { formatMetric, isWorse, trialsReaching } from './metric-series.js';
import type { TrialHistory, TrialRecord } from './trial-history.js';

/**
 * Azure's truncation selection: at interval N a running trial is stopped when its value logged at
 * interval N is among the lowest `truncation_percentage` % of the values logged at interval N by
 * the trials that reached N. Trials further along are compared by their interval-N value, never a
 * later one (Azure's fairness rule for young runs). The comparison set holds every state unless
 * `exclude_finished_jobs`, which keeps only running trials.
 *
 * The count is `floor(p * n / 100)` of the n values (Azure leaves rounding open), so with 20 %
 * fewer than 5 trials stop nobody. A trial is in the lowest k only when at most k values,
 * its own included, are as bad as or worse than it: trials tied across the cut all continue,
 * whatever their order.
 */
export class TruncationSelectionPruner extends IntervalPruner {
  constructor(readonly policy: TruncationSelectionPolicy) {
    super(policy, (trial, n, history) => judgeTruncation(policy, trial, n, history));
  }
}

function judgeTruncation(policy: TruncationSelectionPolicy, trial: TrialRecord, n: number, { goal, trials }: TrialHistory): string | undefined {
  const own = trial.metrics[n - 1];
  if (own === undefined || !Number.isFinite(own)) return undefined;
  const values = trialsReaching(trials, n)
    .filter((other) => !policy.excludeFinishedJobs || other.state === 'running')
    .map((other) => other.metrics[n - 1]!)
    .filter(Number.isFinite);
  const cut = Math.floor((policy.truncationPercentage * values.length) / 100);
  const asBadOrWorse = values.filter((v) => v === own || isWorse(v, own, goal)).length;
  if (cut === 0 || asBadOrWorse > cut) return undefined;
  return `truncation_selection: value ${formatMetric(own)} at interval ${n} is in the lowest ` + `${policy.truncationPercentage}% (${cut} of ${values.length} trials at that interval)`;
}
