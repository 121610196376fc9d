import type { AssetKind as CoreAssetKind } from '@lathe/core';
import { parseCodeAsset, validateCodeAsset } from './code-asset.js';
import { parseComponent, validateComponent, type ComponentSpec } from './component.js';
import { parseDataAsset, validateDataAsset } from './data-asset.js';
import { parseDatastore, validateDatastore } from './datastore.js';
import { parseEnvironment, validateEnvironment } from './environment.js';
import { parseModelAsset, validateModelAsset } from './model-asset.js';
import type { CodeAssetSpec } from './schema/code-asset-schema.js';
import type { DataAssetSpec } from './schema/data-asset-schema.js';
import type { DatastoreSpec } from './schema/datastore-schema.js';
import type { EnvironmentSpec } from './schema/environment-schema.js';
import type { ModelAssetSpec } from './schema/model-asset-schema.js';
import { readSpecFile, type LoadedSpec, type ParseSpecOptions } from './spec-loader.js';

/** The spec of each asset kind (`ASSET_KINDS` in `@lathe/core`; `component` is a command or pipeline component). */
export interface AssetSpecs extends Record<CoreAssetKind, unknown> {
  data: DataAssetSpec;
  model: ModelAssetSpec;
  environment: EnvironmentSpec;
  component: ComponentSpec;
  datastore: DatastoreSpec;
  code: CodeAssetSpec;
}

/** An asset kind: `data`, `model`, `environment`, `component`, `datastore` or `code`. */
export type AssetKind = CoreAssetKind;

/** Every asset kind; defined in `@lathe/core`. */
export { ASSET_KINDS } from '@lathe/core';

interface KindFunctions<T> {
  parse(text: string, options: ParseSpecOptions): LoadedSpec<T>;
  validate(value: unknown, source: string): { spec: T; warnings: string[] };
}

const KINDS: { [K in AssetKind]: KindFunctions<AssetSpecs[K]> } = {
  data: { parse: parseDataAsset, validate: validateDataAsset },
  model: { parse: parseModelAsset, validate: validateModelAsset },
  environment: { parse: parseEnvironment, validate: validateEnvironment },
  component: { parse: parseComponent, validate: validateComponent },
  datastore: { parse: parseDatastore, validate: validateDatastore },
  code: { parse: parseCodeAsset, validate: validateCodeAsset },
};

/** Parses and validates YAML text of an asset kind; see {@link parseDataAsset} and its siblings. */
export function parseAsset<K extends AssetKind>(kind: K, text: string, options: ParseSpecOptions): LoadedSpec<AssetSpecs[K]> {
  return (KINDS[kind] as KindFunctions<AssetSpecs[K]>).parse(text, options);
}

/**
 * Reads and validates a YAML file of an asset kind (`az ml <kind> create --file`).
 *
 * @example
 * const { spec, warnings } = await loadAssetFile('model', 'model.yml', ['version=2']);
 */
export async function loadAssetFile<K extends AssetKind>(kind: K, file: string, set: readonly string[] = []): Promise<LoadedSpec<AssetSpecs[K]>> {
  return parseAsset(kind, await readSpecFile(file), { file, set });
}

/** Validates an asset of `kind` given as data (a REST body); errors name the field path under `source`. */
export function validateAsset<K extends AssetKind>(kind: K, value: unknown, source = 'request body'): { spec: AssetSpecs[K]; warnings: string[] } {
  return (KINDS[kind] as KindFunctions<AssetSpecs[K]>).validate(value, source);
}
