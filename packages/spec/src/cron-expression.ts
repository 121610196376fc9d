/**
 * Standard five-field cron (`minute hour day-of-month month day-of-week`), as Azure ML's cron
 * trigger takes it: `*`, numbers, lists (`1,15`), ranges (`1-5`), steps (`*\/15`, `10-40/10`),
 * month names (`JAN`) and day names (`MON`), Sunday as 0 or 7. As in cron, when both day fields
 * are restricted a day matches either.
 */
export interface CronExpression {
  minutes: ReadonlySet<number>;
  hours: ReadonlySet<number>;
  daysOfMonth: ReadonlySet<number>;
  months: ReadonlySet<number>;
  /** 0 (Sunday) to 6. */
  daysOfWeek: ReadonlySet<number>;
  /** Whether day-of-month is `*` (then only day-of-week restricts the day). */
  anyDayOfMonth: boolean;
  /** Whether day-of-week is `*`. */
  anyDayOfWeek: boolean;
}

/** What is wrong with an expression: the part (`hour`), its text and where it starts. */
export interface CronProblem {
  part: string;
  /** Character offset of the part in the expression. */
  offset: number;
  message: string;
}

interface FieldRule {
  part: string;
  min: number;
  max: number;
  names?: readonly string[];
}

const FIELDS: readonly FieldRule[] = [
  { part: 'minute', min: 0, max: 59 },
  { part: 'hour', min: 0, max: 23 },
  { part: 'day-of-month', min: 1, max: 31 },
  { part: 'month', min: 1, max: 12, names: ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'] },
  { part: 'day-of-week', min: 0, max: 7, names: ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'] },
];

/**
 * Parses a cron expression; a problem names the part that is wrong.
 *
 * @example
 * parseCronExpression('30 9 * * MON-FRI'); // { expression: { minutes: {30}, hours: {9}, ... } }
 * parseCronExpression('61 * * * *'); // { problem: { part: 'minute', offset: 0, message: ... } }
 */
export function parseCronExpression(text: string): { expression: CronExpression } | { problem: CronProblem } {
  const parts = [...text.matchAll(/\S+/g)];
  if (parts.length !== 5) {
    return { problem: { part: 'expression', offset: 0, message: `expected 5 fields (minute hour day-of-month month day-of-week), found ${parts.length}` } };
  }
  const sets: Set<number>[] = [];
  for (const [i, rule] of FIELDS.entries()) {
    const match = parts[i] as RegExpMatchArray;
    const parsed = parseField(match[0], rule);
    if (typeof parsed === 'string') return { problem: { part: rule.part, offset: match.index ?? 0, message: `${rule.part} field '${match[0]}': ${parsed}` } };
    sets.push(parsed);
  }
  const [minutes, hours, daysOfMonth, months, weekDays] = sets as [Set<number>, Set<number>, Set<number>, Set<number>, Set<number>];
  // Sunday is 0 or 7.
  const daysOfWeek = new Set([...weekDays].map((d) => d % 7));
  return { expression: { minutes, hours, daysOfMonth, months, daysOfWeek, anyDayOfMonth: isStar(parts[2]), anyDayOfWeek: isStar(parts[4]) } };
}

function isStar(part: RegExpMatchArray | undefined): boolean {
  return part?.[0] === '*' || part?.[0] === '?';
}

// A set of values, or what is wrong with the field.
function parseField(text: string, rule: FieldRule): Set<number> | string {
  const out = new Set<number>();
  for (const item of text.split(',')) {
    const values = parseItem(item, rule);
    if (typeof values === 'string') return values;
    for (const v of values) out.add(v);
  }
  return out;
}

function parseItem(item: string, rule: FieldRule): number[] | string {
  const [range = '', stepText, extra] = item.split('/');
  if (extra !== undefined) return `'${item}' has more than one '/'`;
  let step = 1;
  if (stepText !== undefined) {
    if (!/^\d+$/.test(stepText) || Number(stepText) < 1) return `step '${stepText}' must be a whole number of at least 1`;
    step = Number(stepText);
  }
  const bounds = parseRange(range, rule, stepText !== undefined);
  if (typeof bounds === 'string') return bounds;
  const values: number[] = [];
  for (let v = bounds[0]; v <= bounds[1]; v += step) values.push(v);
  return values;
}

function parseRange(range: string, rule: FieldRule, stepped: boolean): [number, number] | string {
  if (range === '*' || (range === '?' && rule.part.startsWith('day'))) return [rule.min, rule.part === 'day-of-week' ? 6 : rule.max];
  const [fromText = '', toText, extra] = range.split('-');
  if (extra !== undefined) return `'${range}' is not a range (from-to)`;
  const from = parseValue(fromText, rule);
  if (typeof from === 'string') return from;
  if (toText === undefined) return [from, stepped ? (rule.part === 'day-of-week' ? 6 : rule.max) : from];
  const to = parseValue(toText, rule);
  if (typeof to === 'string') return to;
  if (to < from) return `range '${range}' ends before it starts`;
  return [from, to];
}

function parseValue(text: string, rule: FieldRule): number | string {
  const named = rule.names?.indexOf(text.toUpperCase()) ?? -1;
  if (named >= 0) return named + (rule.part === 'month' ? 1 : 0);
  if (!/^\d+$/.test(text)) {
    const names = rule.names ? ` or a name (${rule.names[0]}…${rule.names.at(-1)})` : '';
    return `'${text}' is not a number from ${rule.min} to ${rule.max}${names}`;
  }
  const value = Number(text);
  if (value < rule.min || value > rule.max) return `${value} is out of range ${rule.min}-${rule.max}`;
  return value;
}
