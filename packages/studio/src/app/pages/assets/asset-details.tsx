import type { ReactNode } from 'react';
import { useYaml } from '../../components/use-yaml.js';
import type { AssetResource, CuratedEnvironmentResource } from '@lathe/api';
import type { MlflowModelVersion, MlflowRegisteredModel } from '@lathe/sdk/tracking';
import { Properties } from '../../components/properties.js';
import { absoluteTime, relativeTime } from '../../format.js';
import { Link } from '../../router.js';
import { snapshotHref, snapshotOf } from './snapshot.js';
import { AssetRefLink, SourceLink } from './spec-links.js';

/** What the MLflow registry says about a model version beyond its asset record, where loaded. */
export interface ModelRegistryInfo {
  model?: MlflowRegisteredModel;
  version?: MlflowModelVersion;
}

/** The properties of one version, by kind: what it is, where its content lives and came from. */
export function AssetDetails({ asset, registry }: { asset: AssetResource | CuratedEnvironmentResource; registry?: ModelRegistryInfo | undefined }) {
  const spec = asset.spec;
  const text = (key: string) => (typeof spec[key] === 'string' || typeof spec[key] === 'number' ? String(spec[key]) : undefined);
  const registryDescription = registry?.version?.description;
  const description = registryDescription || text('description');
  const items: [string, ReactNode][] = [
    ['Version', 'curated' in asset ? undefined : <span className="mono">{asset.version}</span>],
    ['Type', text('type')],
    ['Display name', text('display_name')],
    ['Description', description],
    ['Tags', tagList(spec.tags as Record<string, string> | undefined)],
  ];

  if (asset.kind === 'model') {
    items.push(
      ['Stage', asset.stage && asset.stage !== 'None' ? <span className={`tag tag-stage stage-${asset.stage.toLowerCase()}`}>{asset.stage}</span> : asset.stage],
      [
        'Aliases',
        asset.aliases?.length
          ? asset.aliases.map((a) => (
              <span key={a} className="tag tag-alias">
                @{a}
              </span>
            ))
          : undefined,
      ],
      ['Flavors', spec.flavors && typeof spec.flavors === 'object' ? Object.keys(spec.flavors).join(', ') : undefined],
      ['Registry tags', tagList(Object.fromEntries((registry?.version?.tags ?? []).map((t) => [t.key, t.value])))],
      ['Model description', registry?.model?.description],
      ['Model tags', tagList(Object.fromEntries((registry?.model?.tags ?? []).map((t) => [t.key, t.value])))],
      [
        'MLflow run',
        registry?.version?.run_id ? (
          <Link to={`/jobs/${encodeURIComponent(registry.version.run_id)}`} className="mono">
            {registry.version.run_id}
          </Link>
        ) : undefined,
      ],
    );
  }
  if (asset.kind === 'model' || asset.kind === 'data') {
    items.push(
      ['Path', spec.path === undefined ? undefined : <ContentPath value={spec.path} uri={asset.uris.path} />],
      ['Source', typeof spec.source_path === 'string' ? <SourceLink source={spec.source_path} /> : undefined],
    );
  }
  if (asset.kind === 'environment') {
    const build = spec.build as { path?: string; dockerfile_path?: string } | undefined;
    items.push(
      ['Image', text('image') && <span className="mono">{text('image')}</span>],
      ['Conda file', spec.conda_file === undefined ? undefined : typeof spec.conda_file === 'string' ? <span className="mono">{spec.conda_file}</span> : <InlineYaml value={spec.conda_file} />],
      ['Build context', build ? <span className="mono">{`${build.path ?? ''} (${build.dockerfile_path ?? 'Dockerfile'})`}</span> : undefined],
      ['OS', text('os_type')],
    );
    if ('curated' in asset) {
      items.push(
        [
          'Packages',
          asset.packages.map((p) => (
            <span key={p} className="tag">
              {p}
            </span>
          )),
        ],
        ['Use as', <span className="mono">{`azureml://registries/azureml/environments/${asset.name}/labels/latest`}</span>],
        ['Runs on', 'the machine’s Python (the image is not pulled); jobs check the packages are installed'],
      );
    }
  }
  if (asset.kind === 'component') {
    const env = spec.environment;
    items.push(
      ['Command', text('command') && <pre className="inline-code wrap">{text('command')}</pre>],
      [
        'Environment',
        typeof env === 'string' ? (
          <AssetRefLink kind="environment" value={env} />
        ) : env && typeof env === 'object' ? (
          <span className="mono">inline{'image' in env ? `: ${String((env as { image: unknown }).image)}` : ''}</span>
        ) : undefined,
      ],
      ['Code', spec.code === undefined ? undefined : <ContentPath value={spec.code} uri={asset.uris.code} />],
      ['Deterministic', typeof spec.is_deterministic === 'boolean' ? (spec.is_deterministic ? 'yes' : 'no') : undefined],
    );
  }
  if (!('curated' in asset)) {
    items.push(
      ['Created', asset.created_at ? <span title={absoluteTime(asset.created_at)}>{`${relativeTime(asset.created_at)} · ${absoluteTime(asset.created_at)}`}</span> : undefined],
      [
        'Content hash',
        <span className="mono hash" title={`sha256 of the spec it was created from: ${asset.content_hash}`}>
          {asset.content_hash.slice(0, 16)}…
        </span>,
      ],
      ['Archived', asset.archived ? <span className="tag tag-archived">archived: hidden from lists and @latest</span> : undefined],
    );
  }
  return <Properties items={items} />;
}

/**
 * A content field by the URI the server shows for it (`uri`: where it came from, or an upload's
 * datastore URI; never the internal `blob://`), with the stored snapshot's download.
 */
function ContentPath({ value, uri }: { value: unknown; uri: string | undefined }) {
  const ref = snapshotOf(value);
  if (!ref) return <span className="mono">{uri ?? String(value)}</span>;
  return (
    <span className="snapshot">
      <span className="mono" data-testid="content-uri">
        {uri ?? `uploaded snapshot ${ref.sha256.slice(0, 12)}`}
      </span>
      <a href={snapshotHref(ref)} download={`${ref.file ?? ref.sha256.slice(0, 12)}.tar.gz`} className="small">
        download .tar.gz
      </a>
    </span>
  );
}

function tagList(tags: Record<string, string> | undefined): ReactNode {
  const entries = Object.entries(tags ?? {});
  if (entries.length === 0) return undefined;
  return entries.map(([k, v]) => (
    <span key={k} className="tag">
      {k}: {v}
    </span>
  ));
}

/** A small document (a conda file) as YAML, inline among the properties. */
function InlineYaml({ value }: { value: unknown }) {
  return <pre className="inline-code">{useYaml(value)?.trimEnd() ?? ''}</pre>;
}
