// The SQLite metadata store on a real, small file system that fills up.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { openSqliteStore, type CreateJobInput, type KyselyMetadataStore } from '@lathe/store';
import { jobInput } from './metadata-store/store-fixtures.js';
import { mountSmallDisk, type SmallDisk } from './small-disk.js';

const job = (name: string): CreateJobInput => jobInput('default', name, { spec: { type: 'command', command: `echo ${'x'.repeat(64 * 1024)}` }, createdAt: Date.now() });

describe('SQLite store on a full disk', () => {
  let disk: SmallDisk | string;
  let store: KyselyMetadataStore | undefined;
  before(async () => {
    disk = await mountSmallDisk(2);
  });
  after(async () => {
    await store?.close();
    if (typeof disk !== 'string') await disk.unmount();
  });

  it('a write that does not fit fails with SQLITE_FULL, not a rollback error, keeps nothing, and the next write after space returns works', async (t) => {
    if (typeof disk === 'string') return t.skip(disk);
    store = await openSqliteStore(`${disk.dir}/lathe.db`);
    await store.ensureWorkspace('default', Date.now());
    await disk.fill();
    let failed: { name: string; error: unknown } | undefined;
    for (let i = 0; i < 100 && !failed; i++) {
      const name = `job_${i}`;
      await store.createJob(job(name)).catch((error: unknown) => (failed = { name, error }));
    }
    assert.ok(failed, 'the disk never filled up');
    assert.equal((failed.error as { code?: string }).code, 'SQLITE_FULL', String(failed.error));
    assert.equal(await store.getJob('default', failed.name), undefined);
    await disk.free();
    await store.createJob(job('after_space_returns'));
    assert.equal((await store.getJob('default', 'after_space_returns'))?.status, 'Queued');
  });
});
