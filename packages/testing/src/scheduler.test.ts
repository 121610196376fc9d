import assert from 'node:assert/strict';
import { after, beforeEach, describe, it } from 'node:test';
import type { JobRecord, JobStatus } from '@lathe/core';
import { Scheduler } from '@lathe/scheduler';
import { openSqliteStore, type KyselyMetadataStore, type TransitionInput } from '@lathe/store';
import { FakeComputeBackend } from './fake-compute-backend.js';
import { jobInput } from './metadata-store/store-fixtures.js';

describe('Scheduler', () => {
  let store: KyselyMetadataStore;
  let backend: FakeComputeBackend;
  let scheduler: Scheduler;
  let n = 0;
  const stores: KyselyMetadataStore[] = [];

  const submit = async (name = `job_${++n}`, compute = 'local') => {
    await store.createJob(jobInput('default', name, { compute, spec: { type: 'command', command: 'true' }, createdAt: Date.now() + n }));
    scheduler.notify();
    return name;
  };
  const statusOf = async (name: string) => (await store.getJob('default', name))?.status;
  const eventually = async (check: () => Promise<boolean> | boolean, what: string) => {
    for (let i = 0; i < 200; i++) {
      if (await check()) return;
      await new Promise((r) => setTimeout(r, 10));
    }
    assert.fail(`timed out waiting for ${what}`);
  };
  const waitStatus = (name: string, status: JobStatus) => eventually(async () => (await statusOf(name)) === status, `${name} ${status}`);

  beforeEach(async () => {
    await scheduler?.stop();
    store = await openSqliteStore(':memory:');
    stores.push(store);
    await store.ensureWorkspace('default', Date.now());
    backend = new FakeComputeBackend(2);
    scheduler = new Scheduler({ store, backends: [backend], pollIntervalMs: 20, cancelGraceMs: 5 });
    await scheduler.start();
  });
  after(async () => {
    await scheduler.stop();
    for (const s of stores) await s.close();
  });

  it('runs no more jobs at once than the backend capacity, starting the oldest first', async () => {
    const names = [];
    for (let i = 0; i < 5; i++) names.push(await submit());
    await eventually(() => backend.launched.length === 2, 'two launches');
    await new Promise((r) => setTimeout(r, 50));
    assert.deepEqual(
      backend.launched.map((h) => h.job),
      names.slice(0, 2),
    );
    for (const name of names) {
      await eventually(() => backend.running().some((h) => h.job === name), `${name} to start`);
      assert.ok(backend.running().length <= 2);
      await scheduler.report('default', name, { status: 'Completed', exitCode: 0 });
      backend.exit(name, 0);
    }
    for (const name of names) assert.equal(await statusOf(name), 'Completed');
  });

  it('applies launcher reports in order and ignores reports the state no longer allows', async () => {
    const name = await submit();
    await waitStatus(name, 'Preparing');
    assert.equal((await scheduler.report('default', name, { status: 'Running' })).applied, true);
    assert.equal((await scheduler.report('default', name, { status: 'Running' })).applied, false);
    await scheduler.report('default', name, { status: 'Finalizing', exitCode: 0 });
    const done = await scheduler.report('default', name, { status: 'Completed', exitCode: 0 });
    assert.deepEqual([done.applied, done.job.status, done.job.exitCode], [true, 'Completed', 0]);
    assert.equal((await scheduler.report('default', name, { status: 'Failed', exitCode: 1, failure: { type: 'UserError', message: 'x', nonRetryable: false, details: {} } })).applied, false);
  });

  it('a launcher that exits without a result fails its job as LauncherLost', async () => {
    const name = await submit();
    await eventually(() => backend.launched.some((h) => h.job === name), 'launch');
    await scheduler.report('default', name, { status: 'Running' });
    backend.exit(name, 137);
    await waitStatus(name, 'Failed');
    const job = await store.getJob('default', name);
    assert.equal(job?.failure?.type, 'LauncherLost');
    assert.match(job?.failure?.message ?? '', /exited \(137\) before reporting/);
  });

  it('cancel ends a queued job at once and asks the backend to stop a running one', async () => {
    const running = [await submit(), await submit()];
    const queued = await submit();
    await eventually(() => backend.launched.length === 2, 'two launches');
    assert.equal((await scheduler.requestCancel('default', queued)).status, 'Canceled');
    const target = running[0] as string;
    assert.equal((await scheduler.requestCancel('default', target)).status, 'CancelRequested');
    assert.deepEqual(backend.canceled, [target]);
    assert.equal((await scheduler.requestCancel('default', target)).status, 'CancelRequested', 'idempotent');
    backend.exit(target, null, 'SIGTERM');
    await waitStatus(target, 'Canceled');
    assert.ok(!backend.launched.some((h) => h.job === queued), 'the canceled queued job never launched');
  });

  it('a job whose launcher reports a failure after the cancel request ends Canceled, not Failed', async () => {
    const name = await submit();
    await eventually(() => backend.launched.some((h) => h.job === name), 'the launch');
    assert.equal((await scheduler.requestCancel('default', name)).status, 'CancelRequested');
    // The signal reached the environment build the launcher was running, which it reports as a failure.
    const failure = { type: 'SystemError' as const, message: 'could not prepare the job: venv exited with code null', nonRetryable: true, details: {} };
    assert.equal((await scheduler.report('default', name, { status: 'Failed', exitCode: null, failure })).applied, true);
    await waitStatus(name, 'Canceled');
    const job = (await store.getJob('default', name)) as JobRecord;
    assert.equal(job.failure, null);
    assert.match(job.history.at(-1)?.reason ?? '', /SystemError/);
  });

  it('a launch that throws fails the job and frees its slot', async () => {
    backend.failLaunch = new Error('no such launcher');
    const name = await submit();
    await waitStatus(name, 'Failed');
    assert.match((await store.getJob('default', name))?.failure?.message ?? '', /could not start the job: no such launcher/);
    backend.failLaunch = undefined;
    const next = await submit();
    await eventually(() => backend.launched.some((h) => h.job === next), 'the next job to launch');
  });

  describe('on a full disk', () => {
    const refused = new Set<JobStatus>();
    const diskFull = () => Object.assign(new Error('database or disk is full'), { code: 'SQLITE_FULL' });
    // The real store, except that moves into `refused` states fail as SQLite does on a full disk.
    const fullStore = () =>
      new Proxy(store, {
        get(target, prop) {
          if (prop === 'transitionJob') {
            return async (input: TransitionInput) => {
              if (refused.has(input.to)) throw diskFull();
              return target.transitionJob(input);
            };
          }
          const value: unknown = Reflect.get(target, prop);
          return typeof value === 'function' ? value.bind(target) : value;
        },
      });
    const useFullStore = async () => {
      await scheduler.stop();
      scheduler = new Scheduler({ store: fullStore(), backends: [backend], pollIntervalMs: 20, cancelGraceMs: 5 });
      await scheduler.start();
    };

    it('a job whose launch fails with ENOSPC fails with that reason once the store takes writes again, instead of staying Preparing', async () => {
      await useFullStore();
      refused.add('Failed');
      backend.failLaunch = Object.assign(new Error("ENOSPC: no space left on device, open '/srv/lathe/runs/default/x/job.json'"), { code: 'ENOSPC' });
      const name = await submit();
      await waitStatus(name, 'Preparing');
      await new Promise((r) => setTimeout(r, 100));
      assert.equal(await statusOf(name), 'Preparing');
      refused.clear();
      await waitStatus(name, 'Failed');
      const failure = (await store.getJob('default', name))?.failure;
      assert.match(failure?.message ?? '', /could not start the job: the server's storage is full \(ENOSPC/);
      assert.doesNotMatch(failure?.message ?? '', /\/srv/);
      backend.failLaunch = undefined;
    });

    it('a claim the store refuses leaves the job Queued without holding a slot, and it runs once the store takes writes again', async () => {
      await useFullStore();
      refused.add('Preparing');
      const names = [await submit(), await submit(), await submit()];
      await new Promise((r) => setTimeout(r, 100));
      for (const name of names) assert.equal(await statusOf(name), 'Queued');
      refused.clear();
      for (const name of names.slice(0, 2)) await eventually(() => backend.launched.some((h) => h.job === name), `${name} to launch`);
    });
  });

  it('on start it re-attaches jobs that still run and fails only the ones that are gone', async () => {
    const alive = await submit();
    const gone = await submit();
    await eventually(() => backend.launched.filter((h) => h.job === alive || h.job === gone).length === 2, 'launch');
    await scheduler.report('default', alive, { status: 'Running' });
    await scheduler.report('default', gone, { status: 'Running' });
    await scheduler.stop();
    backend.exit(gone, null, 'SIGKILL');
    const restartedBackend = new FakeComputeBackend(2, 'local', backend);
    scheduler = new Scheduler({ store, backends: [restartedBackend], pollIntervalMs: 20 });
    await scheduler.start();
    assert.deepEqual(restartedBackend.reattached.sort(), [alive, gone].sort());
    const lost = await store.getJob('default', gone);
    assert.deepEqual([lost?.status, lost?.failure?.type], ['Failed', 'LauncherLost']);
    assert.match(lost?.failure?.message ?? '', /ended while the server was down/);
    assert.equal(await statusOf(alive), 'Running');
    await scheduler.report('default', alive, { status: 'Finalizing', exitCode: 0 });
    await scheduler.report('default', alive, { status: 'Completed', exitCode: 0 });
    assert.equal(await statusOf(alive), 'Completed');
    assert.equal(restartedBackend.launched.filter((h) => h.job === alive).length, 1, 'the job was never launched again');
  });

  it('on start it fails a job that was claimed but never launched, without launching it', async () => {
    await scheduler.stop();
    const name = await submit();
    // As a server that stopped right after the claim leaves it: Preparing, nothing launched.
    await store.transitionJob({ workspace: 'default', name, from: ['Queued'], to: 'Preparing', at: Date.now() });
    const restartedBackend = new FakeComputeBackend(2);
    scheduler = new Scheduler({ store, backends: [restartedBackend], pollIntervalMs: 20 });
    await scheduler.start();
    const job = await store.getJob('default', name);
    assert.deepEqual([job?.status, job?.failure?.type], ['Failed', 'ServerRestarted']);
    assert.match(job?.failure?.message ?? '', /before it was launched/);
    assert.equal(restartedBackend.launched.length, 0);
  });

  it('takes queued jobs per compute, so a full compute never holds back another', async () => {
    await scheduler.stop();
    const busy = new FakeComputeBackend(1, 'busy');
    const idle = new FakeComputeBackend(1, 'idle');
    scheduler = new Scheduler({ store, backends: [busy, idle], pollIntervalMs: 20 });
    await scheduler.start();
    for (let i = 0; i < 20; i++) await submit(`busy_${i}`, 'busy');
    await submit('idle_0', 'idle');
    await eventually(() => idle.launched.some((h) => h.job === 'idle_0'), 'the idle compute to start its job');
    assert.deepEqual(
      busy.launched.map((h) => h.job),
      ['busy_0'],
    );
  });

  it('resumes publishing a Completed job at the first step not done, and completes it once every step is', async () => {
    await scheduler.stop();
    const ran: string[] = [];
    const finalization = async () => ['a', 'b', 'c'].map((step) => ({ name: step, run: async () => void ran.push(step) }));
    const name = await submit();
    await store.transitionJob({ workspace: 'default', name, from: ['Queued'], to: 'Preparing', at: Date.now() });
    await store.transitionJob({ workspace: 'default', name, from: ['Preparing'], to: 'Finalizing', at: Date.now() });
    // As a server that crashed after step a leaves it.
    await store.updateJobProgress({ workspace: 'default', name, from: ['Finalizing'], at: Date.now(), finalization: { outcome: { status: 'Completed', exitCode: 0 }, done: ['a'] } });
    scheduler = new Scheduler({ store, backends: [new FakeComputeBackend(2)], pollIntervalMs: 20, finalization });
    await scheduler.start();
    await waitStatus(name, 'Completed');
    assert.deepEqual(ran, ['b', 'c']);
    const job = await store.getJob('default', name);
    assert.deepEqual([job?.exitCode, job?.finalization], [0, null]);
  });

  it("keeps a launcher's Completed as Finalizing until the publishing steps are done, and fails the job when one fails", async () => {
    await scheduler.stop();
    let release: () => void = () => undefined;
    const gate = new Promise<void>((r) => (release = r));
    const finalization = async (job: { name: string }) => [
      { name: 'copy', run: () => gate },
      {
        name: 'register',
        run: async () => {
          if (job.name.endsWith('bad')) throw new Error('the datastore is gone');
        },
      },
    ];
    const local = new FakeComputeBackend(2);
    scheduler = new Scheduler({ store, backends: [local], pollIntervalMs: 20, finalization });
    await scheduler.start();
    const good = await submit();
    const bad = await submit(`job_bad`);
    await eventually(() => local.launched.length === 2, 'launches');
    for (const name of [good, bad]) {
      await scheduler.report('default', name, { status: 'Running' });
      await scheduler.report('default', name, { status: 'Finalizing', exitCode: 0 });
      const answer = await scheduler.report('default', name, { status: 'Completed', exitCode: 0 });
      assert.deepEqual([answer.applied, answer.job.status], [true, 'Finalizing']);
      // The launcher exits once it has reported; that is no reason to fail the job.
      local.exit(name, 0);
    }
    await new Promise((r) => setTimeout(r, 60));
    assert.equal(await statusOf(good), 'Finalizing');
    release();
    await waitStatus(good, 'Completed');
    await waitStatus(bad, 'Failed');
    const failed = await store.getJob('default', bad);
    assert.match(failed?.failure?.message ?? '', /publishing the job's outputs failed: register: the datastore is gone/);
  });
});
