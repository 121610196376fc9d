import type { AssetKindName } from '@lathe/api';

/** What Studio shows about one asset kind: its names, its CLI verb and the schema of its YAML. */
export interface AssetKindInfo {
  /** The URL segment and REST plural: `models`. */
  plural: string;
  /** The API's kind and the CLI noun: `model`. */
  kind: AssetKindName;
  title: string;
  /** `model` in "a model", `data asset` in "a data asset". */
  noun: string;
  /** The Azure ML schema a re-creating YAML declares. */
  schema: string;
  /** What the empty list says the kind is for. */
  blurb: string;
}

const SCHEMAS = 'https://azuremlschemas.azureedge.net/latest';

export const ASSET_KINDS: Record<string, AssetKindInfo> = {
  models: {
    plural: 'models',
    kind: 'model',
    title: 'Models',
    noun: 'model',
    schema: `${SCHEMAS}/model.schema.json`,
    blurb: 'A model is a versioned snapshot of trained files, registered from a job output, an MLflow run or local files.',
  },
  data: {
    plural: 'data',
    kind: 'data',
    title: 'Data',
    noun: 'data asset',
    schema: `${SCHEMAS}/data.schema.json`,
    blurb: 'A data asset is a versioned, immutable snapshot of a file or folder that jobs read as azureml:<name>:<version>.',
  },
  environments: {
    plural: 'environments',
    kind: 'environment',
    title: 'Environments',
    noun: 'environment',
    schema: `${SCHEMAS}/environment.schema.json`,
    blurb: 'An environment names the image and conda packages a job runs with.',
  },
  components: {
    plural: 'components',
    kind: 'component',
    title: 'Components',
    noun: 'component',
    schema: `${SCHEMAS}/commandComponent.schema.json`,
    blurb: 'A component is a reusable command with typed inputs and outputs that jobs run with component: azureml:<name>:<version>.',
  },
};

/** The kind for a URL segment; routes only pass the four above. */
export function assetKind(plural: string): AssetKindInfo {
  return ASSET_KINDS[plural] ?? (ASSET_KINDS.data as AssetKindInfo);
}

/** `lathe model create --file model.yml`: how the YAML Studio shows is used. */
export function createCommand(info: AssetKindInfo): string {
  return `lathe ${info.kind} create --file ${info.kind}.yml`;
}

/** The page of an asset version (any kind, singular as lineage names it). */
export function assetPath(kind: AssetKindName | string, name: string, version?: string): string {
  const plural = Object.values(ASSET_KINDS).find((k) => k.kind === kind)?.plural ?? kind;
  return `/${plural}/${encodeURIComponent(name)}${version === undefined ? '' : `/${encodeURIComponent(version)}`}`;
}
