/** Readable numbers, times, durations and sizes, the same everywhere in Studio. */

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** "just now", "5 min ago", "3 h ago", "2 d ago", else the date. `now` is injectable for tests. */
export function relativeTime(time: number | string | null | undefined, now = Date.now()): string {
  if (time === null || time === undefined) return '—';
  const t = typeof time === 'string' ? Date.parse(time) : time;
  if (!Number.isFinite(t)) return '—';
  const ago = now - t;
  if (ago < 0) return absoluteTime(t);
  if (ago < 45 * SECOND) return 'just now';
  if (ago < HOUR) return `${Math.round(ago / MINUTE)} min ago`;
  if (ago < DAY) return `${Math.round(ago / HOUR)} h ago`;
  if (ago < 7 * DAY) return `${Math.round(ago / DAY)} d ago`;
  return absoluteTime(t);
}

/** Local date and time to the second: `2026-11-28 14:03:09`. */
export function absoluteTime(time: number | string | null | undefined): string {
  if (time === null || time === undefined) return '—';
  const d = new Date(typeof time === 'string' ? Date.parse(time) : time);
  if (Number.isNaN(d.getTime())) return '—';
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
}

/** `850 ms`, `12.3 s`, `4m 05s`, `2h 03m`, `3d 4h`. */
export function duration(seconds: number | null | undefined): string {
  if (seconds === null || seconds === undefined || !Number.isFinite(seconds)) return '—';
  if (seconds < 1) return `${Math.round(seconds * 1000)} ms`;
  if (seconds < 60) return `${seconds.toFixed(seconds < 10 ? 1 : 0)} s`;
  const s = Math.round(seconds);
  const pad = (n: number) => String(n).padStart(2, '0');
  if (s < 3600) return `${Math.floor(s / 60)}m ${pad(s % 60)}s`;
  if (s < 86400) return `${Math.floor(s / 3600)}h ${pad(Math.floor((s % 3600) / 60))}m`;
  return `${Math.floor(s / 86400)}d ${Math.floor((s % 86400) / 3600)}h`;
}

/** A metric value: up to 4 significant decimals, thousands grouped, exponents for the very small or large. */
export function metricValue(value: number | string | null | undefined): string {
  if (value === null || value === undefined) return '—';
  if (typeof value === 'string') return value;
  if (!Number.isFinite(value)) return String(value);
  const abs = Math.abs(value);
  if (abs !== 0 && (abs < 1e-4 || abs >= 1e9)) return value.toExponential(3);
  if (Number.isInteger(value)) return value.toLocaleString('en-US');
  return value.toLocaleString('en-US', { maximumSignificantDigits: abs < 1 ? 4 : 6, maximumFractionDigits: 6 });
}

/** `512 B`, `1.5 KiB`, `12.0 MiB`. */
export function bytes(size: number | null | undefined): string {
  if (size === null || size === undefined) return '—';
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
  let value = size;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return unit === 0 ? `${value} B` : `${value.toFixed(1)} ${units[unit]}`;
}

/** `1,234 runs`, `1 run`. */
export function count(n: number, noun: string, plural = `${noun}s`): string {
  return `${n.toLocaleString('en-US')} ${n === 1 ? noun : plural}`;
}
