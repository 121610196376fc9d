import type { Pruner } from './pruner.js';
import type { StopDecision, TrialHistory } from './trial-history.js';

/**
 * One {@link Pruner} from several, e.g. a NaN rule beside an Azure policy: a trial is stopped
 * when any of them stops it, once, with the reason of the first pruner listed that stops it.
 * Decisions keep the order of `trials`, so the combination keeps the contract of its parts.
 */
export function combinePruners(...pruners: readonly Pruner[]): Pruner {
  return {
    decide(history: TrialHistory): StopDecision[] {
      const first = new Map<string, StopDecision>();
      for (const pruner of pruners) {
        for (const decision of pruner.decide(history)) if (!first.has(decision.trialId)) first.set(decision.trialId, decision);
      }
      return history.trials.flatMap((trial) => first.get(trial.id) ?? []);
    },
  };
}
