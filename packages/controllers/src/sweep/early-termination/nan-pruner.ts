import { judgeRunningTrials } from './judge-running-trials.js';
import type { Pruner } from './pruner.js';
import type { StopDecision, TrialHistory } from './trial-history.js';

/**
 * Stops, at once, a running trial whose latest primary-metric value is NaN, Infinity or
 * -Infinity: a diverged run rarely recovers, and the other policies ignore non-finite values (a
 * NaN has no rank), so without this rule such a trial would run to its end. Judged at every
 * interval, on the latest value only: a trial that logged NaN once and was not stopped (a
 * `stopRequested` trial) is not judged again. `buildPruner` puts this rule before every policy.
 */
export class NanPruner implements Pruner {
  decide(history: TrialHistory): StopDecision[] {
    return judgeRunningTrials(history, (trial, n) => {
      const latest = trial.metrics[n - 1]!;
      return Number.isFinite(latest) ? undefined : `nan: the primary metric is ${String(latest)} at interval ${n}`;
    });
  }
}
