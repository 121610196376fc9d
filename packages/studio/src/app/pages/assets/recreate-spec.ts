import type { AssetResource } from '@lathe/api';
import type { AssetKindInfo } from './asset-kinds.js';

/**
 * The YAML document that re-creates a version with `lathe <kind> create --file`: the stored spec
 * under the kind's `$schema`, with its name and version. Content stays the `blob://` snapshot the
 * version holds (the CLI passes such a path through, and the server accepts it), so the
 * document names the same bytes; `source_path`, where the content was copied from, is
 * bookkeeping, not a field of the kind.
 */
export function recreateSpec(info: AssetKindInfo, asset: AssetResource): Record<string, unknown> {
  const { $schema: _schema, name: _name, version: _version, source_path: _source, ...rest } = asset.spec;
  return { $schema: info.schema, name: asset.name, version: asset.version, ...rest };
}
