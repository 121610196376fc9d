import assert from 'node:assert/strict';
import type { LatheError } from '@lathe/core';

/** Asserts that `promise` rejects with a `LatheError` of `code`, and a message matching `message` when given. @internal */
export async function rejectsWith(promise: Promise<unknown>, code: string, message?: RegExp): Promise<void> {
  await assert.rejects(promise, (error) => {
    assert.equal((error as LatheError).code, code, String(error));
    if (message) assert.match((error as Error).message, message);
    return true;
  });
}
