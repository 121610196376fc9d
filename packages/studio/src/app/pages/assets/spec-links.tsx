import { Link } from '../../router.js';
import { assetPath } from './asset-kinds.js';

/**
 * Where an asset's content was copied from, linked when a job or run made it:
 * `azureml://jobs/<job>/outputs/<output>/paths/…` and `runs:/<run>/…` open that job.
 */
export function SourceLink({ source }: { source: string }) {
  const job = /^azureml:\/\/jobs\/([^/]+)\/outputs\/([^/]+)/.exec(source) ?? /^runs:\/([^/]+)\/?(.*)$/.exec(source);
  if (!job) return <span className="mono">{source}</span>;
  return (
    <span className="mono">
      <Link to={`/jobs/${encodeURIComponent(job[1] as string)}`}>{source}</Link>
    </span>
  );
}

/**
 * A reference to another asset, linked when it names a workspace version
 * (`azureml:sklearn-env:1`, `azureml:sklearn-env@latest`) or a curated environment
 * (`azureml://registries/azureml/environments/<name>/…`).
 */
export function AssetRefLink({ kind, value }: { kind: 'environment' | 'component' | 'data' | 'model'; value: string }) {
  const versioned = /^azureml:([^:@/]+):([^:@/]+)$/.exec(value);
  const latest = /^azureml:([^:@/]+)@latest$/.exec(value);
  const registry = /^azureml:\/\/registries\/[^/]+\/environments\/([^/]+)/.exec(value);
  const to = versioned ? assetPath(kind, versioned[1] as string, versioned[2]) : latest ? assetPath(kind, latest[1] as string) : registry ? assetPath('environment', registry[1] as string) : undefined;
  return <span className="mono">{to ? <Link to={to}>{value}</Link> : value}</span>;
}
