import { cronFireTime } from './cron-fire-time.js';
import { recurrenceFireTime } from './recurrence-fire-time.js';
import type { ResolvedTrigger } from './resolved-trigger.js';

/**
 * The first fire time of a trigger strictly after `afterEpochMs`, in milliseconds since the
 * epoch, or `undefined` when it fires no more (past its `end_time`). Fires are never before the
 * trigger's start; a recurrence without a `start_time` starts at `defaultStart` (the schedule's
 * creation, as on Azure). Pure: the same arguments give the same answer.
 *
 * @example
 * const trigger = resolveTrigger({ type: 'cron', expression: '0 9 * * MON-FRI', time_zone: 'Pacific Standard Time' });
 * nextFireTime(trigger, Date.parse('2024-03-08T18:00:00Z')); // Monday 2024-03-11 09:00 PDT = 16:00Z
 */
export function nextFireTime(trigger: ResolvedTrigger, afterEpochMs: number, defaultStart = afterEpochMs): number | undefined {
  const start = trigger.start ?? (trigger.recurrence ? defaultStart : undefined);
  let fire: number | undefined;
  if (trigger.cron) {
    fire = cronFireTime(trigger.cron, trigger.zone, start !== undefined ? Math.max(afterEpochMs, start - 1) : afterEpochMs);
  } else if (trigger.recurrence) {
    fire = recurrenceFireTime(trigger.recurrence, trigger.zone, start ?? defaultStart, afterEpochMs);
  }
  if (fire === undefined || (trigger.end !== undefined && fire > trigger.end)) return undefined;
  return fire;
}
