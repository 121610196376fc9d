import type { AssetVersion } from '@lathe/store';
import type { ServerContext } from '../../server-context.js';
import type { ArmScope } from './arm-scope.js';

/** What {@link ArmAssetKind.toSpec} is given: the request's scope, the asset's name and the body's `properties`. */
export interface ArmSpecInput {
  ctx: ServerContext;
  scope: ArmScope;
  name: string;
  properties: Record<string, unknown>;
}

/** The Lathe spec of a version's kind-specific fields, and what to store beside it unvalidated. */
export interface ArmSpecParts {
  /** Fields for `validateAsset` (Lathe's names); they decide whether two creations are the same. */
  spec: Record<string, unknown>;
  /** Kept in the stored spec as sent, to answer the client in its own terms (`source_path`). */
  keep?: Record<string, unknown>;
}

/**
 * How one ARM asset collection maps onto a Lathe asset kind. The fields every version shares
 * (`description`, `tags`, `properties`, `isAnonymous`, `isArchived`) are handled once by
 * `armAssetRoutes`; a kind maps only its own.
 */
export interface ArmAssetKind {
  /** The ARM collection: `codes`, `data`, `models`, `environments`, `components`. */
  plural: string;
  kind: 'code' | 'data' | 'model' | 'environment' | 'component';
  /** JSON Schema of the kind's own fields in a version's `properties`. */
  fields: Record<string, unknown>;
  /** The kind's fields a version PUT must carry. */
  required: readonly string[];
  /** Translates the kind's fields to Lathe's; `LATHE_BAD_REQUEST` naming the ARM field when they do not translate. */
  toSpec(input: ArmSpecInput): ArmSpecParts | Promise<ArmSpecParts>;
  /** Fields derived from the version's stored content (its snapshot), added to what is stored; they do not decide sameness. */
  derive?(ctx: ServerContext, stored: Record<string, unknown>): Promise<Record<string, unknown>>;
  /** The kind's own fields of a stored version's ARM `properties`. */
  toProperties(spec: Record<string, unknown>): Record<string, unknown>;
  /** A version every workspace has without registering it (curated environments), by name; `undefined` for none. */
  builtin?(name: string): AssetVersion | undefined;
}

/** A JSON Schema string map that may be `null`, as the SDK sends unset maps. */
export const NULLABLE_STRING_MAP = { type: ['object', 'null'], additionalProperties: { type: 'string' } } as const;
