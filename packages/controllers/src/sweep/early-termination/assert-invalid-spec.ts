import assert from 'node:assert/strict';
import { LatheError } from '@lathe/core';

/** Asserts that parsing throws LATHE_INVALID_SPEC with this message and `details.field`. */
export function assertInvalidSpec(parse: () => unknown, message: string, field: string): void {
  assert.throws(parse, (error: unknown) => {
    assert.ok(error instanceof LatheError);
    assert.equal(error.code, 'LATHE_INVALID_SPEC');
    assert.equal(error.message, message);
    assert.equal(error.details.field, field);
    return true;
  });
}
