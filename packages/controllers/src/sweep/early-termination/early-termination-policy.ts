import type { EvaluationSchedule } from './evaluation-schedule.js';

/**
 * Bandit: stop a trial whose best value up to interval N falls outside the slack of the best
 * trial at N. Exactly one of a ratio (`slack_factor`) or an absolute distance (`slack_amount`).
 */
export interface BanditPolicy extends EvaluationSchedule {
  readonly type: 'bandit';
  readonly slack: { readonly factor: number } | { readonly amount: number };
}

/** Median stopping: stop a trial whose best value is worse than the median of running averages. */
export interface MedianStoppingPolicy extends EvaluationSchedule {
  readonly type: 'median_stopping';
}

/** Truncation selection: stop trials in the lowest `truncationPercentage` % at each evaluation. */
export interface TruncationSelectionPolicy extends EvaluationSchedule {
  readonly type: 'truncation_selection';
  /** An integer in 1..99. */
  readonly truncationPercentage: number;
  /** Leave completed, failed and canceled trials out of the ranking (default false). */
  readonly excludeFinishedJobs: boolean;
}

/** A sweep's `early_termination`, parsed from the YAML or the REST form. */
export type EarlyTerminationPolicy = BanditPolicy | MedianStoppingPolicy | TruncationSelectionPolicy;

/** The policy types, in YAML spelling. */
export const EARLY_TERMINATION_TYPES = ['bandit', 'median_stopping', 'truncation_selection'] as const;
