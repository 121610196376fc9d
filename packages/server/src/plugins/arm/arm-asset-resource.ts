import type { AssetVersion } from '@lathe/store';
import type { ArmAssetKind } from './arm-asset-kind.js';
import { armSystemData } from './arm-system-data.js';

/** A version in ARM's shape (`<Kind>VersionData`): the shared fields, then the kind's own. */
export function armVersionResource(kind: ArmAssetKind, workspaceId: string, asset: AssetVersion): Record<string, unknown> {
  const spec = asset.spec;
  return {
    id: `${workspaceId}/${kind.plural}/${asset.name}/versions/${asset.version}`,
    name: asset.version,
    type: `Microsoft.MachineLearningServices/workspaces/${kind.plural}/versions`,
    properties: {
      description: spec.description ?? null,
      tags: spec.tags ?? {},
      properties: spec.properties ?? {},
      isAnonymous: spec.is_anonymous === true,
      isArchived: asset.archived,
      ...kind.toProperties(spec),
    },
    systemData: armSystemData(asset.createdAt),
  };
}

/** What an ARM container says of an asset's versions. */
export interface ArmContainerState {
  name: string;
  createdAt: number;
  /** No version is active. */
  archived: boolean;
  latestVersion: string | null;
  nextVersion: string | null;
}

/** A container in ARM's shape (`<Kind>ContainerData`). */
export function armContainerResource(kind: ArmAssetKind, workspaceId: string, state: ArmContainerState): Record<string, unknown> {
  return {
    id: `${workspaceId}/${kind.plural}/${state.name}`,
    name: state.name,
    type: `Microsoft.MachineLearningServices/workspaces/${kind.plural}`,
    properties: { description: null, tags: {}, properties: {}, isArchived: state.archived, latestVersion: state.latestVersion, nextVersion: state.nextVersion },
    systemData: armSystemData(state.createdAt),
  };
}

/**
 * The container of an asset's versions (newest first, archived ones included): the latest is
 * the newest active one (the newest of all when every one is archived), the next is Azure's
 * rule for an omitted version, one more than the greatest numeric version.
 */
export function containerOf(name: string, versions: readonly AssetVersion[]): ArmContainerState {
  const numbers = versions.map((v) => v.version).filter((v) => /^\d+$/.test(v));
  const latest = versions.find((v) => !v.archived) ?? versions[0];
  return {
    name,
    createdAt: Math.min(...versions.map((v) => v.createdAt)),
    archived: versions.every((v) => v.archived),
    latestVersion: latest?.version ?? null,
    nextVersion: String(numbers.length === 0 ? 1 : Math.max(...numbers.map(Number)) + 1),
  };
}
