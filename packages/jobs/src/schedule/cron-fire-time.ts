import type { CronExpression } from '@lathe/spec';
import { dateOfDay, dayNumber, localToEpoch, weekdayOfDay, zonedFields } from './zoned-time.js';

// Every cron expression matches within about 8 years (Feb 29 on a given weekday: 28-year cycle
// aside, day-of-month 31 in a listed month fits in a year); past this, it never fires.
const SEARCH_DAYS = 366 * 8;

/**
 * The first instant after `after` that `cron` matches in `zone`, to the minute. Local times the
 * clock skips fire when the clock reaches past them; local times it repeats fire once.
 */
export function cronFireTime(cron: CronExpression, zone: string, after: number): number | undefined {
  const first = dayNumber(zonedFields(zone, after)) - 1;
  for (let day = first; day <= first + SEARCH_DAYS; day++) {
    if (!dayMatches(cron, day)) continue;
    const found = firstOnDay(cron, zone, day, after);
    if (found !== undefined) return found;
  }
  return undefined;
}

function dayMatches(cron: CronExpression, day: number): boolean {
  const date = dateOfDay(day);
  if (!cron.months.has(date.month)) return false;
  const byMonthDay = cron.daysOfMonth.has(date.day);
  const byWeekDay = cron.daysOfWeek.has(weekdayOfDay(day));
  if (cron.anyDayOfMonth) return byWeekDay;
  if (cron.anyDayOfWeek) return byMonthDay;
  return byMonthDay || byWeekDay;
}

// Candidates in local order; a skipped time maps past later ones, so the earliest instant within
// the hour after the first one found wins.
function firstOnDay(cron: CronExpression, zone: string, day: number, after: number): number | undefined {
  const date = dateOfDay(day);
  let best: number | undefined;
  for (const hour of [...cron.hours].sort((a, b) => a - b)) {
    for (const minute of [...cron.minutes].sort((a, b) => a - b)) {
      const t = localToEpoch(zone, { ...date, hour, minute, second: 0 });
      if (t <= after) continue;
      if (best !== undefined && t > best + 3_600_000) return best;
      best = best === undefined ? t : Math.min(best, t);
    }
  }
  return best;
}
