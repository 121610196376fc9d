import assert from 'node:assert/strict';
import { LatheError } from '@lathe/core';

/**
 * Test helper: asserts that `fn` throws a `LATHE_BAD_REQUEST` LatheError whose message equals
 * `message` (a string) or matches it (a RegExp).
 * @internal
 */
export function assertBadRequest(fn: () => unknown, message: string | RegExp): void {
  assert.throws(fn, (error: unknown) => {
    assert.ok(error instanceof LatheError, `expected a LatheError, got ${String(error)}`);
    assert.equal(error.code, 'LATHE_BAD_REQUEST');
    if (typeof message === 'string') assert.equal(error.message, message);
    else assert.match(error.message, message);
    return true;
  });
}
