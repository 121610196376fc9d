import assert from 'node:assert/strict';
import { after, beforeEach, describe, it } from 'node:test';
import { Scheduler } from '@lathe/scheduler';
import { openSqliteStore, type KyselyMetadataStore } from '@lathe/store';
import { FakeComputeBackend } from './fake-compute-backend.js';
import { jobInput } from './metadata-store/store-fixtures.js';

// The scheduler's decisions about named compute targets; the fake backend stands in for
// processes, the store is real SQLite, and the targets are read from it as the server does.
describe('Scheduler with named compute targets', () => {
  let store: KyselyMetadataStore;
  let backend: FakeComputeBackend;
  let scheduler: Scheduler;
  let n = 0;
  const stores: KyselyMetadataStore[] = [];

  const queue = async (workspace: string, name: string, compute: string) => {
    await store.createJob(jobInput(workspace, name, { compute, spec: { type: 'command', command: 'true' }, createdAt: Date.now() + ++n }));
  };
  const launched = (workspace: string, name: string) => backend.launched.some((h) => h.workspace === workspace && h.job === name);
  const eventually = async (check: () => boolean, what: string) => {
    for (let i = 0; i < 300; i++) {
      if (check()) return;
      await new Promise((r) => setTimeout(r, 10));
    }
    assert.fail(`timed out waiting for ${what}`);
  };
  const cluster = (workspace: string, name: string, maxInstances: number) =>
    store.workspaces.putCompute({ workspace, name, type: 'amlcompute', maxInstances, spec: { name, type: 'amlcompute', max_instances: maxInstances }, at: Date.now() });
  const finish = async (workspace: string, name: string) => {
    await scheduler.report(workspace, name, { status: 'Completed', exitCode: 0 });
    backend.exit(name, 0);
  };

  beforeEach(async () => {
    await scheduler?.stop();
    store = await openSqliteStore(':memory:');
    stores.push(store);
    for (const ws of ['default', 'other']) await store.ensureWorkspace(ws, Date.now());
    backend = new FakeComputeBackend(4);
    const targets = async () => (await store.workspaces.listComputes()).map((c) => ({ workspace: c.workspace, name: c.name, capacity: c.maxInstances, backend: 'local' }));
    scheduler = new Scheduler({ store, backends: [backend], targets, pollIntervalMs: 20, cancelGraceMs: 5 });
    await scheduler.start();
  });
  after(async () => {
    await scheduler.stop();
    for (const s of stores) await s.close();
  });

  it('two jobs on a compute with max_instances 1 do not overlap, and a job on another target runs meanwhile', async () => {
    await cluster('default', 'cpu-cluster', 1);
    await queue('default', 'first', 'cpu-cluster');
    await queue('default', 'second', 'cpu-cluster');
    await queue('default', 'elsewhere', 'local');
    scheduler.notify();
    await eventually(() => launched('default', 'first') && launched('default', 'elsewhere'), 'the first job and the job on local to launch');
    // One more round that sees the cluster full: a job queued after it on local launches too.
    await queue('default', 'later', 'local');
    scheduler.notify();
    await eventually(() => launched('default', 'later'), 'a later job on local');
    assert.equal(launched('default', 'second'), false, 'the second job waits for the cluster');
    assert.equal((await store.getJob('default', 'second'))?.status, 'Queued');
    await finish('default', 'first');
    await eventually(() => launched('default', 'second'), 'the second job once the first ended');
    const running = backend.running().map((h) => h.job);
    assert.ok(running.includes('second') && !running.includes('first'), `running: ${running.join(', ')}`);
  });

  it('runs up to max_instances of a compute’s jobs at once, and reads a new limit on the next round', async () => {
    await cluster('default', 'gpu-cluster', 2);
    for (const name of ['g1', 'g2', 'g3']) await queue('default', name, 'gpu-cluster');
    scheduler.notify();
    await eventually(() => launched('default', 'g1') && launched('default', 'g2'), 'two jobs on the cluster');
    assert.equal(launched('default', 'g3'), false);
    await cluster('default', 'gpu-cluster', 3);
    scheduler.notify();
    await eventually(() => launched('default', 'g3'), 'the third job once the cluster has three instances');
  });

  it('a compute of the same name in another workspace is a queue of its own', async () => {
    await cluster('default', 'cpu-cluster', 1);
    await cluster('other', 'cpu-cluster', 1);
    await queue('default', 'mine', 'cpu-cluster');
    await queue('other', 'theirs', 'cpu-cluster');
    scheduler.notify();
    await eventually(() => launched('default', 'mine') && launched('other', 'theirs'), 'one job on each workspace’s cluster');
  });
});
