import { lathe } from '../../client.js';
import { ErrorBanner } from '../../components/error-banner.js';
import { Link } from '../../router.js';
import { useAsync } from '../../use-async.js';
import { assetPath } from './asset-kinds.js';

/**
 * Azure's curated environments as Lathe runs them (the same in every workspace), below the
 * workspace's own; one whose name the workspace uses is left out, as `lathe environment list`
 * does, since that name opens the workspace's environment.
 */
export function CuratedEnvironments({ filter, hide }: { filter: string; hide: string[] }) {
  const curated = useAsync(() => lathe.listCuratedEnvironments(), []);
  const taken = new Set(hide.map((n) => n.toLowerCase()));
  const rows = (curated.data ?? []).filter((c) => !taken.has(c.name.toLowerCase()) && (!filter || c.name.toLowerCase().includes(filter)));
  if (curated.data && rows.length === 0 && !filter) return null;
  return (
    <section className="curated" data-testid="curated-environments">
      <h2>Curated environments</h2>
      <p className="muted section-note">
        Azure ML's curated environments, run on this machine's Python (the image is not pulled). Use one as <code>azureml://registries/azureml/environments/&lt;name&gt;/labels/latest</code>.
      </p>
      <ErrorBanner error={curated.error} what="curated environments" />
      <div className="panel table-wrap">
        <table className="table fixed">
          <thead>
            <tr>
              <th style={{ width: '26%' }}>Name</th>
              <th style={{ width: '26%' }}>Image it stands for</th>
              <th style={{ width: '22%' }}>Packages</th>
              <th>Description</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((c) => (
              <tr key={c.name} data-testid="curated-row" data-name={c.name}>
                <td className="name-cell">
                  <Link to={assetPath('environment', c.name)} title={c.name}>
                    {c.name}
                  </Link>
                </td>
                <td className="mono muted" title={c.image}>
                  {c.image}
                </td>
                <td className="mono" title={c.packages.join(', ')}>
                  {c.packages.join(', ') || <span className="muted">—</span>}
                </td>
                <td className="muted desc-cell" title={c.description}>
                  {c.description}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        {curated.data && rows.length === 0 ? <div className="table-note muted">No curated environment matches.</div> : null}
      </div>
    </section>
  );
}
