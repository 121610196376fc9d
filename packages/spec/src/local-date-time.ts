/**
 * A date-time as a schedule's `start_time` / `end_time` gives it: local fields, read in the
 * trigger's time zone, unless the text carries `Z` or an offset, which makes it absolute.
 */
export interface LocalDateTime {
  year: number;
  /** 1 to 12. */
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  /** Minutes east of UTC when the text gave an offset (`Z` is 0); absent for a local time. */
  offsetMinutes?: number;
}

const PATTERN = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?)?\s*(Z|[+-]\d{2}:?\d{2})?$/i;

/**
 * Parses ISO 8601 `2024-05-01T09:30:00` (seconds, fraction, `Z` or `+02:00` optional; a date
 * alone is midnight); `undefined` when the text is not one or names a day that does not exist.
 */
export function parseLocalDateTime(text: string): LocalDateTime | undefined {
  const m = PATTERN.exec(text.trim());
  if (!m) return undefined;
  const [year, month, day, hour, minute, second] = [1, 2, 3, 4, 5, 6].map((i) => Number(m[i] ?? 0)) as [number, number, number, number, number, number];
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month) || hour > 23 || minute > 59 || second > 59) return undefined;
  const out: LocalDateTime = { year, month, day, hour, minute, second };
  const offset = m[7];
  if (offset !== undefined) out.offsetMinutes = offset.toUpperCase() === 'Z' ? 0 : offsetOf(offset);
  return out;
}

function offsetOf(text: string): number {
  const digits = text.slice(1).replace(':', '');
  const minutes = Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2));
  return text.startsWith('-') ? -minutes : minutes;
}

/** Days in a month of a year (month 1 to 12). */
export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}
