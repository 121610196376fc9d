import { parseCronExpression } from './cron-expression.js';
import { parseLocalDateTime } from './local-date-time.js';
import type { TriggerSpec } from './schema/schedule-schema.js';
import { EXAMPLE_TIME_ZONES, resolveTimeZoneName } from './time-zone-name.js';
import type { Issue } from './validate/issue.js';

const CRON_ONLY = ['expression'] as const;
const RECURRENCE_ONLY = ['frequency', 'interval', 'schedule'] as const;

/**
 * What a schedule's trigger schema cannot say: each type's own fields (and no other type's), a
 * cron expression that parses (the issue names the part and points into the expression), a known
 * time zone, and start and end times that parse, the end after the start.
 * @internal
 */
export function triggerIssues(trigger: TriggerSpec): Issue[] {
  if (trigger === undefined || trigger === null || typeof trigger !== 'object') return [];
  const issues = [...fieldIssues(trigger), ...timeZoneIssues(trigger), ...timeIssues(trigger)];
  if (trigger.type === 'cron' && typeof trigger.expression === 'string') issues.push(...cronIssues(trigger.expression));
  return issues;
}

function error(path: (string | number)[], message: string, more: Partial<Issue> = {}): Issue {
  return { severity: 'error', path: ['trigger', ...path], at: 'value', message, ...more };
}

function fieldIssues(trigger: TriggerSpec): Issue[] {
  const issues: Issue[] = [];
  const [own, other] = trigger.type === 'cron' ? [CRON_ONLY, RECURRENCE_ONLY] : [RECURRENCE_ONLY, CRON_ONLY];
  for (const field of other) {
    if (trigger[field] !== undefined) issues.push(error([field], `'${field}' belongs to a ${trigger.type === 'cron' ? 'recurrence' : 'cron'} trigger, not a ${trigger.type} one`, { at: 'key' }));
  }
  for (const field of own.filter((f) => f !== 'schedule')) {
    if (trigger[field] === undefined) issues.push(error([field], `a ${trigger.type} trigger needs '${field}'`, { at: 'container' }));
  }
  const pattern = trigger.schedule;
  if (trigger.type === 'recurrence' && pattern !== undefined) {
    if (trigger.frequency !== 'day' && trigger.frequency !== 'week')
      issues.push(error(['schedule'], `a schedule (hours, minutes, week_days) applies only to frequency day or week, not ${trigger.frequency}`, { at: 'key' }));
    else if (trigger.frequency === 'day' && pattern.week_days !== undefined) issues.push(error(['schedule', 'week_days'], 'week_days applies only to frequency week', { at: 'key' }));
  }
  return issues;
}

function cronIssues(expression: string): Issue[] {
  const parsed = parseCronExpression(expression);
  if ('expression' in parsed) return [];
  const { part, offset, message } = parsed.problem;
  return [error(['expression'], message, { offsetInValue: offset, expected: `a valid ${part} field: *, n, a-b, a,b or */n` })];
}

function timeZoneIssues(trigger: TriggerSpec): Issue[] {
  const zone = trigger.time_zone;
  if (zone === undefined || resolveTimeZoneName(zone) !== undefined) return [];
  return [error(['time_zone'], `unknown time zone '${zone}'; use a Windows name as Azure does or an IANA name, e.g. ${EXAMPLE_TIME_ZONES.map((z) => `'${z}'`).join(', ')}`)];
}

function timeIssues(trigger: TriggerSpec): Issue[] {
  const issues: Issue[] = [];
  const parsed: Record<string, ReturnType<typeof parseLocalDateTime>> = {};
  for (const field of ['start_time', 'end_time'] as const) {
    const text = trigger[field];
    if (text === undefined) continue;
    parsed[field] = parseLocalDateTime(text);
    if (parsed[field] === undefined) issues.push(error([field], `'${text}' is not an ISO 8601 date-time such as 2024-05-01T09:30:00`));
  }
  const [start, end] = [parsed.start_time, parsed.end_time];
  // Both local (same zone): their texts' order is their order in time.
  if (start && end && start.offsetMinutes === undefined && end.offsetMinutes === undefined && sortable(end) <= sortable(start)) {
    issues.push(error(['end_time'], `end_time ${trigger.end_time} is not after start_time ${trigger.start_time}`));
  }
  return issues;
}

function sortable(t: { year: number; month: number; day: number; hour: number; minute: number; second: number }): string {
  return [t.year, t.month, t.day, t.hour, t.minute, t.second].map((n) => String(n).padStart(4, '0')).join('');
}
