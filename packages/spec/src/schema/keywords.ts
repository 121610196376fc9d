import { Type, type SchemaOptions, type TSchema } from '@sinclair/typebox';
import type { AssetRefKind } from '../asset-ref.js';

/**
 * Schema helpers with Lathe's own keywords. The validator in `validate/` reads these; JSON Schema
 * consumers (editors) ignore the `x-lathe-*` keywords, as the JSON Schema spec allows.
 *
 * - `x-lathe-unknown: 'warn'` on an object: unknown keys are warnings, not errors (Azure
 *   `settings` blocks gain keys over time; a file written for Azure must still run).
 * - `x-lathe-coerce: 'string'` on a string: numbers and booleans are accepted and stringified
 *   (Azure accepts `tags: {epochs: 5}`).
 * - `enum` on a string matches case-insensitively and normalises to the listed spelling
 *   (Azure accepts `mode: Download`).
 * - `x-lathe-reference: { accept: [...] }` on a string: the text must parse as an asset reference
 *   (`asset-ref.ts`) of one of the listed kinds.
 */

/** A string from a fixed list, matched case-insensitively. */
export function StringEnum<const T extends readonly string[]>(values: T, options: SchemaOptions = {}) {
  return Type.Unsafe<T[number]>({ ...options, type: 'string', enum: [...values] });
}

/** A string that also accepts numbers and booleans, stored as their text. */
export function LooseString(options: SchemaOptions = {}) {
  return Type.String({ ...options, 'x-lathe-coerce': 'string' });
}

/** A mapping of names to strings (tags, environment variables). */
export function StringMap(options: SchemaOptions = {}) {
  return Type.Record(Type.String(), LooseString(), options);
}

/** An object whose unknown keys are warnings instead of errors. */
export function Lenient<T extends TSchema>(schema: T): T {
  return { ...schema, 'x-lathe-unknown': 'warn' };
}

/** Options for {@link Reference}. */
export interface ReferenceOptions extends SchemaOptions {
  /** Read `azureml:<name>` as `azureml:<name>@latest`. */
  allowImplicitLatest?: boolean;
}

/** A string holding an asset reference, a storage URI or a local path of the listed kinds. */
export function Reference(accept: readonly AssetRefKind[], options: ReferenceOptions = {}) {
  const { allowImplicitLatest, ...rest } = options;
  const rule = allowImplicitLatest ? { accept: [...accept], allowImplicitLatest } : { accept: [...accept] };
  return Type.String({ minLength: 1, ...rest, 'x-lathe-reference': rule });
}
