import { isEvaluationPoint, type EvaluationSchedule } from './evaluation-schedule.js';
import { judgeRunningTrials } from './judge-running-trials.js';
import type { Pruner } from './pruner.js';
import type { StopDecision, TrialHistory, TrialRecord } from './trial-history.js';

/**
 * The rule of an interval-based policy: judge one running trial at its interval `n` (always an
 * evaluation point) against the whole history; return the reason to stop it, or undefined to let
 * it continue.
 */
export type IntervalRule = (trial: TrialRecord, n: number, history: TrialHistory) => string | undefined;

/**
 * A {@link Pruner} from a schedule and a rule: the schedule lives here once and the running-only
 * filter and never-twice rule in `judgeRunningTrials`, so every Azure policy keeps the same
 * contract.
 */
export class IntervalPruner implements Pruner {
  constructor(
    private readonly schedule: EvaluationSchedule,
    private readonly rule: IntervalRule,
  ) {}

  decide(history: TrialHistory): StopDecision[] {
    return judgeRunningTrials(history, (trial, n) => (isEvaluationPoint(n, this.schedule) ? this.rule(trial, n, history) : undefined));
  }
}
