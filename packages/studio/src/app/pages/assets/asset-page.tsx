import type { AssetResource, CuratedEnvironmentResource } from '@lathe/api';
import { lathe, tracking } from '../../client.js';
import { EmptyState } from '../../components/empty-state.js';
import { ErrorBanner } from '../../components/error-banner.js';
import { PageHeader } from '../../components/page-header.js';
import { YamlBlock } from '../../components/yaml-block.js';
import { useAsync } from '../../use-async.js';
import { assetKind, createCommand, type AssetKindInfo } from './asset-kinds.js';
import { AssetDetails, type ModelRegistryInfo } from './asset-details.js';
import { AssetLineage } from './asset-lineage.js';
import { AssetVersions } from './asset-versions.js';
import { ComponentPorts } from './component-ports.js';
import { recreateSpec } from './recreate-spec.js';
import { snapshotHref, snapshotOf } from './snapshot.js';
import './assets.css';

/**
 * One asset: its versions, the chosen version (default: the latest not archived) with its
 * properties, lineage and the YAML that re-creates it. An environments URL the workspace does
 * not have shows the curated environment of that name, as `lathe environment show` does.
 */
export function AssetPage({ kind, name, version }: { kind: string; name: string; version?: string | undefined }) {
  const info = assetKind(kind);
  const loaded = useAsync(() => loadVersions(info, name), [info.plural, name]);
  // Another asset's versions stay in `loaded` until this one's arrive; they are not shown.
  const data = loaded.data?.of === `${info.plural}/${name}` ? loaded.data : undefined;
  const versions = data?.versions ?? [];
  const curated = data?.curated;
  const latest = versions.find((v) => !v.archived) ?? versions[0];
  const selected = version === undefined ? latest : versions.find((v) => v.version === version);
  const registry = useAsync(async () => (info.kind === 'model' && selected ? loadRegistry(name, selected.version) : undefined), [info.kind, name, selected?.version]);
  const registryInfo = registry.data?.of === `${name}/${selected?.version}` ? registry.data : undefined;
  const snapshot = info.kind === 'data' || info.kind === 'model' ? snapshotOf(selected?.spec.path) : undefined;
  const crumbs: [string, string][] = [[info.title, `/${info.plural}`]];

  if (data && versions.length === 0) {
    return (
      <div data-testid="asset-page" data-state="missing">
        <PageHeader title={name} crumbs={crumbs} />
        <EmptyState title={`No ${info.noun} named ${name}`} command={`lathe ${info.kind} list`}>
          It may have been created in another workspace, or under another name.
        </EmptyState>
      </div>
    );
  }
  return (
    <div data-testid="asset-page" data-kind={info.plural} data-name={name} data-version={selected?.version ?? ''} data-state={data ? 'ready' : 'loading'}>
      <PageHeader
        title={
          <>
            <span className="asset-title">{name}</span>
            {selected ? <span className="title-version">{curated ? 'curated' : `version ${selected.version}`}</span> : null}
            {selected?.archived ? <span className="tag tag-archived">archived</span> : null}
          </>
        }
        crumbs={crumbs}
        actions={
          snapshot && selected ? (
            <a className="button" href={snapshotHref(snapshot)} download={`${name}-${selected.version}.tar.gz`} data-testid="download" title="The stored snapshot of this version, as a .tar.gz">
              Download
            </a>
          ) : null
        }
      />
      <ErrorBanner error={loaded.error} what={`${info.noun} ${name}`} />
      <ErrorBanner error={registry.error} what="the model registry record" />
      {data && !selected ? <ErrorBanner error={new Error(`${name} has no version ${version ?? ''}; pick one of the versions below.`)} what="this version" /> : null}
      <div className={curated ? 'asset-top single' : 'asset-top'}>
        <section className="panel panel-pad" data-testid="asset-details">
          <div className="section-head">
            <h2>{curated ? 'Curated environment' : selected ? `Version ${selected.version}` : 'Version'}</h2>
            {selected && selected === latest && !curated ? <span className="tag tag-latest">latest</span> : null}
          </div>
          {selected ? <AssetDetails asset={selected} registry={registryInfo} /> : <p className="muted">{data ? '' : 'Loading…'}</p>}
        </section>
        {curated ? null : <AssetVersions versions={versions} selected={selected?.version ?? ''} />}
      </div>
      {selected && info.kind === 'component' ? (
        <section className="panel panel-pad">
          <div className="section-head">
            <h2>Inputs and outputs</h2>
          </div>
          <ComponentPorts spec={selected.spec} />
        </section>
      ) : null}
      {selected && !curated ? <AssetLineage plural={info.plural} kind={info.kind} name={name} version={selected.version} /> : null}
      {selected ? (
        <section className="asset-yaml">
          <div className="section-head">
            <h2>{curated ? 'Definition' : 'YAML'}</h2>
            <span className="muted small">
              {curated ? 'what Lathe runs for this name; use it from a job as shown above' : 'save it and run the command to create this version again, elsewhere or under another name'}
            </span>
          </div>
          {curated ? (
            <YamlBlock value={selected.spec} command={`environment: azureml://registries/azureml/environments/${name}/labels/latest`} />
          ) : (
            <YamlBlock value={recreateSpec(selected)} command={createCommand(info)} />
          )}
        </section>
      ) : null}
    </div>
  );
}

/** Every version of the asset (archived too), or the curated environment of that name; `of` says which asset. */
async function loadVersions(info: AssetKindInfo, name: string): Promise<{ of: string; versions: (AssetResource | CuratedEnvironmentResource)[]; curated?: CuratedEnvironmentResource }> {
  const of = `${info.plural}/${name}`;
  const versions = await lathe.listAssetVersions(info.plural, name, { includeArchived: true });
  if (versions.length > 0 || info.kind !== 'environment') return { of, versions };
  const curated = await lathe.getCuratedEnvironment(name).catch((error: { code?: string }) => {
    if (error.code === 'LATHE_NOT_FOUND') return undefined;
    throw error;
  });
  return curated ? { of, versions: [curated], curated } : { of, versions: [] };
}

/** The MLflow registry's record of the model and of one version (either may be missing); `of` says which version. */
async function loadRegistry(name: string, version: string): Promise<ModelRegistryInfo & { of: string }> {
  const missing = (error: { code?: string }) => {
    if (error.code === 'LATHE_NOT_FOUND') return undefined;
    throw error;
  };
  const [model, modelVersion] = await Promise.all([tracking.getRegisteredModel(name).catch(missing), tracking.getModelVersion(name, version).catch(missing)]);
  return { of: `${name}/${version}`, ...(model ? { model } : {}), ...(modelVersion ? { version: modelVersion } : {}) };
}
