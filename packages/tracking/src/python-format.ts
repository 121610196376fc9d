/**
 * Python's way of printing strings, lists and sets, so that messages read exactly as MLflow's
 * (which are f-strings over Python values).
 * @internal
 */

const ESCAPES: Record<string, string> = { '\\': '\\\\', '\n': '\\n', '\r': '\\r', '\t': '\\t' };

/** `repr(s)` for a Python `str`: single quotes unless the text holds `'` and no `"`. */
export function pyRepr(s: string): string {
  const quote = s.includes("'") && !s.includes('"') ? '"' : "'";
  let out = '';
  for (const c of s) {
    if (c === quote) out += `\\${c}`;
    else if (ESCAPES[c] !== undefined) out += ESCAPES[c];
    else if (c < ' ' || c === '\x7f') out += `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`;
    else out += c;
  }
  return quote + out + quote;
}

/** `repr(list_of_str)`, e.g. `['a', 'b']`. */
export function pyList(items: readonly string[]): string {
  return `[${items.map(pyRepr).join(', ')}]`;
}

/** `repr(set_of_str)`, e.g. `{'a', 'b'}`, in the order given (Python's own order is arbitrary). */
export function pySet(items: Iterable<string>): string {
  return `{${[...items].map(pyRepr).join(', ')}}`;
}

/**
 * `json.dumps(value, sort_keys=True, separators=(",", ":"))` for the scalars MLflow puts in
 * "Invalid value ..." messages: ASCII-only strings, `None` for null.
 */
export function pyJson(value: unknown): string {
  if (value === undefined || value === null) return 'null';
  if (typeof value === 'number' && !Number.isFinite(value)) return Number.isNaN(value) ? 'NaN' : value > 0 ? 'Infinity' : '-Infinity';
  const text = JSON.stringify(value) ?? String(value);
  return text.replace(/[\u0080-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** `str(float(n))`: `1.0`, `0.5`, `nan`, `inf`. */
export function pyFloat(n: number): string {
  if (Number.isNaN(n)) return 'nan';
  if (!Number.isFinite(n)) return n > 0 ? 'inf' : '-inf';
  return Number.isInteger(n) && Math.abs(n) < 1e16 ? `${n}.0` : String(n);
}
