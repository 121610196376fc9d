import { parseBlobRef } from '@lathe/core';
import { Link } from '../../router.js';

/** Studio's page of each asset kind, by the kind names of lineage and specs. */
const PLURAL: Record<string, string> = {
  data: 'data',
  model: 'models',
  environment: 'environments',
  component: 'components',
  models: 'models',
  environments: 'environments',
  components: 'components',
};

/** The Studio path of an asset version, or of the asset when no version is given. */
export function assetPath(kind: string, name: string, version?: string): string {
  const base = `/${PLURAL[kind] ?? 'data'}/${encodeURIComponent(name)}`;
  return version === undefined ? base : `${base}/${encodeURIComponent(version)}`;
}

/**
 * A reference as a job spec writes it, linked where Studio has a page for it:
 * `azureml:name:version` and `azureml:name@latest` (an asset of `kind`), a job's output, a run's
 * artifacts; an uploaded snapshot shows its short digest; anything else is plain text.
 */
export function AssetRef({ reference, kind = 'data' }: { reference: string; kind?: string }) {
  const asset = /^azureml:(?!\/\/)([A-Za-z0-9][A-Za-z0-9_.-]*)(?::([^:@/]+)|@([A-Za-z0-9_.-]+))$/.exec(reference);
  if (asset) {
    const [, name, version] = asset as unknown as [string, string, string | undefined];
    return (
      <Link to={assetPath(kind, name, version)} className="mono">
        {reference}
      </Link>
    );
  }
  const jobOutput = /^azureml:\/\/jobs\/([^/]+)\/outputs\/([^/]+)/.exec(reference);
  const run = /^runs:\/([^/]+)/.exec(reference);
  const job = jobOutput?.[1] ?? run?.[1];
  if (job) {
    return (
      <Link to={`/jobs/${encodeURIComponent(job)}?tab=outputs`} className="mono">
        {reference}
      </Link>
    );
  }
  const blob = parseBlobRef(reference);
  if (blob) {
    return (
      <span className="mono">
        uploaded snapshot {blob.sha256.slice(0, 12)}
        {blob.file ? `/${blob.file}` : ''}
      </span>
    );
  }
  return <span className="mono">{reference}</span>;
}
