import { badRequest } from '../bad-request.js';
import { pyRepr } from '../python-format.js';
import { invalidValue } from './messages.js';

/**
 * MLflow's rule for metric, param and tag keys (POSIX servers): only letters, digits, `_`, `-`,
 * `.`, space, `:` and `/`, and the key must be a normalised relative path, because stores may
 * treat it as a file name (`a/../b`, `./a`, `/a`, `a/`, `..` and the empty key are refused).
 */
export const KEY_NAME_PATTERN = /^[/\p{L}\p{N}_.\- :]*$/u;

const BAD_CHARACTERS = 'Names may only contain alphanumerics, underscores (_), dashes (-), periods (.), spaces ( ), colon(:) and slashes (/).';

/** True when `name` is a usable metric, param or tag key. */
export function isValidKeyName(name: string): boolean {
  return KEY_NAME_PATTERN.test(name) && !resolvesElsewhere(name);
}

/**
 * Throws MLflow's message when `name` is not a usable key. `path` names the request field
 * (`key`, `name`, `metrics[0].name`); a missing name gets `missing`.
 * @internal
 */
export function checkKeyName(name: unknown, path: string, missing: string): string {
  // A batch repeats a few keys a thousand times: each distinct good key is checked once.
  if (typeof name === 'string' && KNOWN_GOOD.has(name)) return name;
  if (name === undefined || name === null) throw badRequest(missing);
  if (typeof name !== 'string') throw badRequest(invalidValue(path, name, 'Names must be strings.'));
  if (!KEY_NAME_PATTERN.test(name)) throw badRequest(invalidValue(path, name, BAD_CHARACTERS));
  if (resolvesElsewhere(name)) {
    const message = `Names may be treated as files in certain cases, and must not resolve to other names when treated as such. This name would resolve to ${pyRepr(normpath(name))}`;
    throw badRequest(invalidValue(path, name, message));
  }
  if (KNOWN_GOOD.size >= KNOWN_GOOD_LIMIT) KNOWN_GOOD.clear();
  KNOWN_GOOD.add(name);
  return name;
}

const KNOWN_GOOD = new Set<string>();
const KNOWN_GOOD_LIMIT = 10_000;

// MLflow's path_not_unique.
function resolvesElsewhere(name: string): boolean {
  const norm = normpath(name);
  return norm !== name || norm === '.' || norm.startsWith('..') || norm.startsWith('/');
}

/** Python's `posixpath.normpath`. @internal */
export function normpath(path: string): string {
  if (path === '') return '.';
  const lead = path.startsWith('//') && !path.startsWith('///') ? 2 : path.startsWith('/') ? 1 : 0;
  const parts: string[] = [];
  for (const part of path.split('/')) {
    if (part === '' || part === '.') continue;
    const top = parts[parts.length - 1];
    if (part !== '..' || (lead === 0 && (top === undefined || top === '..'))) parts.push(part);
    else if (top !== undefined) parts.pop();
  }
  return '/'.repeat(lead) + parts.join('/') || '.';
}
