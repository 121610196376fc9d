import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { LatheError } from '@lathe/core';
import { packPath } from './pack-path.js';

describe('packPath', () => {
  let folder: string;
  before(async () => {
    folder = await mkdtemp(join(tmpdir(), 'lathe-pack-path-'));
    execFileSync('mkfifo', [join(folder, 'pipe')]);
  });
  after(async () => rm(folder, { recursive: true, force: true }));

  it('refuses a FIFO or a device without opening it', async () => {
    for (const path of [join(folder, 'pipe'), '/dev/zero']) {
      await assert.rejects(
        packPath(path, `azureml://datastores/d/paths/${path}`),
        (e: unknown) => e instanceof LatheError && e.code === 'LATHE_BAD_REQUEST' && /is neither a regular file nor a folder/.test(e.message),
      );
    }
  });
});
