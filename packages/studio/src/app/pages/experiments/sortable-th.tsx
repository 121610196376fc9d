import { setQuery } from '../../router.js';

export type SortDirection = 'asc' | 'desc';

/** A list's sort as the URL holds it (`?sort=<column>&dir=asc|desc`), so a sorted list can be shared. */
export interface SortState {
  column: string;
  dir: SortDirection;
}

/** The sort in `query`, or `fallback` when the URL names none (or a column not in `columns`). */
export function readSort(query: URLSearchParams, columns: readonly string[], fallback: SortState): SortState {
  const column = query.get('sort') ?? '';
  if (!columns.includes(column)) return fallback;
  return { column, dir: query.get('dir') === 'asc' ? 'asc' : 'desc' };
}

/** Orders numbers numerically and text as people read it; missing values go last either way. */
export function compareValues(a: string | number | null | undefined, b: string | number | null | undefined, dir: SortDirection): number {
  if (a === b) return 0;
  if (a === null || a === undefined) return 1;
  if (b === null || b === undefined) return -1;
  const order = typeof a === 'number' && typeof b === 'number' ? a - b : String(a).localeCompare(String(b), undefined, { numeric: true });
  return dir === 'asc' ? order : -order;
}

/**
 * A header cell that sorts by its column: the first click sorts the way people usually want
 * (`firstDir`: text A→Z, numbers and times largest first), the next reverses it.
 */
export function SortableTh({ column, label, sort, firstDir = 'desc', numeric = false }: { column: string; label: string; sort: SortState; firstDir?: SortDirection; numeric?: boolean }) {
  const active = sort.column === column;
  const next: SortDirection = active ? (sort.dir === 'asc' ? 'desc' : 'asc') : firstDir;
  return (
    <th
      className={['sortable', numeric ? 'num' : '', active ? 'sorted' : ''].join(' ')}
      aria-sort={active ? (sort.dir === 'asc' ? 'ascending' : 'descending') : 'none'}
      data-col={column}
      title={`Sort by ${label.toLowerCase()}`}
      onClick={() => setQuery({ sort: column, dir: next })}
    >
      {label}
      <span className="sort-arrow" aria-hidden="true">
        {active ? (sort.dir === 'asc' ? '↑' : '↓') : ''}
      </span>
    </th>
  );
}
