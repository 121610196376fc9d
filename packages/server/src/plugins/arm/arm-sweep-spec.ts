import {
  isExpression,
  isSubSpace,
  parseEarlyTermination,
  parseRestEarlyTermination,
  parseSamplingAlgorithm,
  parseSearchSpace,
  type AzureEarlyTerminationPolicy,
  type Constant,
  type Expression,
} from '@lathe/controllers';
import type { ServerContext } from '../../server-context.js';
import { durationSeconds } from './arm-compute-spec.js';
import { codeSnapshot, copyJobFields, environmentRef, type ArmJobBase } from './arm-job-spec.js';

/** The `properties` of a sweep job as the Azure ML SDK PUTs it (`SweepJob`, camelCase). */
export interface ArmSweepJob extends ArmJobBase {
  trial?: {
    command?: string;
    codeId?: string | null;
    environmentId?: string | null;
    environmentVariables?: Record<string, string> | null;
    distribution?: Record<string, unknown> | null;
    resources?: { instanceCount?: number | null; instanceType?: string | null } | null;
  } | null;
  /** `{"lr": ["uniform", [0.01, 0.9]]}`: the REST form, which the sweep kind reads as it is. */
  searchSpace?: unknown;
  samplingAlgorithm?: unknown;
  objective?: { goal?: string; primaryMetric?: string } | null;
  limits?: { maxTotalTrials?: number | null; maxConcurrentTrials?: number | null; timeout?: string | null; trialTimeout?: string | null } | null;
  earlyTermination?: unknown;
}

/**
 * The Lathe sweep spec of an ARM sweep job: the trial as a command job's fields (`codeId` to its
 * snapshot, `environmentId` to a reference), limits from ISO 8601 durations to seconds, the
 * early-termination policy from REST to YAML spelling. The search space and sampling algorithm
 * pass as sent: the sweep kind reads their REST form, and validates the whole spec, naming Lathe's
 * field names; errors of this translation name ARM's (`properties.trial.codeId`).
 */
export async function armSweepToSpec(ctx: ServerContext, workspace: string, job: ArmSweepJob): Promise<Record<string, unknown>> {
  const trial = job.trial ?? {};
  const spec: Record<string, unknown> = {
    type: 'sweep',
    trial: {
      ...(trial.command !== undefined ? { command: trial.command } : {}),
      ...(trial.codeId ? { code: await codeSnapshot(ctx, workspace, trial.codeId, 'properties.trial.codeId') } : {}),
      ...(trial.environmentId ? { environment: environmentRef(trial.environmentId) } : {}),
      ...(trial.environmentVariables ? { environment_variables: trial.environmentVariables } : {}),
      ...(trial.resources?.instanceCount ? { resources: { instance_count: trial.resources.instanceCount } } : {}),
    },
    search_space: job.searchSpace,
    sampling_algorithm: job.samplingAlgorithm,
    objective: { primary_metric: job.objective?.primaryMetric, goal: job.objective?.goal },
  };
  const limits = job.limits;
  if (limits) {
    spec.limits = {
      ...(limits.maxTotalTrials != null ? { max_total_trials: limits.maxTotalTrials } : {}),
      ...(limits.maxConcurrentTrials != null ? { max_concurrent_trials: limits.maxConcurrentTrials } : {}),
      ...(limits.timeout ? { timeout: durationSeconds(limits.timeout, 'properties.limits.timeout') } : {}),
      ...(limits.trialTimeout ? { trial_timeout: durationSeconds(limits.trialTimeout, 'properties.limits.trialTimeout') } : {}),
    };
  }
  const policy = parseRestEarlyTermination(job.earlyTermination, 'properties.earlyTermination');
  if (policy) spec.early_termination = yamlPolicy(policy);
  copyJobFields(job, spec);
  return spec;
}

function yamlPolicy(policy: AzureEarlyTerminationPolicy): Record<string, unknown> {
  const schedule = { evaluation_interval: policy.evaluationInterval, delay_evaluation: policy.delayEvaluation };
  switch (policy.type) {
    case 'bandit':
      return { type: 'bandit', ...schedule, ...('factor' in policy.slack ? { slack_factor: policy.slack.factor } : { slack_amount: policy.slack.amount }) };
    case 'median_stopping':
      return { type: 'median_stopping', ...schedule };
    case 'truncation_selection':
      return { type: 'truncation_selection', ...schedule, truncation_percentage: policy.truncationPercentage, exclude_finished_jobs: policy.excludeFinishedJobs };
  }
}

/** The sampling algorithm in REST spelling (`{samplingAlgorithmType: "Random", rule: "Sobol", seed: 3}`). */
export function restSamplingAlgorithm(raw: unknown): Record<string, unknown> {
  const algorithm = parseSamplingAlgorithm(raw);
  const capital = (word: string) => word[0]?.toUpperCase() + word.slice(1);
  if (algorithm.type !== 'random') return { samplingAlgorithmType: capital(algorithm.type) };
  return { samplingAlgorithmType: 'Random', rule: capital(algorithm.rule), ...(algorithm.seed !== undefined ? { seed: algorithm.seed } : {}) };
}

/** The early-termination policy in REST spelling; null for none, and for Lathe's own policies, which have no REST form. */
export function restEarlyTermination(raw: unknown): Record<string, unknown> | null {
  const policy = parseEarlyTermination(raw);
  if (policy === undefined) return null;
  const schedule = 'evaluationInterval' in policy ? { evaluationInterval: policy.evaluationInterval, delayEvaluation: policy.delayEvaluation } : {};
  switch (policy.type) {
    case 'bandit':
      return { policyType: 'Bandit', ...schedule, ...('factor' in policy.slack ? { slackFactor: policy.slack.factor } : { slackAmount: policy.slack.amount }) };
    case 'median_stopping':
      return { policyType: 'MedianStopping', ...schedule };
    case 'truncation_selection':
      return { policyType: 'TruncationSelection', ...schedule, truncationPercentage: policy.truncationPercentage, excludeFinishedJobs: policy.excludeFinishedJobs };
    default:
      return null;
  }
}

/** A search space in REST form (`{"lr": ["uniform", [0.01, 0.9]]}`), whichever form it was stored in. */
export function restSearchSpace(raw: unknown): Record<string, unknown> {
  return restEntries(parseSearchSpace(raw));
}

function restEntries(entries: Readonly<Record<string, Expression | Constant>>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(entries).map(([name, entry]) => [name, isExpression(entry) ? restExpression(entry) : entry]));
}

function restExpression(e: Expression): unknown[] {
  switch (e.type) {
    case 'choice':
      return ['choice', [e.values.map((v) => (isSubSpace(v) ? restEntries(v.entries) : v))]];
    case 'randint':
      return ['randint', [e.upper]];
    case 'uniform':
    case 'quniform':
    case 'loguniform':
    case 'qloguniform':
      return [e.type, e.q === undefined ? [e.minValue, e.maxValue] : [e.minValue, e.maxValue, e.q]];
    default:
      return [e.type, e.q === undefined ? [e.mu, e.sigma] : [e.mu, e.sigma, e.q]];
  }
}

/** A duration in seconds as ISO 8601 (`PT600S`); null when absent, as Azure answers. */
export function isoDuration(seconds: number | undefined): string | null {
  return seconds === undefined ? null : `PT${seconds}S`;
}
