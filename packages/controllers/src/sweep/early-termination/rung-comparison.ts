import { formatMetric, isWorse } from './metric-series.js';
import type { Goal, TrialRecord } from './trial-history.js';

/**
 * Successive halving's test at a rung, as Optuna's SuccessiveHalvingPruner makes it. The values
 * recorded at the rung are the finite values that `rivals` (any state, the judged trial among
 * them) logged at interval `n`, the rung's interval: all that is known when the trial reaches it.
 * The trial continues when its own value is as good as the k-th best of those `count` values,
 * k = max(1, floor(count / η)): in the top 1/η, and while fewer than η trials have reached the
 * rung, the best. Trials tied at the cut all continue, whatever their order.
 *
 * Returns the failed comparison for a reason line (`is not in the top 1/3 of 7 trials at that
 * rung (cut 0.70)`), or undefined to continue. A trial whose value at `n` is not finite is not
 * judged (it has no rank); the NaN rule stops it.
 */
export function failedRungComparison(
  trial: TrialRecord,
  n: number,
  rivals: readonly TrialRecord[],
  goal: Goal,
  reductionFactor: number,
  /** How the reason names the rivals, e.g. `trials of its bracket`. */
  rivalsName = 'trials',
): string | undefined {
  const own = trial.metrics[n - 1];
  if (own === undefined || !Number.isFinite(own)) return undefined;
  const values = rivals
    .filter((rival) => rival.metrics.length >= n)
    .map((rival) => rival.metrics[n - 1]!)
    .filter(Number.isFinite)
    .sort((a, b) => (goal === 'maximize' ? b - a : a - b));
  const top = Math.floor(values.length / reductionFactor);
  const cut = values[Math.max(top, 1) - 1]!;
  if (!isWorse(own, cut, goal)) return undefined;
  if (top === 0) return `is not the best of ${values.length} ${rivalsName} at that rung (best ${formatMetric(cut)})`;
  return `is not in the top 1/${reductionFactor} of ${values.length} ${rivalsName} at that rung (cut ${formatMetric(cut)})`;
}
