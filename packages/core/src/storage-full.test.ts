import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { LatheError } from './errors.js';
import { asStorageFull, storageFullCode } from './storage-full.js';

describe('asStorageFull', () => {
  it('turns ENOSPC, EDQUOT and SQLITE_FULL into LATHE_STORAGE_FULL without the path of the cause', () => {
    for (const code of ['ENOSPC', 'EDQUOT', 'SQLITE_FULL']) {
      const cause = Object.assign(new Error(`${code}: no space left on device, open '/srv/lathe/artifacts/tmp/x'`), { code });
      const error = asStorageFull(cause);
      assert.equal(error?.code, 'LATHE_STORAGE_FULL');
      assert.equal(error?.statusCode, 507);
      assert.equal(error?.details.cause_code, code);
      assert.doesNotMatch(error?.message ?? '', /\/srv/);
    }
  });

  it('finds the code down the cause chain and leaves other errors alone', () => {
    const inner = Object.assign(new Error('disk'), { code: 'ENOSPC' });
    assert.equal(storageFullCode(new Error('outer', { cause: inner })), 'ENOSPC');
    assert.equal(asStorageFull(Object.assign(new Error('gone'), { code: 'ENOENT' })), undefined);
    assert.equal(asStorageFull(new LatheError('LATHE_NOT_FOUND', 'x')), undefined);
    assert.equal(asStorageFull('text'), undefined);
  });
});
