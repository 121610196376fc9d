import type { ReactNode } from 'react';
import { Properties } from '../../components/properties.js';
import { StatusBadge } from '../../components/status-badge.js';
import { absoluteTime, duration, relativeTime } from '../../format.js';
import { Link } from '../../router.js';
import { AssetRef, assetPath } from './asset-ref.js';
import type { JobView } from './use-job-view.js';

/** What the server stored after resolving `environment:` (see `ResolvedEnvironment` in @lathe/spec). */
interface ResolvedEnvironment {
  reference: string;
  source: 'workspace' | 'curated' | 'inline';
  name?: string;
  version?: string;
  image?: string;
  python?: string;
  requirements: string[];
}

/** The job's (or run's) properties: where and how it ran, and when. */
export function JobDetails({ view }: { view: JobView }) {
  const { job, run } = view;
  const spec = job?.spec ?? {};
  const items: [string, ReactNode][] = [
    ['Status', <StatusBadge status={view.status} />],
    ['Name', <span className="mono">{view.name}</span>],
    ['Display name', job?.display_name ?? run?.info.run_name],
    ['Experiment', view.experimentName ? <Link to={`/jobs?experiment=${encodeURIComponent(view.experimentName)}`}>{view.experimentName}</Link> : undefined],
    ['Type', job?.type ?? 'MLflow run (no job)'],
    ['Description', job?.description],
    ['Compute', job?.compute],
    ['Environment', job ? <EnvironmentValue spec={spec} /> : undefined],
    ['Component', typeof spec.component === 'string' ? <AssetRef reference={spec.component} kind="component" /> : undefined],
    ['Code', typeof spec.code === 'string' ? <AssetRef reference={job?.uris.code ?? spec.code} /> : undefined],
    ['Created', <When time={view.createdAt} />],
    ['Started', <When time={view.startedAt} />],
    ['Ended', <When time={view.endedAt} />],
    ['Duration', view.durationSeconds === null ? undefined : duration(view.durationSeconds)],
    ['Exit code', job?.exit_code ?? undefined],
    ['Created by', run?.info.user_id || undefined],
    ['Artifacts', run ? <span className="mono small">{run.info.artifact_uri}</span> : undefined],
  ];
  return <Properties items={items} />;
}

function When({ time }: { time: number | null }) {
  if (time === null) return <span className="muted">—</span>;
  return (
    <span>
      {relativeTime(time)} <span className="muted small">{absoluteTime(time)}</span>
    </span>
  );
}

function EnvironmentValue({ spec }: { spec: Record<string, unknown> }) {
  const env = spec.environment;
  const resolved = spec.resolved_environment as ResolvedEnvironment | undefined;
  let head: ReactNode;
  if (env === undefined) head = <span className="muted">none (the host's Python)</span>;
  else if (typeof env !== 'string') head = <span>inline{resolved?.image ? <span className="mono muted"> {resolved.image}</span> : null}</span>;
  else if (resolved?.source === 'workspace' && resolved.name) {
    head = (
      <Link to={assetPath('environment', resolved.name, resolved.version)} className="mono">
        {env}
      </Link>
    );
  } else if (resolved?.source === 'curated') {
    head = (
      <span>
        <span className="mono">{env}</span> <span className="tag">curated</span>
      </span>
    );
  } else head = <AssetRef reference={env} kind="environment" />;
  const python = resolved?.python ? `Python ${resolved.python}` : undefined;
  const packages = resolved?.requirements.length ? resolved.requirements.join(', ') : undefined;
  return (
    <div>
      {head}
      {python || packages ? <div className="muted small">{[python, packages].filter(Boolean).join(' · ')}</div> : null}
    </div>
  );
}
