import type { LineageEdgeResource, OutputResource } from '@lathe/api';
import { bytes, count } from '../../format.js';
import { Link } from '../../router.js';
import { AssetRef, assetPath } from './asset-ref.js';
import { isDataInput } from './resubmit-spec.js';

const MODEL_TYPES = new Set(['mlflow_model', 'custom_model', 'triton_model']);

/**
 * The job's inputs: literal values, and data inputs by the reference the job was given — the
 * asset version from lineage (the stored spec holds the snapshot it resolved to), else the URI
 * the server shows for the path (`uris`: an upload's datastore URI, never the internal `blob://`).
 */
export function InputsTable({ inputs, lineage, uris }: { inputs: Record<string, unknown>; lineage: readonly LineageEdgeResource[]; uris: Record<string, string> }) {
  const entries = Object.entries(inputs);
  if (entries.length === 0) return <div className="muted">No inputs.</div>;
  return (
    <table className="table compact" data-testid="inputs-table">
      <tbody>
        {entries.map(([name, value]) => {
          const edge = lineage.find((e) => e.direction === 'input' && e.port === name && (e.kind === 'data' || e.kind === 'model'));
          return (
            <tr key={name}>
              <td className="mono">{name}</td>
              <td className="wrap">
                {!isDataInput(value) ? (
                  <span className="mono">{JSON.stringify(value)}</span>
                ) : edge ? (
                  <Link to={assetPath(edge.kind, edge.name, edge.version)} className="mono">
                    azureml:{edge.name}:{edge.version}
                  </Link>
                ) : (
                  <AssetRef reference={uris[`inputs.${name}`] ?? value.path} kind={MODEL_TYPES.has(value.type ?? '') ? 'model' : 'data'} />
                )}
              </td>
              <td className="muted meta">{isDataInput(value) ? [value.type, value.mode].filter(Boolean).join(' · ') : typeof value}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

/** The job's declared outputs, with what was stored of each and any asset registered from it. */
export function OutputsTable({ outputs, stored, lineage }: { outputs: Record<string, unknown>; stored: readonly OutputResource[] | undefined; lineage: readonly LineageEdgeResource[] }) {
  const entries = Object.entries(outputs);
  if (entries.length === 0) return <div className="muted">No outputs.</div>;
  return (
    <table className="table compact" data-testid="outputs-table">
      <tbody>
        {entries.map(([name, value]) => {
          const output = value as { type?: string; mode?: string };
          const files = stored?.find((o) => o.name === name);
          const edge = lineage.find((e) => e.direction === 'output' && e.port === name);
          return (
            <tr key={name}>
              <td className="mono">{name}</td>
              <td>
                {files ? (
                  <Link to="?tab=outputs">
                    {count(files.files, 'file')}, {bytes(files.size)}
                  </Link>
                ) : (
                  <span className="muted">nothing stored yet</span>
                )}
                {edge ? (
                  <>
                    {' → '}
                    <Link to={assetPath(edge.kind, edge.name, edge.version)} className="mono">
                      {edge.name}:{edge.version}
                    </Link>
                  </>
                ) : null}
              </td>
              <td className="muted meta">{[output.type, output.mode].filter(Boolean).join(' · ')}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
