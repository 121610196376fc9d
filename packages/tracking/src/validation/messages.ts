import { pyJson } from '../python-format.js';

/**
 * MLflow's message builders (mlflow/utils/validation.py), so errors read as MLflow's do.
 * @internal
 */

/** `Invalid value <json> for parameter '<path>' supplied[: <message>]` */
export function invalidValue(path: string, value: unknown, message?: string): string {
  const head = `Invalid value ${pyJson(value)} for parameter '${path}' supplied`;
  return message === undefined ? `${head}.` : `${head}: ${message}`;
}

/** `Missing value for required parameter '<path>'.` */
export function missingValue(path: string): string {
  return `Missing value for required parameter '${path}'.`;
}

/** `'<path>' exceeds the maximum length of <limit> characters` */
export function exceedsMaximumLength(path: string, limit: number): string {
  return `'${path}' exceeds the maximum length of ${limit} characters`;
}

/** `metrics[0]` + `name` → `metrics[0].name`; `''` + `name` → `name`. */
export function appendToJsonPath(path: string, field: string): string {
  if (path === '') return field;
  return field.startsWith('[') ? `${path}${field}` : `${path}.${field}`;
}

/** Length in Unicode code points (Python's `len`). */
export function codePointLength(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    const d = s.charCodeAt(i + 1);
    if (c >= 0xd800 && c <= 0xdbff && d >= 0xdc00 && d <= 0xdfff) i++;
    n++;
  }
  return n;
}

/** The first `limit` code points of `s`. */
export function truncateCodePoints(s: string, limit: number): string {
  return Array.from(s).slice(0, limit).join('');
}
