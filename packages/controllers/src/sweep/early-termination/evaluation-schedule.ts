/**
 * When an interval-based policy evaluates a trial. Azure: "the policy applies every multiple of
 * evaluation_interval that is greater than or equal to delay_evaluation" — so interval 2, delay 5
 * evaluates at intervals 6, 8, 10, …; interval 1, delay 5 at 5, 6, 7, ….
 */
export interface EvaluationSchedule {
  /** Evaluate every this many intervals; at least 1 (Azure's 0 is read as 1 when parsing). */
  readonly evaluationInterval: number;
  /** No evaluation before this interval; at least 0. */
  readonly delayEvaluation: number;
}

/** True when a trial at interval `n` (1-based) is evaluated under `schedule`. */
export function isEvaluationPoint(n: number, schedule: EvaluationSchedule): boolean {
  return n >= 1 && n >= schedule.delayEvaluation && n % schedule.evaluationInterval === 0;
}
