import { LatheError } from '@lathe/core';
import { parseCronExpression, parseLocalDateTime, resolveTimeZoneName, WEEK_DAYS, type CronExpression, type TriggerSpec } from '@lathe/spec';
import { localToEpoch } from './zoned-time.js';

/** A recurrence's unit. */
export type Frequency = 'minute' | 'hour' | 'day' | 'week' | 'month';

/** A trigger ready for fire-time arithmetic: its zone resolved, its times instants. */
export interface ResolvedTrigger {
  /** IANA zone. */
  zone: string;
  /** First instant it may fire; absent: no lower bound (a recurrence then starts at its default start). */
  start?: number;
  /** Last instant it may fire. */
  end?: number;
  cron?: CronExpression;
  recurrence?: { frequency: Frequency; interval: number; hours?: number[]; minutes?: number[]; weekDays?: number[] };
}

/**
 * Resolves a validated trigger (see `validateSchedule`). Throws `LATHE_INVALID_SPEC` for a trigger
 * validation would have refused, so a stored spec that no longer resolves fails loudly.
 */
export function resolveTrigger(trigger: TriggerSpec): ResolvedTrigger {
  const zone = resolveTimeZoneName(trigger.time_zone ?? 'UTC');
  if (zone === undefined) throw invalid('time_zone', `unknown time zone '${trigger.time_zone}'`);
  const out: ResolvedTrigger = { zone };
  const start = instant(trigger.start_time, zone, 'start_time');
  const end = instant(trigger.end_time, zone, 'end_time');
  if (start !== undefined) out.start = start;
  if (end !== undefined) out.end = end;
  if (trigger.type === 'cron') {
    const parsed = parseCronExpression(trigger.expression ?? '');
    if ('problem' in parsed) throw invalid('expression', parsed.problem.message);
    out.cron = parsed.expression;
    return out;
  }
  const list = <T>(value: T | T[] | undefined): T[] | undefined => (value === undefined ? undefined : Array.isArray(value) ? value : [value]);
  const pattern = trigger.schedule;
  const weekDays = list(pattern?.week_days)?.map((d) => WEEK_DAYS.indexOf(d));
  out.recurrence = {
    frequency: trigger.frequency ?? 'day',
    interval: trigger.interval ?? 1,
    ...(pattern?.hours !== undefined ? { hours: sorted(list(pattern.hours)) } : {}),
    ...(pattern?.minutes !== undefined ? { minutes: sorted(list(pattern.minutes)) } : {}),
    ...(weekDays !== undefined ? { weekDays: sorted(weekDays) } : {}),
  };
  return out;
}

function sorted(values: number[] | undefined): number[] {
  return [...new Set(values)].sort((a, b) => a - b);
}

function instant(text: string | undefined, zone: string, field: string): number | undefined {
  if (text === undefined) return undefined;
  const t = parseLocalDateTime(text);
  if (t === undefined) throw invalid(field, `'${text}' is not an ISO 8601 date-time`);
  if (t.offsetMinutes !== undefined) return Date.UTC(t.year, t.month - 1, t.day, t.hour, t.minute, t.second) - t.offsetMinutes * 60_000;
  return localToEpoch(zone, t);
}

function invalid(field: string, message: string): LatheError {
  return new LatheError('LATHE_INVALID_SPEC', `trigger.${field}: ${message}`, { details: { field: `trigger.${field}` } });
}
