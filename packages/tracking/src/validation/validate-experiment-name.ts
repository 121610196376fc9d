import { badRequest } from '../bad-request.js';
import { MAX_EXPERIMENT_NAME_LENGTH } from './limits.js';
import { codePointLength, exceedsMaximumLength } from './messages.js';

/**
 * Checks an experiment name as MLflow's `_validate_experiment_name` does: a non-empty string of at
 * most 500 characters; any characters are allowed. Returns the name.
 */
export function validateExperimentName(name: unknown): string {
  if (name === undefined || name === null || name === '') {
    throw badRequest(`Invalid experiment name: '${name === '' ? '' : 'None'}'`);
  }
  if (typeof name !== 'string') throw badRequest(`Invalid experiment name: ${JSON.stringify(name)}. Expects a string.`);
  if (codePointLength(name) > MAX_EXPERIMENT_NAME_LENGTH) throw badRequest(exceedsMaximumLength('name', MAX_EXPERIMENT_NAME_LENGTH));
  return name;
}
