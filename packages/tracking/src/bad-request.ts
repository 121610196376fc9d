import { LatheError } from '@lathe/core';

/**
 * The one error this package throws: `LATHE_BAD_REQUEST` (HTTP 400), which the MLflow-compat
 * plugin maps to MLflow's `INVALID_PARAMETER_VALUE`. `message` is MLflow's own wording where
 * MLflow has one.
 * @internal
 */
export function badRequest(message: string, details: Record<string, unknown> = {}): LatheError {
  return new LatheError('LATHE_BAD_REQUEST', message, { details });
}
