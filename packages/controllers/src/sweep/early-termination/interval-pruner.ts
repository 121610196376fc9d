import { isEvaluationPoint, type EvaluationSchedule } from './evaluation-schedule.js';
import type { Pruner } from './pruner.js';
import type { StopDecision, TrialHistory, TrialRecord } from './trial-history.js';

/**
 * The rule of an interval-based policy: judge one running trial at its interval `n` (always an
 * evaluation point) against the whole history; return the reason to stop it, or undefined to let
 * it continue.
 */
export type IntervalRule = (trial: TrialRecord, n: number, history: TrialHistory) => string | undefined;

/**
 * A {@link Pruner} from a schedule and a rule: the schedule, the running-only filter and the
 * never-twice rule live here once, so every Azure policy keeps the same contract.
 */
export class IntervalPruner implements Pruner {
  constructor(
    private readonly schedule: EvaluationSchedule,
    private readonly rule: IntervalRule,
  ) {}

  decide(history: TrialHistory): StopDecision[] {
    const decisions: StopDecision[] = [];
    for (const trial of history.trials) {
      if (trial.state !== 'running' || trial.stopRequested === true) continue;
      const n = trial.metrics.length;
      if (!isEvaluationPoint(n, this.schedule)) continue;
      const reason = this.rule(trial, n, history);
      if (reason !== undefined) decisions.push({ trialId: trial.id, interval: n, reason });
    }
    return decisions;
  }
}
