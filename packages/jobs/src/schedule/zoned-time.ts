import type { LocalDateTime } from '@lathe/spec';
/**
 * Wall-clock time in an IANA zone, from the zone rules of the runtime (`Intl.DateTimeFormat`):
 * no table of offsets to keep up to date.
 */

/** A local date and time of day: a schedule's local date-time, without an offset. */
export type ZonedFields = Omit<LocalDateTime, 'offsetMinutes'>;

const DAY_MS = 86_400_000;
const formats = new Map<string, Intl.DateTimeFormat>();

function formatOf(zone: string): Intl.DateTimeFormat {
  let format = formats.get(zone);
  if (format === undefined) {
    const options = { timeZone: zone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric' } as const;
    format = new Intl.DateTimeFormat('en-US', options);
    formats.set(zone, format);
  }
  return format;
}

/** The local date and time in `zone` at an instant (milliseconds since the epoch, whole seconds kept). */
export function zonedFields(zone: string, epochMs: number): ZonedFields {
  const parts: Record<string, number> = {};
  for (const part of formatOf(zone).formatToParts(new Date(epochMs))) if (part.type !== 'literal') parts[part.type] = Number(part.value);
  return { year: parts.year ?? 0, month: parts.month ?? 1, day: parts.day ?? 1, hour: parts.hour ?? 0, minute: parts.minute ?? 0, second: parts.second ?? 0 };
}

/** Milliseconds `zone` is ahead of UTC at an instant. */
export function zoneOffsetMs(zone: string, epochMs: number): number {
  const at = Math.floor(epochMs / 1000) * 1000;
  return asUtc(zonedFields(zone, at)) - at;
}

/** The fields read as if they were UTC: comparable, and the basis of day arithmetic. */
export function asUtc(f: ZonedFields): number {
  return Date.UTC(f.year, f.month - 1, f.day, f.hour, f.minute, f.second);
}

/**
 * The instant a local time stands for in `zone`. A time that happens twice (the hour repeated
 * when clocks go back) is its first instant; a time that never happens (the hour skipped when
 * clocks go forward) is moved forward by the gap, as the clock itself reads it (02:30 → 03:30).
 */
export function localToEpoch(zone: string, local: ZonedFields): number {
  const utc = asUtc(local);
  const before = utc - zoneOffsetMs(zone, utc - DAY_MS);
  const after = utc - zoneOffsetMs(zone, utc + DAY_MS);
  const valid = [before, after].filter((t) => asUtc(zonedFields(zone, t)) === utc);
  return valid.length > 0 ? Math.min(...valid) : before;
}

/** Days since 1970-01-01 of a local date: whole-day arithmetic that no clock change disturbs. */
export function dayNumber(f: Pick<ZonedFields, 'year' | 'month' | 'day'>): number {
  return Math.round(Date.UTC(f.year, f.month - 1, f.day) / DAY_MS);
}

/** The local date `days` after day number 0 (1970-01-01), at midnight. */
export function dateOfDay(days: number): ZonedFields {
  const d = new Date(days * DAY_MS);
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate(), hour: 0, minute: 0, second: 0 };
}

/** 0 (Sunday) to 6 of a day number. */
export function weekdayOfDay(days: number): number {
  // 1970-01-01 was a Thursday.
  return (((days + 4) % 7) + 7) % 7;
}
