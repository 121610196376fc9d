import { daysInMonth } from '@lathe/spec';
import type { ResolvedTrigger } from './resolved-trigger.js';
import { dateOfDay, dayNumber, localToEpoch, weekdayOfDay, zonedFields, type ZonedFields } from './zoned-time.js';

type Recurrence = NonNullable<ResolvedTrigger['recurrence']>;

const MINUTE_MS = 60_000;

/**
 * The first fire of a recurrence after `after`, as Azure ML fires them: at `start` and then every
 * `interval` × `frequency` (minutes and hours as elapsed time; days, weeks and months on the
 * local calendar, so a daily fire keeps its local time across clock changes). With `hours`,
 * `minutes` or `weekDays` (day and week frequencies), the fires are those local times on every
 * `interval`-th day, or on those week days of every `interval`-th week (weeks start on Sunday);
 * a part left out is the start's own (its hour, its minute, its week day).
 */
export function recurrenceFireTime(recurrence: Recurrence, zone: string, start: number, after: number): number | undefined {
  const { frequency, interval } = recurrence;
  if (frequency === 'minute' || frequency === 'hour') {
    const step = interval * (frequency === 'minute' ? MINUTE_MS : 60 * MINUTE_MS);
    return after < start ? start : start + (Math.floor((after - start) / step) + 1) * step;
  }
  const patterned = recurrence.hours !== undefined || recurrence.minutes !== undefined || recurrence.weekDays !== undefined;
  if (patterned && frequency !== 'month') return patternFireTime(recurrence, zone, start, after);
  return calendarFireTime(recurrence, zone, start, after);
}

// start + k × interval days, weeks or months in local time; k from an estimate, then stepped.
function calendarFireTime(recurrence: Recurrence, zone: string, start: number, after: number): number {
  const base = zonedFields(zone, start);
  const at = (k: number) => localToEpoch(zone, shifted(base, recurrence, k));
  if (after < start) return start;
  const unitDays = recurrence.frequency === 'day' ? 1 : recurrence.frequency === 'week' ? 7 : 28;
  let k = Math.max(0, Math.floor((after - start) / (unitDays * recurrence.interval * 86_400_000)) - 1);
  while (at(k) <= after) k++;
  return at(k);
}

function shifted(base: ZonedFields, recurrence: Recurrence, k: number): ZonedFields {
  const steps = k * recurrence.interval;
  if (recurrence.frequency === 'month') {
    const months = base.year * 12 + (base.month - 1) + steps;
    const [year, month] = [Math.floor(months / 12), (months % 12) + 1];
    // A start on the 31st fires on the last day of shorter months.
    return { ...base, year, month, day: Math.min(base.day, daysInMonth(year, month)) };
  }
  const days = steps * (recurrence.frequency === 'week' ? 7 : 1);
  return { ...dateOfDay(dayNumber(base) + days), hour: base.hour, minute: base.minute, second: base.second };
}

function patternFireTime(recurrence: Recurrence, zone: string, start: number, after: number): number | undefined {
  const base = zonedFields(zone, start);
  const startDay = dayNumber(base);
  const hours = recurrence.hours ?? [base.hour];
  const minutes = recurrence.minutes ?? [base.minute];
  const weekly = recurrence.frequency === 'week';
  const weekDays = weekly ? (recurrence.weekDays ?? [weekdayOfDay(startDay)]) : undefined;
  const firstWeek = startDay - weekdayOfDay(startDay);
  const from = Math.max(startDay, dayNumber(zonedFields(zone, after)) - 1);
  const span = (weekly ? 7 : 1) * recurrence.interval + 7;
  for (let day = from; day <= from + span; day++) {
    const inInterval = weekly ? Math.floor((day - firstWeek) / 7) % recurrence.interval === 0 : (day - startDay) % recurrence.interval === 0;
    if (!inInterval || (weekDays !== undefined && !weekDays.includes(weekdayOfDay(day)))) continue;
    for (const hour of hours) {
      for (const minute of minutes) {
        const t = localToEpoch(zone, { ...dateOfDay(day), hour, minute, second: 0 });
        if (t > after && t >= start) return t;
      }
    }
  }
  return undefined;
}
