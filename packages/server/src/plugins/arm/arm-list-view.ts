import { LatheError } from '@lathe/core';
import type { AssetVersion } from '@lathe/store';

/** ARM's `listViewType`: which of active and archived resources a list holds (`ActiveOnly` by default). */
export const LIST_VIEW_TYPES = ['ActiveOnly', 'ArchivedOnly', 'All'] as const;
/** One of {@link LIST_VIEW_TYPES}. */
export type ListViewType = (typeof LIST_VIEW_TYPES)[number];

/** Whether a resource archived or not belongs in a list of `view`. */
export function inView(view: ListViewType | undefined, archived: boolean): boolean {
  if (view === 'All') return true;
  return view === 'ArchivedOnly' ? archived : !archived;
}

/**
 * Versions in the order `$orderBy` names: `createdtime desc` (newest first, the default and what
 * the SDK asks for `label="latest"`), `createdtime asc`, `version asc|desc` (numeric versions by
 * number, before the others by text). `LATHE_BAD_REQUEST` for anything else.
 */
export function orderVersions(versions: AssetVersion[], orderBy: string | undefined): AssetVersion[] {
  const match = /^\s*(createdtime|createdat|version)(?:\s+(asc|desc))?\s*$/i.exec(orderBy ?? 'createdtime desc');
  if (match === null) {
    throw new LatheError('LATHE_BAD_REQUEST', `$orderBy: '${String(orderBy).slice(0, 100)}' is not an order; expected 'createdtime desc', 'createdtime asc', 'version desc' or 'version asc'`, {
      details: { field: '$orderBy' },
    });
  }
  const byVersion = (match[1] ?? '').toLowerCase() === 'version';
  const sign = (match[2] ?? 'asc').toLowerCase() === 'desc' ? -1 : 1;
  return [...versions].sort((a, b) => sign * (byVersion ? compareVersions(a.version, b.version) : a.createdAt - b.createdAt || compareVersions(a.version, b.version)));
}

function compareVersions(a: string, b: string): number {
  const [na, nb] = [/^\d+$/.test(a), /^\d+$/.test(b)];
  if (na && nb) return Number(a) - Number(b);
  if (na !== nb) return na ? -1 : 1;
  return a < b ? -1 : a > b ? 1 : 0;
}
