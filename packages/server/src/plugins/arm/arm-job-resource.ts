import type { JobRecord } from '@lathe/core';
import { readSweepState } from '@lathe/jobs';
import { isPipelineJob, isSweepJob, type PipelineJob, type SweepJob } from '@lathe/spec';
import { isoDuration, restEarlyTermination, restSamplingAlgorithm, restSearchSpace } from './arm-sweep-spec.js';
import type { ArmScope } from './arm-scope.js';
import { armSystemData } from './arm-system-data.js';

/**
 * A Lathe job in ARM's shape (`JobBase` with `CommandJob` or `SweepJob` properties): Lathe's statuses are
 * Azure's names already; `services.Studio.endpoint` opens the job in Lathe's Studio and already
 * holds a `?`, because the SDK appends `&tid=…` to make `studio_url`. `httpPort` is the plain
 * listener's port (see {@link studioBaseUrl}).
 */
export function armJobResource(scope: ArmScope, job: JobRecord, httpPort?: number): Record<string, unknown> {
  const spec = job.spec as Record<string, unknown>;
  const id = `${scope.workspaceId}/jobs/${job.name}`;
  return {
    id,
    name: job.name,
    type: 'Microsoft.MachineLearningServices/workspaces/jobs',
    properties: {
      status: job.status,
      displayName: job.displayName,
      description: job.description,
      experimentName: job.experimentName,
      tags: job.tags,
      ...(isSweepJob(job.spec) ? armSweepProperties(job.spec, job) : isPipelineJob(job.spec) ? armPipelineProperties(job.spec) : armCommandProperties(spec)),
      computeId: `${scope.workspaceId}/computes/${job.compute}`,
      inputs: armInputs(spec.inputs),
      outputs: armOutputs(spec.outputs),
      isArchived: job.archived,
      services: {
        Studio: { jobServiceType: 'Studio', endpoint: `${studioBaseUrl(scope, httpPort)}/jobs/${encodeURIComponent(job.name)}?wsid=${encodeURIComponent(scope.workspaceId)}` },
      },
    },
    systemData: armSystemData(job.createdAt),
  };
}

function armCommandProperties(spec: Record<string, unknown>): Record<string, unknown> {
  return {
    jobType: 'Command',
    properties: spec.properties ?? {},
    command: spec.command ?? null,
    environmentId: typeof spec.environment === 'string' ? spec.environment : null,
    environmentVariables: spec.environment_variables ?? {},
  };
}

/**
 * A sweep's parts in REST spelling, and the best trial in `properties.best_child_run_id` (with
 * its `score`), where the SDK's `jobs.download` looks for the trial whose outputs to fetch.
 */
function armSweepProperties(spec: SweepJob, job: JobRecord): Record<string, unknown> {
  const best = readSweepState(job.controllerState)?.best;
  const limits = spec.limits;
  return {
    jobType: 'Sweep',
    properties: { ...(spec.properties ?? {}), ...(best ? { best_child_run_id: best.trial, score: String(best.score) } : {}) },
    trial: {
      command: spec.trial.command,
      codeId: null,
      environmentId: typeof spec.trial.environment === 'string' ? spec.trial.environment : null,
      environmentVariables: spec.trial.environment_variables ?? {},
    },
    searchSpace: restSearchSpace(spec.search_space),
    samplingAlgorithm: restSamplingAlgorithm(spec.sampling_algorithm),
    objective: { goal: spec.objective.goal, primaryMetric: spec.objective.primary_metric },
    limits: {
      jobLimitsType: 'Sweep',
      maxTotalTrials: limits?.max_total_trials ?? 1000,
      maxConcurrentTrials: limits?.max_concurrent_trials ?? limits?.max_total_trials ?? 1000,
      timeout: isoDuration(limits?.timeout),
      trialTimeout: isoDuration(limits?.trial_timeout),
    },
    earlyTermination: restEarlyTermination(spec.early_termination),
  };
}

/**
 * A pipeline in ARM's shape: its settings, and its steps as the component each runs (a
 * registered pipeline component, put in the step at submit, by its name and version). The steps'
 * bindings are not echoed, nor a step with no registered component to name (an inline step, a
 * component file the client read), which the SDK cannot read as a node: a client reads the steps
 * as jobs (`jobs.list(parent_job_name=)`).
 */
function armPipelineProperties(spec: PipelineJob): Record<string, unknown> {
  const jobs: Record<string, unknown> = {};
  for (const [name, step] of Object.entries(spec.jobs)) {
    const componentId = componentReference(step.component);
    if (componentId !== undefined) jobs[name] = { name, type: step.type ?? 'command', componentId };
  }
  return { jobType: 'Pipeline', properties: spec.properties ?? {}, settings: spec.settings ?? {}, jobs };
}

function componentReference(component: unknown): string | undefined {
  if (typeof component === 'string') return component;
  const { name, version } = (component ?? {}) as { name?: unknown; version?: unknown };
  return typeof name === 'string' && version !== undefined ? `azureml:${name}:${String(version)}` : undefined;
}

/** A spec's inputs in REST spelling (`jobInputType`, `uri` or `value`). */
export function armInputs(inputs: unknown): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [name, input] of Object.entries((inputs ?? {}) as Record<string, unknown>)) {
    if (input === null || typeof input !== 'object') out[name] = { jobInputType: 'literal', value: String(input) };
    else {
      const { type, path } = input as { type?: string; path?: string };
      out[name] = { jobInputType: type ?? 'uri_folder', uri: path ?? null };
    }
  }
  return out;
}

/** A spec's outputs in REST spelling (`jobOutputType`). */
export function armOutputs(outputs: unknown): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [name, output] of Object.entries((outputs ?? {}) as Record<string, { type?: string } | null>)) {
    out[name] = { jobOutputType: output?.type ?? 'uri_folder' };
  }
  return out;
}

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);

/**
 * Where Studio opens for a client: a client on this machine reached the SDK's HTTPS listener, but
 * a browser opens the plain one without a certificate warning (the local CA is trusted by Python,
 * not by the browser), so loopback clients get `http://<host>:<httpPort>`; others the address they used.
 */
export function studioBaseUrl(scope: ArmScope, httpPort: number | undefined): string {
  const url = new URL(scope.baseUrl);
  if (url.protocol !== 'https:' || httpPort === undefined || !LOOPBACK.has(url.hostname)) return scope.baseUrl;
  return `http://${url.hostname}:${httpPort}`;
}
