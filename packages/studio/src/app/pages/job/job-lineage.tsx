import type { LineageEdgeResource } from '@lathe/api';
import { Link } from '../../router.js';
import { assetPath } from './asset-ref.js';

/** The registered assets the job read (data, models, its environment and component) and produced. */
export function JobLineage({ edges }: { edges: readonly LineageEdgeResource[] }) {
  const read = edges.filter((e) => e.direction === 'input');
  const produced = edges.filter((e) => e.direction === 'output');
  if (edges.length === 0) return <div className="muted">This job read and produced no registered assets.</div>;
  return (
    <div className="lineage" data-testid="job-lineage">
      <LineageColumn title="Read" edges={read} />
      <LineageColumn title="Produced" edges={produced} />
    </div>
  );
}

function LineageColumn({ title, edges }: { title: string; edges: LineageEdgeResource[] }) {
  return (
    <div className="lineage-column">
      <div className="rail-title">{title}</div>
      {edges.length === 0 ? <div className="muted small">none</div> : null}
      {edges.map((e) => (
        <div key={`${e.port}/${e.kind}/${e.name}/${e.version}`} className="lineage-edge">
          <span className="tag">{e.kind}</span>
          <Link to={assetPath(e.kind, e.name, e.version)} className="mono">
            {e.name}:{e.version}
          </Link>
          <span className="muted small">
            {' '}
            {e.direction === 'input' ? 'as' : 'from'} {e.port}
          </span>
        </div>
      ))}
    </div>
  );
}
