import type { HyperbandPolicy } from './early-termination-policy.js';
import { HyperbandBrackets } from './hyperband-brackets.js';
import { judgeRunningTrials } from './judge-running-trials.js';
import { formatMetric } from './metric-series.js';
import type { Pruner } from './pruner.js';
import { failedRungComparison } from './rung-comparison.js';
import { rungAt } from './rung-ladder.js';
import type { StopDecision, TrialHistory } from './trial-history.js';

/**
 * Hyperband as Optuna's HyperbandPruner: each trial belongs to one bracket (see
 * {@link HyperbandBrackets}) and is judged as by `AshaPruner`, but only at its bracket's rungs
 * (bracket b starts at rung b + 1, interval `min·η^b`, and all end below `maxResource`) and only
 * against the trials of its bracket. The last bracket may have no rung below `maxResource`: its
 * trials run their whole budget, Hyperband's hedge against an eager cut.
 */
export class HyperbandPruner implements Pruner {
  readonly brackets: HyperbandBrackets;

  constructor(readonly policy: HyperbandPolicy) {
    this.brackets = new HyperbandBrackets(policy);
  }

  decide(history: TrialHistory): StopDecision[] {
    const { reductionFactor, minResource, maxResource } = this.policy;
    const bracketOf = new Map(history.trials.map((trial) => [trial.id, this.brackets.bracketOf(trial.id)]));
    const count = this.brackets.weights.length;
    return judgeRunningTrials(history, (trial, n) => {
      const bracket = bracketOf.get(trial.id)!;
      const rung = rungAt(n, { minResource, reductionFactor, maxResource, firstRung: bracket + 1 });
      if (rung === undefined) return undefined;
      const rivals = history.trials.filter((other) => bracketOf.get(other.id) === bracket);
      const failed = failedRungComparison(trial, n, rivals, history.goal, reductionFactor, 'trials of its bracket');
      if (failed === undefined) return undefined;
      const where = `bracket ${bracket + 1} of ${count}, rung ${rung}`;
      return `hyperband: ${formatMetric(trial.metrics[n - 1]!)} at interval ${n} (${where}) ${failed}`;
    });
  }
}
