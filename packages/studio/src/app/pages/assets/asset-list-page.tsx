import { useMemo } from 'react';
import type { AssetSummaryResource } from '@lathe/api';
import { lathe } from '../../client.js';
import { EmptyState } from '../../components/empty-state.js';
import { ErrorBanner } from '../../components/error-banner.js';
import { PageHeader } from '../../components/page-header.js';
import { absoluteTime, count, relativeTime } from '../../format.js';
import { Link, setQuery, useLocation } from '../../router.js';
import { useAsync } from '../../use-async.js';
import { SortableTh, compareValues, readSort } from '../experiments/sortable-th.js';
import { assetKind, assetPath, createCommand } from './asset-kinds.js';
import { CuratedEnvironments } from './curated-environments.js';
import './assets.css';

const SORT_VALUE: Record<string, (a: AssetSummaryResource) => string | number> = {
  name: (a) => a.name,
  latest: (a) => a.latest_version,
  versions: (a) => a.version_count,
  created: (a) => Date.parse(a.created_at),
};

/**
 * The assets of one kind (`models`, `data`, `environments`, `components`) with their latest
 * versions; Environments also lists the curated environments every workspace has. Filter and
 * sort live in the URL (`?q=iris&sort=name&dir=asc`).
 */
export function AssetListPage({ kind }: { kind: string }) {
  const info = assetKind(kind);
  const { query } = useLocation();
  const sort = readSort(query, Object.keys(SORT_VALUE), { column: 'created', dir: 'desc' });
  const filter = query.get('q') ?? '';
  const assets = useAsync(() => lathe.listAssets(info.plural), [info.plural]);
  const needle = filter.trim().toLowerCase();

  const rows = useMemo(() => {
    const value = SORT_VALUE[sort.column] ?? SORT_VALUE.created!;
    return (assets.data ?? []).filter((a) => !needle || a.name.toLowerCase().includes(needle)).sort((a, b) => compareValues(value(a), value(b), sort.dir) || a.name.localeCompare(b.name));
  }, [assets.data, needle, sort.column, sort.dir]);

  const all = assets.data ?? [];
  const empty = assets.data !== undefined && all.length === 0;
  return (
    <div data-testid="asset-list" data-kind={info.plural}>
      <PageHeader title={info.title} actions={all.length ? <span className="muted">{count(all.length, info.noun)}</span> : null} />
      <ErrorBanner error={assets.error} what={info.title.toLowerCase()} />
      {empty && info.kind !== 'environment' ? null : (
        <div className="toolbar">
          <input
            className="grow"
            type="search"
            placeholder={`Filter ${info.title.toLowerCase()} by name`}
            value={filter}
            onChange={(e) => setQuery({ q: e.target.value })}
            aria-label={`Filter ${info.title.toLowerCase()}`}
            data-testid="asset-filter"
          />
        </div>
      )}
      {empty ? (
        <div className={info.kind === 'environment' ? 'compact-empty' : undefined}>
          <EmptyState title={`No ${info.title.toLowerCase()} yet`} command={createCommand(info)}>
            {info.blurb} Register one from its YAML:
          </EmptyState>
        </div>
      ) : (
        <div className="panel table-wrap">
          <table className="table" data-testid="asset-table" data-state={assets.data ? 'ready' : 'loading'}>
            <thead>
              <tr>
                <SortableTh column="name" label="Name" sort={sort} firstDir="asc" />
                <SortableTh column="latest" label="Latest version" sort={sort} />
                <SortableTh column="versions" label="Versions" sort={sort} numeric />
                <SortableTh column="created" label="Created" sort={sort} />
              </tr>
            </thead>
            <tbody>
              {rows.map((a) => (
                <tr key={a.name} data-testid="asset-row" data-name={a.name}>
                  <td className="name-cell">
                    <Link to={assetPath(info.kind, a.name)}>{a.name}</Link>
                  </td>
                  <td>
                    <Link to={assetPath(info.kind, a.name, a.latest_version)} className="version-link">
                      {a.latest_version}
                    </Link>
                  </td>
                  <td className="num">{a.version_count}</td>
                  <td title={`Latest version created ${absoluteTime(a.created_at)}`}>{relativeTime(a.created_at)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {assets.data && all.length > 0 && rows.length === 0 ? (
            <div className="table-note muted">
              No {info.noun} matches “{filter}”.
            </div>
          ) : null}
        </div>
      )}
      {info.kind === 'environment' ? <CuratedEnvironments filter={needle} hide={all.map((a) => a.name)} /> : null}
    </div>
  );
}
