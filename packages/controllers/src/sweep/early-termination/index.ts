// Early termination: Azure ML's bandit, median stopping and truncation selection policies, and
// Lathe's ASHA, Hyperband and NaN rule, as pure functions of the trial history; the parsers of
// their YAML and REST forms.
export { AshaPruner } from './asha-pruner.js';
export { BanditPruner } from './bandit-pruner.js';
export { buildPruner } from './build-pruner.js';
export { combinePruners } from './combine-pruners.js';
export { EARLY_TERMINATION_TYPES } from './early-termination-policy.js';
export type {
  AshaPolicy,
  AzureEarlyTerminationPolicy,
  BanditPolicy,
  EarlyTerminationPolicy,
  HyperbandPolicy,
  MedianStoppingPolicy,
  NanPolicy,
  TruncationSelectionPolicy,
} from './early-termination-policy.js';
export { isEvaluationPoint } from './evaluation-schedule.js';
export type { EvaluationSchedule } from './evaluation-schedule.js';
export { HyperbandBrackets } from './hyperband-brackets.js';
export { HyperbandPruner } from './hyperband-pruner.js';
export { IntervalPruner } from './interval-pruner.js';
export type { IntervalRule } from './interval-pruner.js';
export { MedianStoppingPruner } from './median-stopping-pruner.js';
export { NanPruner } from './nan-pruner.js';
export { parseEarlyTermination } from './parse-early-termination.js';
export { parseRestEarlyTermination } from './parse-rest-early-termination.js';
export type { Pruner } from './pruner.js';
export type { Goal, StopDecision, TrialHistory, TrialRecord, TrialState } from './trial-history.js';
export { TruncationSelectionPruner } from './truncation-selection-pruner.js';
