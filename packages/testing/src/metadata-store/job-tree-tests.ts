import assert from 'node:assert/strict';
import { jobInput, moveThrough, newWorkspace, type StoreSuite } from './store-fixtures.js';

/** Parents and children, filtered queues, and the progress a restart resumes from. @internal */
export function defineJobTreeTests(suite: StoreSuite): void {
  suite.test('a child job names its parent and its root; listJobs filters by parent', async () => {
    const workspace = await newWorkspace(suite.store);
    const top = await suite.store.createJob(jobInput(workspace, 'top', { type: 'toy', createdAt: 1 }));
    assert.deepEqual([top.parent, top.root], [null, null]);
    const middle = await suite.store.createJob(jobInput(workspace, 'middle', { createdAt: 2, parent: { name: 'top', root: null } }));
    const leaf = await suite.store.createJob(jobInput(workspace, 'leaf', { createdAt: 3, parent: { name: 'middle', root: 'top' } }));
    assert.deepEqual([middle.parent, middle.root, leaf.parent, leaf.root], ['top', 'top', 'middle', 'top']);
    await suite.store.createJob(jobInput(workspace, 'other', { createdAt: 4 }));
    const children = await suite.store.listJobs({ workspace, parent: 'top', limit: 10 });
    assert.deepEqual(
      children.jobs.map((j) => j.name),
      ['middle'],
    );
    assert.deepEqual((await suite.store.listJobs({ workspace, parent: 'leaf', limit: 10 })).jobs, []);
  });

  suite.test("createJob refuses a parent that does not exist or a root that is not the parent's, writing nothing", async () => {
    const workspace = await newWorkspace(suite.store);
    await assert.rejects(suite.store.createJob(jobInput(workspace, 'orphan', { parent: { name: 'missing', root: null } })), { code: 'LATHE_NOT_FOUND' });
    await suite.store.createJob(jobInput(workspace, 'top'));
    await assert.rejects(suite.store.createJob(jobInput(workspace, 'liar', { parent: { name: 'top', root: 'elsewhere' } })), { code: 'LATHE_BAD_REQUEST' });
    assert.deepEqual(
      (await suite.store.listJobs({ workspace, limit: 10 })).jobs.map((j) => j.name),
      ['top'],
    );
  });

  suite.test('findJobsByStatus filters by compute and by type', async () => {
    const workspace = await newWorkspace(suite.store);
    await suite.store.createJob(jobInput(workspace, 'gpu1', { compute: `gpu-${workspace}`, createdAt: 1 }));
    await suite.store.createJob(jobInput(workspace, 'cpu1', { compute: `cpu-${workspace}`, createdAt: 2 }));
    await suite.store.createJob(jobInput(workspace, 'ctl', { compute: `cpu-${workspace}`, type: `ctl-${workspace}`, createdAt: 3 }));
    const names = async (filter: Parameters<typeof suite.store.findJobsByStatus>[2]) =>
      (await suite.store.findJobsByStatus(['Queued'], 100_000, filter)).filter((j) => j.workspace === workspace).map((j) => j.name);
    assert.deepEqual(await names({ compute: `gpu-${workspace}` }), ['gpu1']);
    assert.deepEqual(await names({ compute: `cpu-${workspace}` }), ['cpu1', 'ctl']);
    assert.deepEqual(await names({ compute: `cpu-${workspace}`, excludeTypes: [`ctl-${workspace}`] }), ['cpu1']);
    assert.deepEqual(await names({ types: [`ctl-${workspace}`] }), ['ctl']);
    assert.deepEqual(await names({ types: [] }), []);
  });

  suite.test('updateJobProgress records controller state and finalization only while the status allows, and transitions can clear them', async () => {
    const workspace = await newWorkspace(suite.store);
    const job = await moveThrough(suite.store, await suite.store.createJob(jobInput(workspace, 'j')), ['Preparing', 'Running']);
    const progress = { workspace, name: job.name, at: 100 };
    const saved = await suite.store.updateJobProgress({ ...progress, from: ['Running'], controllerState: { next: 2, names: ['a'] } });
    assert.deepEqual(saved?.controllerState, { next: 2, names: ['a'] });
    assert.equal(saved?.status, 'Running');
    assert.equal(await suite.store.updateJobProgress({ ...progress, from: ['Finalizing'], controllerState: { next: 3 } }), undefined);
    assert.deepEqual((await suite.store.getJob(workspace, job.name))?.controllerState, { next: 2, names: ['a'] });
    const finalization = { outcome: { status: 'Completed' as const, exitCode: 0 }, done: ['output:x:datastore'] };
    const finalizing = await suite.store.transitionJob({ workspace, name: job.name, from: ['Running'], to: 'Finalizing', at: 101, patch: { finalization } });
    assert.deepEqual(finalizing?.finalization, finalization);
    const completed = await suite.store.transitionJob({ workspace, name: job.name, from: ['Finalizing'], to: 'Completed', at: 102, patch: { finalization: null, exitCode: 0 } });
    assert.deepEqual([completed?.finalization, completed?.exitCode], [null, 0]);
    assert.equal(await suite.store.updateJobProgress({ workspace: 'missing-ws', name: 'x', from: ['Running'], at: 1, controllerState: {} }), undefined);
  });
}
