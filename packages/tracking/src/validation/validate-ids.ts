import { badRequest } from '../bad-request.js';
import { invalidValue } from './messages.js';

/** MLflow's run ID rule: a letter or digit, then up to 255 letters, digits, `_` or `-`. */
export const RUN_ID_PATTERN = /^[a-zA-Z0-9][\p{L}\p{N}_-]{0,255}$/u;

/** MLflow's experiment ID rule: a letter or digit, then up to 63 letters, digits, `_` or `-`. */
export const EXPERIMENT_ID_PATTERN = /^[a-zA-Z0-9][\p{L}\p{N}_-]{0,63}$/u;

/** Checks a run ID as MLflow's `_validate_run_id` does; returns it. */
export function validateRunId(runId: unknown, path = 'run_id'): string {
  if (typeof runId !== 'string' || !RUN_ID_PATTERN.test(runId)) throw badRequest(invalidValue(path, runId));
  return runId;
}

/** Checks an experiment ID as MLflow's `_validate_experiment_id` does; returns it. */
export function validateExperimentId(experimentId: unknown): string {
  if (typeof experimentId !== 'string' || !EXPERIMENT_ID_PATTERN.test(experimentId)) {
    throw badRequest(`Invalid experiment ID: '${String(experimentId)}'`);
  }
  return experimentId;
}
