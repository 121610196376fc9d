import type { Pruner } from './pruner.js';
import type { Goal, StopDecision, TrialRecord } from './trial-history.js';

/**
 * Replays a sweep that runs one trial at a time (`max_concurrent_trials: 1`), in the order of
 * `scripts`: the running trial logs its values one by one, the pruner decides after each, and
 * earlier trials are completed, or canceled with the values they had when stopped. Returns every
 * stop in order. The sequential counterpart of `replaySweep`, for asynchronous policies whose
 * decisions depend on which trials arrived first.
 */
export function replaySequentialSweep(pruner: Pruner, goal: Goal, scripts: Record<string, readonly number[]>): StopDecision[] {
  const finished: TrialRecord[] = [];
  const decisions: StopDecision[] = [];
  for (const [id, values] of Object.entries(scripts)) {
    let final: TrialRecord = { id, state: 'completed', metrics: values };
    for (let n = 1; n <= values.length; n++) {
      const running: TrialRecord = { id, state: 'running', metrics: values.slice(0, n) };
      const [decision] = pruner.decide({ goal, trials: [...finished, running] });
      if (decision !== undefined) {
        decisions.push(decision);
        final = { ...running, state: 'canceled' };
        break;
      }
    }
    finished.push(final);
  }
  return decisions;
}
