import assert from 'node:assert/strict';
import { LatheError } from '@lathe/core';

/** Runs `run`, asserts it throws `LATHE_INVALID_SPEC`, and returns the error. For tests. @internal */
export function expectInvalidSpec(run: () => unknown): LatheError {
  try {
    run();
  } catch (error) {
    assert.ok(error instanceof LatheError, `expected a LatheError, got ${String(error)}`);
    assert.equal(error.code, 'LATHE_INVALID_SPEC');
    return error;
  }
  assert.fail('no error was thrown: the spec was accepted');
}
