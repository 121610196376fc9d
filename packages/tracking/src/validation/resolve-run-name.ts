import { badRequest } from '../bad-request.js';
import { MAX_RUN_NAME_LENGTH, MLFLOW_RUN_NAME_TAG } from './limits.js';
import { codePointLength, exceedsMaximumLength, invalidValue } from './messages.js';

/**
 * Checks a run name from create-run or update-run: absent (undefined, null or `''`) or a string of
 * at most 250 characters. Returns the name, or undefined when absent.
 */
export function validateRunName(runName: unknown): string | undefined {
  if (runName === undefined || runName === null || runName === '') return undefined;
  if (typeof runName !== 'string') throw badRequest(invalidValue('run_name', runName, 'Run names must be strings.'));
  if (codePointLength(runName) > MAX_RUN_NAME_LENGTH) throw badRequest(exceedsMaximumLength('run_name', MAX_RUN_NAME_LENGTH));
  return runName;
}

/**
 * The name of a new run, as MLflow's `create_run` decides it: the `run_name` field, else the
 * `mlflow.runName` tag, else undefined (the caller then generates one and sets the tag). When both
 * are given they must agree.
 */
export function resolveRunName(runName: unknown, tags: readonly { key: string; value: string }[] = []): string | undefined {
  const name = validateRunName(runName);
  const tag = tags.find((t) => t.key === MLFLOW_RUN_NAME_TAG)?.value || undefined;
  if (name !== undefined && tag !== undefined && name !== tag) {
    throw badRequest(`Both 'run_name' argument and '${MLFLOW_RUN_NAME_TAG}' tag are specified, but with different values (run_name='${name}', ${MLFLOW_RUN_NAME_TAG}='${tag}').`);
  }
  return name ?? tag;
}
