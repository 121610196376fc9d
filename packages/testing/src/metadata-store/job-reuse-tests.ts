import assert from 'node:assert/strict';
import { jobInput, moveThrough, newWorkspace, T0, type StoreSuite } from './store-fixtures.js';

/** `reuseKey`, `reusedFrom` and `findReusableJob`: what step reuse asks of a store. @internal */
export function defineJobReuseTests(suite: StoreSuite): void {
  suite.test('findReusableJob finds the most recently ended Completed job with the key, and no other', async () => {
    const workspace = await newWorkspace(suite.store);
    const run = async (name: string, key: string, statuses: Parameters<typeof moveThrough>[2], at: number) => {
      const job = await suite.store.createJob(jobInput(workspace, name, { reuseKey: key, createdAt: at }));
      return moveThrough(suite.store, job, statuses);
    };
    assert.equal(await suite.store.findReusableJob(workspace, 'k1'), undefined);
    await run('failed', 'k1', ['Preparing', 'Running', 'Failed'], T0);
    await run('running', 'k1', ['Preparing', 'Running'], T0);
    await suite.store.createJob(jobInput(workspace, 'no-key'));
    assert.equal(await suite.store.findReusableJob(workspace, 'k1'), undefined, 'only a Completed job is reusable');
    await run('first', 'k1', ['Preparing', 'Running', 'Completed'], T0);
    await run('other-key', 'k2', ['Preparing', 'Running', 'Completed'], T0);
    assert.equal((await suite.store.findReusableJob(workspace, 'k1'))?.name, 'first');
    const otherWorkspace = await newWorkspace(suite.store);
    assert.equal(await suite.store.findReusableJob(otherWorkspace, 'k1'), undefined, 'a workspace reuses only its own jobs');
  });

  suite.test('a job created reusing another is Completed at once, says whose outputs it has, and is never itself found for reuse', async () => {
    const workspace = await newWorkspace(suite.store);
    const original = await moveThrough(suite.store, await suite.store.createJob(jobInput(workspace, 'original', { reuseKey: 'k' })), ['Preparing', 'Running', 'Completed']);
    const reused = await suite.store.createJob(jobInput(workspace, 'again', { reuseKey: 'k', reusedFrom: original.name, createdAt: T0 + 100 }));
    assert.equal(reused.status, 'Completed');
    assert.equal(reused.reusedFrom, 'original');
    assert.deepEqual([reused.startedAt, reused.endedAt], [T0 + 100, T0 + 100]);
    assert.deepEqual(
      reused.history.map((e) => [e.status, e.reason ?? null]),
      [
        ['NotStarted', null],
        ['Queued', null],
        ['Completed', "reused the outputs of job 'original'"],
      ],
    );
    assert.deepEqual(await suite.store.getJob(workspace, 'again'), reused);
    assert.equal((await suite.store.findReusableJob(workspace, 'k'))?.name, 'original');
    assert.deepEqual(await suite.store.findJobsByStatus(['Queued'], 10, { workspace }), [], 'nothing is left for the scheduler to run');
  });
}
