import { LatheError } from '@lathe/core';
import { ASSET_PLURALS, type AssetKindName } from '@lathe/api';

const BY_PLURAL = new Map<string, AssetKindName>(Object.entries(ASSET_PLURALS).map(([kind, plural]) => [plural, kind as AssetKindName]));

/** The asset kind a path segment names (`models` → `model`); `LATHE_NOT_FOUND` otherwise. */
export function kindOfPlural(plural: string): AssetKindName {
  const kind = BY_PLURAL.get(plural);
  if (kind === undefined) throw new LatheError('LATHE_NOT_FOUND', `no asset kind '${plural}'`, { details: { expected: [...BY_PLURAL.keys()] } });
  return kind;
}
