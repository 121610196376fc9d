import { validateSweepJob, type CommandJob, type SweepJob, type SweepJobSpec } from '@lathe/spec';
import { LatheError, type JobSpecDocument } from '@lathe/core';
import { commandKind } from '../command-kind.js';
import type { JobKind, ResolvedJob } from '../job-kind.js';
import { SweepController } from './sweep-controller.js';
import type { TrialMetrics } from './trial-metrics.js';

/**
 * `type: sweep`: Azure ML hyperparameter tuning, run by a {@link SweepController} whose trials
 * are command jobs. At submit the trial is resolved as a command job would be (code snapshot,
 * environment, inputs), so a sweep whose trial could not run is refused before any trial exists.
 */
export function sweepKind(metrics: TrialMetrics): JobKind {
  return {
    type: 'sweep',
    description: 'hyperparameter tuning: a trial command run many times with sampled parameters, scored by a logged metric',
    validate(document, field) {
      const { spec, warnings } = validateSweepJob(document, field);
      return { spec: { ...spec, type: 'sweep' }, warnings: [...warnings, ...outputWarnings(spec)] };
    },
    async resolve(ctx, workspace, document, options = {}): Promise<ResolvedJob> {
      const sweep = document as JobSpecDocument & SweepJob;
      const { trial } = sweep;
      const asCommand: JobSpecDocument = {
        type: 'command',
        ...(trial.command !== undefined ? { command: trial.command } : {}),
        ...(trial.component !== undefined ? { component: structuredClone(trial.component) } : {}),
        ...(trial.environment !== undefined ? { environment: trial.environment } : {}),
        ...(trial.code !== undefined ? { code: trial.code } : {}),
        ...(sweep.inputs ? { inputs: structuredClone(sweep.inputs) } : {}),
      };
      const sampled = Object.keys(sweep.search_space);
      const resolved = await commandKind.resolve(ctx, workspace, asCommand, { ...options, sampled }).catch((error: unknown) => {
        throw trial.component !== undefined ? asTrialError(error) : error;
      });
      const command = resolved.spec as CommandJob;
      const spec: SweepJob = {
        ...sweep,
        ...(command.inputs ? { inputs: command.inputs } : {}),
        trial: { ...trial, ...(command.resolved_environment ? { resolved_environment: command.resolved_environment } : {}) },
      };
      return { spec, consumed: resolved.consumed, warnings: resolved.warnings };
    },
    controller: new SweepController(metrics),
    // Trials are `<sweep>_<index>`, index < 1000, within the 255 characters of a job name.
    maxNameLength: 250,
  };
}

function outputWarnings(spec: SweepJobSpec): string[] {
  return Object.entries(spec.outputs ?? {})
    .filter(([, output]) => output.name !== undefined)
    .map(([name]) => `outputs.${name}.name: not registered for a sweep; the sweep's outputs are its best trial's (lathe job download <sweep>)`);
}

// What the trial's component brings is the trial's: `component` errors are placed at `trial.component`.
function asTrialError(error: unknown): unknown {
  if (!(error instanceof LatheError) || error.code !== 'LATHE_INVALID_SPEC' || typeof error.details.field !== 'string') return error;
  const field = error.details.field.replace(/^spec(: |\.)/, '');
  if (!field.startsWith('component')) return error;
  return new LatheError('LATHE_INVALID_SPEC', error.message.replace(/^spec: component/, 'spec: trial.component'), { details: { ...error.details, field: `trial.${field}` }, cause: error });
}
