import type { AssetResource } from '@lathe/api';
import { absoluteTime, relativeTime } from '../../format.js';
import { Link } from '../../router.js';
import { assetPath } from './asset-kinds.js';

/** Every version of an asset, newest first, the one shown marked; archived ones stay listed, marked. */
export function AssetVersions({ versions, selected }: { versions: AssetResource[]; selected: string }) {
  const models = versions.some((v) => v.kind === 'model');
  return (
    <section className="panel versions-panel">
      <div className="section-head panel-pad-x">
        <h2>Versions</h2>
        <span className="muted small">{versions.length}</span>
      </div>
      <div className="versions-scroll">
        <table className="table">
          <thead>
            <tr>
              <th>Version</th>
              {models ? <th>Stage</th> : null}
              <th>Created</th>
              <th>Description</th>
            </tr>
          </thead>
          <tbody>
            {versions.map((v) => (
              <tr
                key={v.version}
                className={v.version === selected ? 'current' : undefined}
                data-testid="version-row"
                data-version={v.version}
                data-archived={v.archived ? 'true' : undefined}
                aria-current={v.version === selected ? 'true' : undefined}
              >
                <td>
                  <Link to={assetPath(v.kind, v.name, v.version)} className="version-link">
                    {v.version}
                  </Link>
                  {v.archived ? <span className="tag tag-archived">archived</span> : null}
                  {(v.aliases ?? []).map((a) => (
                    <span key={a} className="tag tag-alias" title="MLflow registry alias">
                      @{a}
                    </span>
                  ))}
                </td>
                {models ? <td>{v.stage && v.stage !== 'None' ? <span className={`tag tag-stage stage-${v.stage.toLowerCase()}`}>{v.stage}</span> : <span className="muted">—</span>}</td> : null}
                <td title={absoluteTime(v.created_at)}>{relativeTime(v.created_at)}</td>
                <td className="muted desc-cell" title={typeof v.spec.description === 'string' ? v.spec.description : undefined}>
                  {typeof v.spec.description === 'string' ? v.spec.description : ''}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
