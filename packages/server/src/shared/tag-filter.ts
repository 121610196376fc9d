import { LatheError } from '@lathe/core';

/**
 * The `tag` query of a job list (`key` or `key=value`, repeatable) as the store's tag filter: a
 * value of `null` matches any value of that key. A tag without a key is `LATHE_BAD_REQUEST`.
 */
export function tagFilter(value: string | string[] | undefined): Record<string, string | null> {
  const tags: Record<string, string | null> = {};
  for (const item of Array.isArray(value) ? value : value === undefined ? [] : [value]) {
    const eq = item.indexOf('=');
    if (eq === 0) throw new LatheError('LATHE_BAD_REQUEST', `tag: '${item}' needs a key`, { details: { field: 'tag' } });
    if (eq < 0) tags[item] = null;
    else tags[item.slice(0, eq)] = item.slice(eq + 1);
  }
  return tags;
}
