import { WINDOWS_TIME_ZONES } from './windows-time-zones.js';

const WINDOWS_BY_LOWER = new Map(Object.entries(WINDOWS_TIME_ZONES).map(([name, iana]) => [name.toLowerCase(), iana]));

/**
 * The IANA zone a schedule's `time_zone` names: a Windows name as Azure takes it (`Pacific
 * Standard Time`, `UTC`, any case) or an IANA name this runtime knows (`America/Los_Angeles`).
 * `undefined` for anything else.
 *
 * @example
 * resolveTimeZoneName('China Standard Time'); // 'Asia/Shanghai'
 */
export function resolveTimeZoneName(name: string): string | undefined {
  const windows = WINDOWS_BY_LOWER.get(name.trim().toLowerCase());
  if (windows !== undefined) return windows;
  try {
    return new Intl.DateTimeFormat('en-US', { timeZone: name }).resolvedOptions().timeZone;
  } catch {
    return undefined;
  }
}

/** Some valid names, for messages. */
export const EXAMPLE_TIME_ZONES = ['UTC', 'Pacific Standard Time', 'W. Europe Standard Time', 'China Standard Time', 'America/Los_Angeles', 'Europe/Berlin'] as const;
