/** The direction of a sweep's objective (`objective.goal`). */
export type Goal = 'maximize' | 'minimize';

/** The states a pruner distinguishes; a sweep maps its child jobs' statuses onto these. */
export type TrialState = 'running' | 'completed' | 'failed' | 'canceled';

/**
 * One trial as early termination sees it.
 *
 * `metrics` holds the primary metric's values in logging order: `metrics[i]` is the value of
 * interval `i + 1`, because an interval is one logging of the primary metric by this trial.
 * A non-finite value still counts as an interval but is ignored when taking a best or an average
 * (a NaN rule, not these policies, is the place to stop on it).
 */
export interface TrialRecord {
  /** The trial's id, echoed in decisions. */
  readonly id: string;
  readonly state: TrialState;
  readonly metrics: readonly number[];
  /**
   * True once a stop was decided for this trial (it may still read `running` until the cancel
   * lands). A pruner never stops such a trial again.
   */
  readonly stopRequested?: boolean;
}

/** Everything a pruner decides from: the sweep's trials, in any order, and the goal. */
export interface TrialHistory {
  readonly goal: Goal;
  readonly trials: readonly TrialRecord[];
}

/** A decision to stop one running trial now. */
export interface StopDecision {
  readonly trialId: string;
  /** The trial's own interval count when it was judged. */
  readonly interval: number;
  /** One line a user reads, naming the policy and the comparison that failed. */
  readonly reason: string;
}
