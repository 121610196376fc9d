import assert from 'node:assert/strict';
import type { Failure, JobHandle } from '@lathe/core';
import { jobInput, moveThrough, newWorkspace, T0, type StoreSuite } from './store-fixtures.js';

const HANDLE: JobHandle = {
  backend: 'local',
  workspace: 'ws',
  job: 'job-1',
  id: '4242',
  folder: '/tmp/lathe/job-1',
  pid: 4242,
  ports: [8080],
};
const FAILURE: Failure = {
  type: 'UserError',
  message: 'exit code 3\nTraceback: boom',
  nonRetryable: false,
  details: { exit_code: 3, log_tail: ['a', 'b'] },
};

/** `transitionJob`. @internal */
export function defineTransitionJobTests(suite: StoreSuite): void {
  const createJob = async () => suite.store.createJob(jobInput(await newWorkspace(suite.store), 'job-1'));

  suite.test('transitionJob moves a job from an allowed status and appends a history event', async () => {
    const job = await createJob();
    const moved = await suite.store.transitionJob({ ...key(job), from: ['NotStarted', 'Queued'], to: 'Preparing', at: T0 + 7 });
    assert.equal(moved?.status, 'Preparing');
    assert.equal(moved?.updatedAt, T0 + 7);
    assert.deepEqual(moved?.history, [...job.history, { status: 'Preparing', time: T0 + 7 }]);
    assert.deepEqual(await suite.store.getJob(job.workspace, job.name), moved);
  });

  suite.test('transitionJob returns undefined and writes nothing when the status is not in from', async () => {
    const job = await createJob();
    const patch = { exitCode: 0, handle: null };
    const moved = await suite.store.transitionJob({ ...key(job), from: ['Running'], to: 'Completed', at: T0 + 7, patch });
    assert.equal(moved, undefined);
    assert.deepEqual(await suite.store.getJob(job.workspace, job.name), job);
  });

  suite.test('transitionJob returns undefined for a missing job', async () => {
    const workspace = await newWorkspace(suite.store);
    const moved = await suite.store.transitionJob({ workspace, name: 'nope', from: ['Queued'], to: 'Preparing', at: T0 });
    assert.equal(moved, undefined);
  });

  suite.test('transitionJob records the reason on the history event', async () => {
    const job = await createJob();
    const patch = { reason: 'user asked' };
    const moved = await suite.store.transitionJob({ ...key(job), from: ['Queued'], to: 'Canceled', at: T0 + 1, patch });
    assert.deepEqual(moved?.history.at(-1), { status: 'Canceled', time: T0 + 1, reason: 'user asked' });
  });

  suite.test('startedAt is set on entering Running and never overwritten', async () => {
    const running = await moveThrough(suite.store, await createJob(), ['Preparing', 'Running']);
    assert.equal(running.startedAt, T0 + 2);
    const again = await suite.store.transitionJob({ ...key(running), from: ['Running'], to: 'Running', at: T0 + 50 });
    assert.equal(again?.startedAt, T0 + 2);
    const finalizing = await suite.store.transitionJob({ ...key(running), from: ['Running'], to: 'Finalizing', at: T0 + 60 });
    assert.equal(finalizing?.startedAt, T0 + 2);
    assert.equal(finalizing?.endedAt, null);
  });

  suite.test('endedAt is set on entering a terminal status', async () => {
    const completed = await moveThrough(suite.store, await createJob(), ['Preparing', 'Running', 'Completed']);
    assert.deepEqual([completed.startedAt, completed.endedAt], [T0 + 2, T0 + 3]);
    const canceled = await moveThrough(suite.store, await createJob(), ['Canceled']);
    assert.deepEqual([canceled.startedAt, canceled.endedAt], [null, T0 + 1]);
    const failed = await moveThrough(suite.store, await createJob(), ['Preparing', 'Failed']);
    assert.deepEqual([failed.startedAt, failed.endedAt], [null, T0 + 2]);
  });

  suite.test('transition patches set, keep and clear handle, failure and exitCode', async () => {
    const job = await createJob();
    const set = await suite.store.transitionJob({
      ...key(job),
      from: ['Queued'],
      to: 'Preparing',
      at: T0 + 1,
      patch: { handle: HANDLE, failure: FAILURE, exitCode: 7 },
    });
    assert.deepEqual([set?.handle, set?.failure, set?.exitCode], [HANDLE, FAILURE, 7]);
    const cleared = await suite.store.transitionJob({
      ...key(job),
      from: ['Preparing'],
      to: 'Running',
      at: T0 + 2,
      patch: { handle: null, failure: null },
    });
    assert.deepEqual([cleared?.handle, cleared?.failure, cleared?.exitCode], [null, null, 7]);
    const ended = await suite.store.transitionJob({
      ...key(job),
      from: ['Running'],
      to: 'Failed',
      at: T0 + 3,
      patch: { failure: FAILURE, exitCode: null },
    });
    assert.deepEqual([ended?.handle, ended?.failure, ended?.exitCode], [null, FAILURE, null]);
    assert.deepEqual(await suite.store.getJob(job.workspace, job.name), ended);
  });

  suite.test('setJobHandle records the handle without a state change or history event', async () => {
    const job = await createJob();
    assert.equal(await suite.store.setJobHandle(job.workspace, job.name, HANDLE), true);
    const stored = await suite.store.getJob(job.workspace, job.name);
    assert.deepEqual([stored?.handle, stored?.status, stored?.history], [HANDLE, job.status, job.history]);
    assert.equal(await suite.store.setJobHandle(job.workspace, 'no-such-job', HANDLE), false);
  });

  suite.test('concurrent transitions from the same status let exactly one succeed', async () => {
    const job = await createJob();
    const attempts = Array.from({ length: 10 }, (_, i) => suite.store.transitionJob({ ...key(job), from: ['Queued'], to: 'Preparing', at: T0 + 100 + i }));
    const winners = (await Promise.all(attempts)).filter((result) => result !== undefined);
    assert.equal(winners.length, 1);
    const stored = await suite.store.getJob(job.workspace, job.name);
    assert.deepEqual(
      stored?.history.map((event) => event.status),
      ['NotStarted', 'Queued', 'Preparing'],
    );
    assert.deepEqual(stored, winners[0]);
  });
}

function key(job: { workspace: string; name: string }): { workspace: string; name: string } {
  return { workspace: job.workspace, name: job.name };
}
