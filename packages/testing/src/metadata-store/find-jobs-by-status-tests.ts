import assert from 'node:assert/strict';
import type { JobRecord } from '@lathe/core';
import { jobInput, moveThrough, newWorkspace, type StoreSuite } from './store-fixtures.js';

/** `findJobsByStatus`. @internal */
export function defineFindJobsByStatusTests(suite: StoreSuite): void {
  suite.test('findJobsByStatus returns jobs across workspaces oldest first, at most limit', async () => {
    const [first, second] = [await newWorkspace(suite.store), await newWorkspace(suite.store)];
    // Created far in the past so that they sort ahead of jobs other tests leave in the database.
    const inputs = [jobInput(first, 'a', { createdAt: 3000 }), jobInput(second, 'b', { createdAt: 1000 }), jobInput(first, 'c', { createdAt: 2000 }), jobInput(second, 'queued', { createdAt: 500 })];
    for (const input of inputs) {
      const job = await suite.store.createJob(input);
      if (job.name !== 'queued') await moveThrough(suite.store, job, ['Preparing', 'CancelRequested']);
    }
    const all = await suite.store.findJobsByStatus(['CancelRequested'], 1000);
    assert.ok(all.every((job) => job.status === 'CancelRequested'));
    assert.ok(isOldestFirst(all));
    const ours = all.filter((job) => job.workspace === first || job.workspace === second);
    assert.deepEqual(
      ours.map((job) => job.name),
      ['b', 'c', 'a'],
    );
    assert.equal(ours[0]?.history.length, 4);
    const limited = await suite.store.findJobsByStatus(['CancelRequested'], 2);
    assert.deepEqual(limited.map(id), all.slice(0, 2).map(id));
    assert.deepEqual(await suite.store.findJobsByStatus([], 10), []);
  });

  suite.test('findJobsByStatus matches any of several statuses', async () => {
    const workspace = await newWorkspace(suite.store);
    const finalizing = await suite.store.createJob(jobInput(workspace, 'f', { createdAt: 10 }));
    const running = await suite.store.createJob(jobInput(workspace, 'r', { createdAt: 20 }));
    await suite.store.createJob(jobInput(workspace, 'q', { createdAt: 15 }));
    const expected = [await moveThrough(suite.store, finalizing, ['Preparing', 'Finalizing']), await moveThrough(suite.store, running, ['Preparing', 'Running'])];
    const found = await suite.store.findJobsByStatus(['Finalizing', 'Running'], 1000);
    assert.deepEqual(
      found.filter((job) => job.workspace === workspace),
      expected,
    );
  });
}

function id(job: JobRecord): string {
  return `${job.workspace}/${job.name}`;
}

function isOldestFirst(jobs: JobRecord[]): boolean {
  return jobs.every((job, i) => i === 0 || (jobs[i - 1] as JobRecord).createdAt <= job.createdAt);
}
