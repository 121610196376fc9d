import { ModelAssetSchema, type ModelAssetSpec } from './schema/model-asset-schema.js';
import { checkDocument, parseSpecText, readSpecFile, validateSpecValue, type LoadedSpec, type ParseSpecOptions, type SpecKind } from './spec-loader.js';
import type { Issue } from './validate/issue.js';

const MODEL_ASSET: SpecKind = {
  check: (raw) => checkDocument<ModelAssetSpec>(ModelAssetSchema, raw, notAppliedWarnings),
  textFields: [['version']],
};

/**
 * Parses and validates model YAML text (`az ml model create --file`). Throws `LATHE_INVALID_SPEC`
 * naming file:line:column, the field and what was expected for every problem.
 *
 * @example
 * const { spec } = parseModelAsset('name: iris-model\npath: runs:/abc/model\ntype: mlflow_model\n', { file: 'model.yml' });
 */
export function parseModelAsset(text: string, options: ParseSpecOptions): LoadedSpec<ModelAssetSpec> {
  return parseSpecText(MODEL_ASSET, text, options);
}

/** Reads and validates a model YAML file; see {@link parseModelAsset}. */
export async function loadModelAssetFile(file: string, set: readonly string[] = []): Promise<LoadedSpec<ModelAssetSpec>> {
  return parseModelAsset(await readSpecFile(file), { file, set });
}

/** Validates a model given as data (a REST body); errors name the field path under `source`. */
export function validateModelAsset(value: unknown, source = 'request body'): { spec: ModelAssetSpec; warnings: string[] } {
  return validateSpecValue(MODEL_ASSET, value, source);
}

function notAppliedWarnings(spec: ModelAssetSpec): Issue[] {
  const message = 'recorded but not applied: deployment templates belong to Azure ML registries';
  return (['default_deployment_template', 'allowed_deployment_templates'] as const).filter((key) => spec[key] !== undefined).map((key) => ({ severity: 'warning', path: [key], at: 'key', message }));
}
