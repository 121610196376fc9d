import { hashSpec, materializeAssetSpec } from '@lathe/jobs';
import type { AssetVersion } from '@lathe/store';
import { validateAsset } from '@lathe/spec';
import type { ServerContext } from '../../server-context.js';
import type { ArmAssetKind } from './arm-asset-kind.js';
import type { ArmScope } from './arm-scope.js';

/** What {@link createArmVersion} files: a version PUT's path and `properties`. */
export interface CreateArmVersionInput {
  scope: ArmScope;
  name: string;
  version: string;
  properties: Record<string, unknown>;
}

/**
 * Files one version PUT in the workspace's registry: the kind's fields and the shared ones are
 * validated as a Lathe asset of the kind, the content they name is snapshotted, and what the
 * client sent to be answered with is kept beside it. Sameness is the validated spec's, so the
 * SDK PUTting back a version it read is the same version; `isArchived` then archives or restores
 * it, which is how the SDK's `archive` works. `LATHE_CONFLICT` for other content.
 */
export async function createArmVersion(ctx: ServerContext, kind: ArmAssetKind, input: CreateArmVersionInput): Promise<{ asset: AssetVersion; created: boolean }> {
  const { scope, name, version, properties: given } = input;
  const parts = await kind.toSpec({ ctx, scope, name, properties: given });
  const common = {
    ...(typeof given.description === 'string' ? { description: given.description } : {}),
    // An empty map is no map: the SDK sends back `{}` for the ones it read as absent.
    ...(isFilled(given.tags) ? { tags: given.tags } : {}),
    ...(isFilled(given.properties) ? { properties: given.properties } : {}),
  };
  const { spec } = validateAsset(kind.kind, { ...common, ...parts.spec, name }, 'properties');
  const { spec: stored } = await materializeAssetSpec(ctx, scope.workspace, kind.kind, name, spec);
  const anonymous = 'is_anonymous' in spec || typeof given.isAnonymous !== 'boolean' ? {} : { is_anonymous: given.isAnonymous };
  const outcome = await ctx.registry.createAssetVersion(scope.workspace, {
    kind: kind.kind,
    name,
    version,
    spec: { ...stored, ...(await kind.derive?.(ctx, stored)), ...parts.keep, ...anonymous },
    contentHash: hashSpec({ ...spec, name, version: undefined }),
    createdAt: Date.now(),
  });
  const archived = given.isArchived;
  if (typeof archived !== 'boolean' || archived === outcome.asset.archived) return outcome;
  await ctx.registry.setAssetArchived(scope.workspace, kind.kind, name, version, archived);
  return { asset: { ...outcome.asset, archived }, created: outcome.created };
}

function isFilled(map: unknown): boolean {
  return typeof map === 'object' && map !== null && Object.keys(map).length > 0;
}
