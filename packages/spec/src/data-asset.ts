import { DataAssetSchema, type DataAssetSpec } from './schema/data-asset-schema.js';
import { checkDocument, parseSpecText, readSpecFile, validateSpecValue, type LoadedSpec, type ParseSpecOptions, type SpecKind } from './spec-loader.js';

const DATA_ASSET: SpecKind = {
  check: (raw) => checkDocument(DataAssetSchema, raw),
  textFields: [['version']],
};

/**
 * Parses and validates data-asset YAML text (`az ml data create --file`). Throws
 * `LATHE_INVALID_SPEC` naming file:line:column, the field and what was expected for every problem.
 *
 * @example
 * const { spec } = parseDataAsset('name: iris\nversion: 1\ntype: uri_file\npath: data/iris.csv\n', { file: 'iris.yml' });
 * // spec.version === '1'
 */
export function parseDataAsset(text: string, options: ParseSpecOptions): LoadedSpec<DataAssetSpec> {
  return parseSpecText(DATA_ASSET, text, options);
}

/** Reads and validates a data-asset YAML file; see {@link parseDataAsset}. */
export async function loadDataAssetFile(file: string, set: readonly string[] = []): Promise<LoadedSpec<DataAssetSpec>> {
  return parseDataAsset(await readSpecFile(file), { file, set });
}

/** Validates a data asset given as data (a REST body); errors name the field path under `source`. */
export function validateDataAsset(value: unknown, source = 'request body'): { spec: DataAssetSpec; warnings: string[] } {
  return validateSpecValue(DATA_ASSET, value, source);
}
