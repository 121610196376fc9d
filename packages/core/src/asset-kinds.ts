/**
 * The asset kinds Lathe versions, with Azure ML's names: the one list the store, the spec
 * loaders, the REST contract and the clients take them from.
 */
export const ASSET_KINDS = ['data', 'model', 'environment', 'component', 'datastore', 'code'] as const;

/** An asset kind: `data`, `model`, `environment`, `component`, `datastore` or `code`. */
export type AssetKind = (typeof ASSET_KINDS)[number];

/** Each asset kind's collection name: its REST path segment and its `azureml://` URI segment. */
export const ASSET_PLURALS = {
  data: 'data',
  model: 'models',
  environment: 'environments',
  component: 'components',
  datastore: 'datastores',
  code: 'codes',
} as const satisfies Record<AssetKind, string>;

/** An asset collection name: `models` in `/workspaces/default/models/iris`. */
export type AssetPlural = (typeof ASSET_PLURALS)[AssetKind];
