import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { JOB_STATUSES, isTerminal, type JobStatus } from '@lathe/core';
import { RUN_STATUSES, isLifecycleStage, isRunStatus, isTerminatedRunStatus, lifecycleStagesForViewType, runStatusForJob } from './run-status.js';

describe('run statuses', () => {
  it("knows exactly MLflow's five statuses, in upper case", () => {
    assert.deepEqual([...RUN_STATUSES], ['RUNNING', 'SCHEDULED', 'FINISHED', 'FAILED', 'KILLED']);
    for (const s of RUN_STATUSES) assert.equal(isRunStatus(s), true, s);
    for (const s of ['running', 'Finished', 'ACTIVE', '', 1, null, undefined]) assert.equal(isRunStatus(s), false, String(s));
  });

  it('FINISHED, FAILED and KILLED are terminated; RUNNING and SCHEDULED are not', () => {
    assert.deepEqual(RUN_STATUSES.filter(isTerminatedRunStatus), ['FINISHED', 'FAILED', 'KILLED']);
  });

  it('lifecycle stages are active and deleted only', () => {
    assert.equal(isLifecycleStage('active'), true);
    assert.equal(isLifecycleStage('deleted'), true);
    for (const s of ['ACTIVE', 'Deleted', 'archived', '', null]) assert.equal(isLifecycleStage(s), false, String(s));
  });

  it('view types select lifecycle stages as MLflow does', () => {
    assert.deepEqual(lifecycleStagesForViewType('ACTIVE_ONLY'), ['active']);
    assert.deepEqual(lifecycleStagesForViewType('DELETED_ONLY'), ['deleted']);
    assert.deepEqual(lifecycleStagesForViewType('ALL'), ['active', 'deleted']);
  });
});

describe('run status of a job', () => {
  it('maps every job status as Azure ML does', () => {
    const expected: Record<JobStatus, string> = {
      NotStarted: 'SCHEDULED',
      Queued: 'SCHEDULED',
      Preparing: 'SCHEDULED',
      Running: 'RUNNING',
      Finalizing: 'RUNNING',
      CancelRequested: 'KILLED',
      Completed: 'FINISHED',
      Failed: 'FAILED',
      Canceled: 'KILLED',
    };
    for (const job of JOB_STATUSES) assert.equal(runStatusForJob(job), expected[job], job);
  });

  it('a terminal job always gives a terminated run', () => {
    for (const job of JOB_STATUSES.filter(isTerminal)) assert.ok(isTerminatedRunStatus(runStatusForJob(job)), job);
  });
});
