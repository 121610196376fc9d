import type { AshaPolicy } from './early-termination-policy.js';
import { judgeRunningTrials } from './judge-running-trials.js';
import { formatMetric } from './metric-series.js';
import type { Pruner } from './pruner.js';
import { failedRungComparison } from './rung-comparison.js';
import { rungAt, type RungLadder } from './rung-ladder.js';
import type { StopDecision, TrialHistory } from './trial-history.js';

/**
 * Asynchronous successive halving (ASHA; Ray Tune's ASHA and Optuna's SuccessiveHalvingPruner,
 * which neither pause nor resume trials). A trial is judged only when its interval count is a rung,
 * `minResource·η^k` below `maxResource`; there it continues only if its value at that interval is
 * in the top 1/η of the values every trial (any state) logged at that interval so far — see
 * `failedRungComparison`. Nobody waits for a cohort: a trial is judged on what is known when it
 * stands on the rung, so an early trial faces few rivals and later ones more.
 *
 * Being a function of the history, the rung's record is the values logged at its interval, so a
 * stopped or finished trial stays in it, as in ASHA. For the same reason a trial standing on a
 * rung is judged again at each decision until it logs its next value (as the Azure policies
 * judge a trial at an evaluation point): a rival arriving in between counts, a window of one
 * interval that a pure function of the history cannot close, since the history does not say
 * which trial arrived first.
 */
export class AshaPruner implements Pruner {
  private readonly ladder: RungLadder;

  constructor(readonly policy: AshaPolicy) {
    this.ladder = { ...policy, firstRung: 1 };
  }

  decide(history: TrialHistory): StopDecision[] {
    const eta = this.policy.reductionFactor;
    return judgeRunningTrials(history, (trial, n) => {
      const rung = rungAt(n, this.ladder);
      if (rung === undefined) return undefined;
      const failed = failedRungComparison(trial, n, history.trials, history.goal, eta);
      return failed === undefined ? undefined : `asha: ${formatMetric(trial.metrics[n - 1]!)} at interval ${n} (rung ${rung}) ${failed}`;
    });
  }
}
