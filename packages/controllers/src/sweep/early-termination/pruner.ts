import type { StopDecision, TrialHistory } from './trial-history.js';

/**
 * An early-termination policy: a pure function of the trial history that names the running
 * trials to stop now.
 *
 * Contract, shared by every implementation and checked by `describePruner`:
 * - only trials whose state is `running` and that carry no `stopRequested` are ever stopped, so a
 *   trial is never stopped twice;
 * - a trial is judged on its own interval count N (the number of values it has logged), and only
 *   when N is one of the policy's evaluation points (see {@link EvaluationSchedule});
 * - the result depends only on the history, never on the order of `trials`, the clock or
 *   randomness, and lists decisions in the order of `trials`.
 *
 * The sweep controller calls `decide` each time a trial logs its primary metric, so every
 * interval of every trial is seen once. Policies that keep rungs (ASHA, Hyperband) or stop on a
 * NaN fit the same shape: they are functions of the same history.
 */
export interface Pruner {
  /** The trials to stop now, each with a reason. */
  decide(history: TrialHistory): StopDecision[];
}
