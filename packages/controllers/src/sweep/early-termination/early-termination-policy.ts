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

/**
 * Asynchronous successive halving (ASHA, Li et al. 2018), a Lathe extension with no Azure REST
 * form: rungs at `minResource·η^k` intervals below `maxResource`, where a trial continues only in
 * the top 1/η of the values recorded at the rung so far (see `AshaPruner`).
 */
export interface AshaPolicy {
  readonly type: 'asha';
  /** The interval of the first rung; at least 1. */
  readonly minResource: number;
  /** η, an integer ≥ 2: rungs are η times apart and 1/η of the trials at a rung continue. */
  readonly reductionFactor: number;
  /** No rung at or past this interval; absent means rungs without end. */
  readonly maxResource?: number;
}

/**
 * Hyperband as Optuna's HyperbandPruner, a Lathe extension with no Azure REST form: brackets of
 * ASHA whose first rungs are `minResource·η^b`, each trial in one bracket (see `HyperbandPruner`).
 */
export interface HyperbandPolicy {
  readonly type: 'hyperband';
  readonly minResource: number;
  readonly reductionFactor: number;
  /** Greater than `minResource`; sets the number of brackets, `floor(log_η(max / min)) + 1`. */
  readonly maxResource: number;
}

/**
 * Stop a running trial whose latest value is NaN or infinite. Every sweep has this rule (see
 * `buildPruner`); `type: nan` asks for it alone, explicitly.
 */
export interface NanPolicy {
  readonly type: 'nan';
}

/** The policies Azure ML defines, the only ones with a REST form. */
export type AzureEarlyTerminationPolicy = BanditPolicy | MedianStoppingPolicy | TruncationSelectionPolicy;

/** A sweep's `early_termination`, parsed from the YAML or the REST form. */
export type EarlyTerminationPolicy = AzureEarlyTerminationPolicy | AshaPolicy | HyperbandPolicy | NanPolicy;

/** The policy types, in YAML spelling. */
export const EARLY_TERMINATION_TYPES = ['bandit', 'median_stopping', 'truncation_selection', 'asha', 'hyperband', 'nan'] as const;
