import { LatheError } from '@lathe/core';

/** A LATHE_INVALID_SPEC error whose message starts with, and whose `details.field` is, `field`. */
export function invalidSpec(field: string, problem: string): LatheError {
  return new LatheError('LATHE_INVALID_SPEC', `${field}: ${problem}`, { details: { field } });
}
