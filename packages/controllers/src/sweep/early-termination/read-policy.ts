import type { AzureEarlyTerminationPolicy, BanditPolicy } from './early-termination-policy.js';
import type { EvaluationSchedule } from './evaluation-schedule.js';
import { invalid, readBoolean, readInteger, readNumber, type PolicyFieldNames } from './policy-fields.js';

type PolicyType = AzureEarlyTerminationPolicy['type'];

/**
 * Validates the fields of one policy, whichever form spelled them, and applies Azure's defaults:
 * `evaluation_interval` 1 (the SDK's default 0 is read as 1: "every interval"), `delay_evaluation`
 * 0, `exclude_finished_jobs` false.
 */
export function readPolicy(record: Record<string, unknown>, type: PolicyType, names: PolicyFieldNames, path: string): AzureEarlyTerminationPolicy {
  const schedule = readSchedule(record, names, path);
  switch (type) {
    case 'bandit':
      return { type, ...schedule, slack: readSlack(record, names, path) };
    case 'median_stopping':
      return { type, ...schedule };
    case 'truncation_selection':
      return { type, ...schedule, ...readTruncation(record, names, path) };
  }
}

function readSchedule(record: Record<string, unknown>, names: PolicyFieldNames, path: string): EvaluationSchedule {
  const interval = readInteger(record, names.evaluationInterval, path, 0, 1);
  return {
    evaluationInterval: interval === 0 ? 1 : interval,
    delayEvaluation: readInteger(record, names.delayEvaluation, path, 0, 0),
  };
}

/**
 * Exactly one slack must be > 0. A 0 beside a positive other slack counts as absent, because the
 * SDK always sends both and fills the unused one with 0.
 */
function readSlack(record: Record<string, unknown>, names: PolicyFieldNames, path: string): BanditPolicy['slack'] {
  const factor = readNumber(record, names.slackFactor, path);
  const amount = readNumber(record, names.slackAmount, path);
  const exactlyOne = `expected exactly one of ${names.slackFactor}, ${names.slackAmount} (a number > 0)`;
  if (factor !== undefined && factor > 0 && amount !== undefined && amount > 0) return invalid(path, exactlyOne);
  if (factor !== undefined && factor > 0) {
    if (amount !== undefined && amount !== 0) return invalid(`${path}.${names.slackAmount}`, 'expected a number > 0', amount);
    return { factor };
  }
  if (amount !== undefined && amount > 0) {
    if (factor !== undefined && factor !== 0) return invalid(`${path}.${names.slackFactor}`, 'expected a number > 0', factor);
    return { amount };
  }
  if (factor !== undefined) return invalid(`${path}.${names.slackFactor}`, 'expected a number > 0', factor);
  if (amount !== undefined) return invalid(`${path}.${names.slackAmount}`, 'expected a number > 0', amount);
  return invalid(path, exactlyOne);
}

function readTruncation(record: Record<string, unknown>, names: PolicyFieldNames, path: string): { truncationPercentage: number; excludeFinishedJobs: boolean } {
  const key = names.truncationPercentage;
  const percentage = record[key];
  if (typeof percentage !== 'number' || !Number.isInteger(percentage) || percentage < 1 || percentage > 99) {
    return invalid(`${path}.${key}`, 'expected an integer from 1 to 99', percentage);
  }
  return { truncationPercentage: percentage, excludeFinishedJobs: readBoolean(record, names.excludeFinishedJobs, path, false) };
}
