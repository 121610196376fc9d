import { CodeAssetSchema, type CodeAssetSpec } from './schema/code-asset-schema.js';
import { checkDocument, parseSpecText, validateSpecValue, type LoadedSpec, type ParseSpecOptions, type SpecKind } from './spec-loader.js';

const CODE_ASSET: SpecKind = {
  check: (raw) => checkDocument(CodeAssetSchema, raw),
  textFields: [['version']],
};

/** Parses and validates code-asset YAML text (`az ml code create --file`); throws `LATHE_INVALID_SPEC` like its siblings. */
export function parseCodeAsset(text: string, options: ParseSpecOptions): LoadedSpec<CodeAssetSpec> {
  return parseSpecText(CODE_ASSET, text, options);
}

/** Validates a code asset given as data (a REST body); errors name the field path under `source`. */
export function validateCodeAsset(value: unknown, source = 'request body'): { spec: CodeAssetSpec; warnings: string[] } {
  return validateSpecValue(CODE_ASSET, value, source);
}
