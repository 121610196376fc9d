import type { Pruner } from './pruner.js';
import type { Goal, StopDecision, TrialRecord } from './trial-history.js';

/**
 * Replays a sweep whose trials log in lockstep against a pruner: at step n every trial still
 * running has logged the first n values of its script (a trial whose script has run out has
 * completed), the pruner decides once, and each stopped trial is canceled with the values it had.
 * Returns every stop in order. A deterministic way to ask "which trial stops at which interval".
 */
export function replaySweep(pruner: Pruner, goal: Goal, scripts: Record<string, readonly number[]>): StopDecision[] {
  const stoppedAt = new Map<string, number>();
  const decisions: StopDecision[] = [];
  const longest = Math.max(...Object.values(scripts).map((values) => values.length));
  for (let n = 1; n <= longest; n++) {
    const trials = Object.entries(scripts).map(([id, values]): TrialRecord => {
      const stop = stoppedAt.get(id);
      if (stop !== undefined) return { id, state: 'canceled', metrics: values.slice(0, stop) };
      // A trial is still running when it logs its last value; it has completed by the next step.
      return { id, state: values.length >= n ? 'running' : 'completed', metrics: values.slice(0, n) };
    });
    for (const decision of pruner.decide({ goal, trials })) {
      stoppedAt.set(decision.trialId, decision.interval);
      decisions.push(decision);
    }
  }
  return decisions;
}
