import type { StopDecision, TrialHistory, TrialRecord } from './trial-history.js';

/**
 * Judge a trial at its own interval `n` (at least 1): the reason to stop it now, or undefined to
 * let it continue.
 */
export type TrialJudge = (trial: TrialRecord, n: number) => string | undefined;

/**
 * The part of the {@link Pruner} contract every policy shares, kept in one place: only running
 * trials with no stop requested and at least one value are judged (so none is stopped twice), each
 * at its own interval count, and decisions keep the order of `trials`.
 */
export function judgeRunningTrials(history: TrialHistory, judge: TrialJudge): StopDecision[] {
  const decisions: StopDecision[] = [];
  for (const trial of history.trials) {
    if (trial.state !== 'running' || trial.stopRequested === true) continue;
    const n = trial.metrics.length;
    if (n === 0) continue;
    const reason = judge(trial, n);
    if (reason !== undefined) decisions.push({ trialId: trial.id, interval: n, reason });
  }
  return decisions;
}
