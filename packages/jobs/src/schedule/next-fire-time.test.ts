import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { TriggerSpec } from '@lathe/spec';
import { nextFireTime } from './next-fire-time.js';
import { resolveTrigger } from './resolved-trigger.js';

const at = (iso: string) => Date.parse(iso);
const iso = (ms: number | undefined) => (ms === undefined ? undefined : new Date(ms).toISOString());
const next = (trigger: TriggerSpec, after: string, defaultStart?: string) => iso(nextFireTime(resolveTrigger(trigger), at(after), defaultStart === undefined ? undefined : at(defaultStart)));

// Every expected instant below was worked out by hand from the zones' rules: Los Angeles moved
// from PST (-8) to PDT (-7) at 2024-03-10 02:00 local and back at 2024-11-03 02:00 local.
describe('nextFireTime for cron triggers', () => {
  it('fires on weekdays at 09:00 in a Windows zone, across the spring-forward weekend', () => {
    const trigger: TriggerSpec = { type: 'cron', expression: '0 9 * * MON-FRI', time_zone: 'Pacific Standard Time' };
    // Friday 2024-03-08 10:00 PST → Monday 09:00 PDT.
    assert.equal(next(trigger, '2024-03-08T18:00:00Z'), '2024-03-11T16:00:00.000Z');
    // Friday before 09:00 PST fires that day, at -8.
    assert.equal(next(trigger, '2024-03-08T16:00:00Z'), '2024-03-08T17:00:00.000Z');
  });

  it('moves a local time the clock skips to where the clock reads it, then keeps the local time', () => {
    const trigger: TriggerSpec = { type: 'cron', expression: '30 2 * * *', time_zone: 'America/Los_Angeles' };
    // 2024-03-10 02:30 does not exist in Los Angeles: it fires at 03:30 PDT.
    assert.equal(next(trigger, '2024-03-09T11:00:00Z'), '2024-03-10T10:30:00.000Z');
    assert.equal(next(trigger, '2024-03-10T10:30:00Z'), '2024-03-11T09:30:00.000Z');
  });

  it('fires a repeated local time once, at its first instant, when clocks go back', () => {
    const trigger: TriggerSpec = { type: 'cron', expression: '30 1 * * *', time_zone: 'America/Los_Angeles' };
    assert.equal(next(trigger, '2024-11-02T09:00:00Z'), '2024-11-03T08:30:00.000Z');
    // Not again at 01:30 PST (09:30Z) the same night: the next is the following night.
    assert.equal(next(trigger, '2024-11-03T08:30:00Z'), '2024-11-04T09:30:00.000Z');
  });

  it('reads steps, lists and the UTC default', () => {
    assert.equal(next({ type: 'cron', expression: '*/15 * * * *' }, '2024-01-01T00:20:00Z'), '2024-01-01T00:30:00.000Z');
    assert.equal(next({ type: 'cron', expression: '0 8,20 * * *' }, '2024-01-01T08:00:00Z'), '2024-01-01T20:00:00.000Z');
    assert.equal(next({ type: 'cron', expression: '0 0 1 JAN *' }, '2024-01-01T00:00:00Z'), '2025-01-01T00:00:00.000Z');
  });

  it('matches either day field when both are restricted, as cron does', () => {
    // 2024-09-06 is a Friday, before the 13th.
    assert.equal(next({ type: 'cron', expression: '0 0 13 * FRI' }, '2024-09-01T00:00:00Z'), '2024-09-06T00:00:00.000Z');
  });

  it('fires at 08:00 China Standard Time (UTC+8), the previous day in UTC', () => {
    assert.equal(next({ type: 'cron', expression: '0 8 * * *', time_zone: 'China Standard Time' }, '2024-06-01T12:00:00Z'), '2024-06-02T00:00:00.000Z');
  });

  it('waits for start_time and stops after end_time, both local to the zone', () => {
    const trigger: TriggerSpec = { type: 'cron', expression: '0 0 * * *', time_zone: 'W. Europe Standard Time', start_time: '2024-07-10T12:00:00', end_time: '2024-07-12T12:00:00' };
    // Midnight in Berlin is 22:00Z the day before (CEST, +2).
    assert.equal(next(trigger, '2024-07-01T00:00:00Z'), '2024-07-10T22:00:00.000Z');
    assert.equal(next(trigger, '2024-07-10T22:00:00Z'), '2024-07-11T22:00:00.000Z');
    assert.equal(next(trigger, '2024-07-11T22:00:00Z'), undefined);
  });
});

