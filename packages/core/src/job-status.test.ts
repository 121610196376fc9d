import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ACTIVE_STATUSES, JOB_STATUSES, TERMINAL_STATUSES, canTransition, isJobStatus, isTerminal, statusesLeadingTo, type JobStatus } from './job-status.js';

describe('job states', () => {
  it('terminal states are final: no transition leaves them', () => {
    for (const from of TERMINAL_STATUSES) {
      assert.ok(isTerminal(from), from);
      for (const to of JOB_STATUSES) assert.equal(canTransition(from, to), false, `${from} → ${to}`);
    }
  });

  it('exactly Completed, Failed and Canceled are terminal', () => {
    assert.deepEqual(JOB_STATUSES.filter(isTerminal), ['Completed', 'Failed', 'Canceled']);
  });

  it('every state that is not terminal can still end, so no job is stuck by the rules', () => {
    for (const from of JOB_STATUSES.filter((s) => !isTerminal(s))) {
      assert.ok(
        TERMINAL_STATUSES.some((to) => canTransition(from, to)),
        from,
      );
    }
  });

  it('the ordinary path of a job is legal step by step', () => {
    const path: JobStatus[] = ['NotStarted', 'Queued', 'Preparing', 'Running', 'Finalizing', 'Completed'];
    for (let i = 1; i < path.length; i++) {
      assert.ok(canTransition(path[i - 1] as JobStatus, path[i] as JobStatus), `${path[i - 1]} → ${path[i]}`);
    }
  });

  it('Queued → Preparing is allowed, Completed → Running and Queued → Running are not', () => {
    assert.equal(canTransition('Queued', 'Preparing'), true);
    assert.equal(canTransition('Completed', 'Running'), false);
    assert.equal(canTransition('Queued', 'Running'), false);
  });

  it('Canceled is reached directly before a job starts, and only through CancelRequested after', () => {
    assert.deepEqual(statusesLeadingTo('Canceled').sort(), ['CancelRequested', 'NotStarted', 'Queued'].sort());
    for (const active of ['Preparing', 'Running', 'Finalizing'] as const) assert.equal(canTransition(active, 'CancelRequested'), true, active);
  });

  it('no state leads back to NotStarted, and only Queued leads to Preparing', () => {
    assert.deepEqual(statusesLeadingTo('NotStarted'), []);
    assert.deepEqual(statusesLeadingTo('Preparing'), ['Queued']);
  });

  it('statusesLeadingTo agrees with canTransition for every pair', () => {
    for (const to of JOB_STATUSES) {
      const expected = JOB_STATUSES.filter((from) => canTransition(from, to));
      assert.deepEqual(statusesLeadingTo(to), expected, to);
    }
  });

  it('no state transitions to itself', () => {
    for (const s of JOB_STATUSES) assert.equal(canTransition(s, s), false, s);
  });

  it('active states are neither terminal nor waiting to start', () => {
    for (const s of ACTIVE_STATUSES) {
      assert.equal(isTerminal(s), false, s);
      assert.ok(!['NotStarted', 'Queued'].includes(s), s);
    }
  });

  it('isJobStatus accepts the exact names only', () => {
    for (const s of JOB_STATUSES) assert.equal(isJobStatus(s), true);
    for (const v of ['running', 'Done', '', ' Queued', null, undefined, 3]) assert.equal(isJobStatus(v), false, String(v));
  });
});
