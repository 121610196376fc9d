import type { ScheduleSpec } from '@lathe/spec';
import { nextFireTime } from './next-fire-time.js';
import { resolveTrigger } from './resolved-trigger.js';

/**
 * A schedule's next fire time after `after`, or null when it fires no more. `createdAt` anchors
 * a recurrence without a `start_time`, so re-enabling or updating keeps its phase.
 */
export function scheduleFireTime(spec: Pick<ScheduleSpec, 'trigger'>, after: number, createdAt: number): number | null {
  return nextFireTime(resolveTrigger(spec.trigger), after, createdAt) ?? null;
}
