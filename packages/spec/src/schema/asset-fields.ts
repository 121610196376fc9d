import { Type } from '@sinclair/typebox';
import { LooseString, StringMap } from './keywords.js';

/**
 * Fields every Azure ML v2 asset kind shares (data, model, environment, component, datastore).
 * Names follow Azure's rule; versions are strings, and a number in YAML (`version: 1`) is read
 * as the text it was written as.
 */

/** Azure's rule for asset names. */
export const ASSET_NAME_PATTERN = '^[A-Za-z0-9][A-Za-z0-9_.-]{0,254}$';

/** An asset name: `iris-data`, `train_model`, `sklearn-1.5`. */
export const AssetName = Type.String({
  pattern: ASSET_NAME_PATTERN,
  description: 'letters, digits, _, - and ., starting with a letter or digit, at most 255 characters',
});

/** An asset version: `1`, `0.0.1`, `2024-01-05`. */
export const AssetVersion = LooseString({
  pattern: '^[A-Za-z0-9][A-Za-z0-9_.-]{0,254}$',
  description: 'a version of letters, digits, _, - and ., starting with a letter or digit',
});

/** `$schema`, `name`, `version`, `description`, `tags` and `properties`, as Azure has them. */
export function assetFields() {
  return {
    $schema: Type.Optional(Type.String()),
    name: AssetName,
    version: Type.Optional(AssetVersion),
    description: Type.Optional(Type.String()),
    tags: Type.Optional(StringMap()),
    properties: Type.Optional(StringMap()),
  };
}

/** JSON Schema `$id` of a published kind. */
export function schemaId(file: string): string {
  return `https://lathe.dev/schemas/${file}`;
}