describe('nextFireTime for recurrence triggers', () => {
  it('fires first at start_time and then every interval minutes', () => {
    const trigger: TriggerSpec = { type: 'recurrence', frequency: 'minute', interval: 15, start_time: '2024-01-01T00:05:00' };
    assert.equal(next(trigger, '2023-12-31T00:00:00Z'), '2024-01-01T00:05:00.000Z');
    assert.equal(next(trigger, '2024-01-01T00:05:00Z'), '2024-01-01T00:20:00.000Z');
    assert.equal(next(trigger, '2024-01-01T03:21:00Z'), '2024-01-01T03:35:00.000Z');
  });

  it('starts at the creation time when there is no start_time', () => {
    const trigger: TriggerSpec = { type: 'recurrence', frequency: 'hour', interval: 2 };
    assert.equal(next(trigger, '2024-01-01T09:59:59Z', '2024-01-01T10:00:00Z'), '2024-01-01T10:00:00.000Z');
    assert.equal(next(trigger, '2024-01-01T10:00:00Z', '2024-01-01T10:00:00Z'), '2024-01-01T12:00:00.000Z');
  });

  it('keeps a daily fire at its local time across the spring-forward change', () => {
    const trigger: TriggerSpec = { type: 'recurrence', frequency: 'day', interval: 1, start_time: '2024-03-09T09:00:00', time_zone: 'America/Los_Angeles' };
    assert.equal(next(trigger, '2024-03-09T00:00:00Z'), '2024-03-09T17:00:00.000Z');
    // Sunday 2024-03-10 is 23 hours long: 09:00 PDT is 16:00Z.
    assert.equal(next(trigger, '2024-03-09T17:00:00Z'), '2024-03-10T16:00:00.000Z');
    assert.equal(next(trigger, '2024-03-10T16:00:00Z'), '2024-03-11T16:00:00.000Z');
  });

  it('fires at the listed times on the listed days of every other week', () => {
    // 2024-01-01 is a Monday; its week (from Sunday 2023-12-31) fires, the next does not.
    const trigger: TriggerSpec = {
      type: 'recurrence',
      frequency: 'week',
      interval: 2,
      start_time: '2024-01-01T00:00:00',
      schedule: { hours: [9], minutes: [0, 30], week_days: ['monday', 'wednesday'] },
    };
    assert.equal(next(trigger, '2023-12-01T00:00:00Z'), '2024-01-01T09:00:00.000Z');
    assert.equal(next(trigger, '2024-01-01T09:00:00Z'), '2024-01-01T09:30:00.000Z');
    assert.equal(next(trigger, '2024-01-01T09:30:00Z'), '2024-01-03T09:00:00.000Z');
    assert.equal(next(trigger, '2024-01-03T09:30:00Z'), '2024-01-15T09:00:00.000Z');
  });

  it('fires at the listed hours of every third day', () => {
    const trigger: TriggerSpec = { type: 'recurrence', frequency: 'day', interval: 3, start_time: '2024-01-01T12:00:00', schedule: { hours: [6, 18], minutes: [15] } };
    // 06:15 on the first day is before the start.
    assert.equal(next(trigger, '2024-01-01T00:00:00Z'), '2024-01-01T18:15:00.000Z');
    assert.equal(next(trigger, '2024-01-01T18:15:00Z'), '2024-01-04T06:15:00.000Z');
  });

  it('fires monthly on the start day, the last day of shorter months', () => {
    const trigger: TriggerSpec = { type: 'recurrence', frequency: 'month', interval: 1, start_time: '2024-01-31T10:00:00' };
    assert.equal(next(trigger, '2024-01-31T10:00:00Z'), '2024-02-29T10:00:00.000Z');
    assert.equal(next(trigger, '2024-02-29T10:00:00Z'), '2024-03-31T10:00:00.000Z');
  });

  it('fires no more after end_time', () => {
    const trigger: TriggerSpec = { type: 'recurrence', frequency: 'minute', interval: 1, start_time: '2024-01-01T00:00:00Z', end_time: '2024-01-01T00:02:30Z' };
    assert.equal(next(trigger, '2024-01-01T00:01:00Z'), '2024-01-01T00:02:00.000Z');
    assert.equal(next(trigger, '2024-01-01T00:02:00Z'), undefined);
  });
});
