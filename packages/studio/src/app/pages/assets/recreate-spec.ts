import type { AssetResource } from '@lathe/api';

/** Sources that never change once they exist: an ended job's output, a run's artifacts. */
const FIXED_SOURCE = /^(azureml:\/\/jobs\/|runs:\/)/;

/**
 * The YAML document that re-creates a version with `lathe <kind> create --file`: the stored spec
 * with its name and version. A version is identified by what it was
 * created from, so content copied from a job output or a run names that source again (it cannot
 * change, and creating the same version from it again is a no-op); any other content stays the
 * `blob://` snapshot the version holds (the CLI passes such a path through), since a datastore
 * folder may have changed since. `source_path` itself is bookkeeping, not a field of the kind.
 */
export function recreateSpec(asset: AssetResource): Record<string, unknown> {
  const { $schema: schema, name: _name, version: _version, source_path: source, ...rest } = asset.spec;
  const path = typeof source === 'string' && FIXED_SOURCE.test(source) ? { path: source } : {};
  // `$schema` only where the version was created with one: it is part of what was asked for.
  return { ...(schema === undefined ? {} : { $schema: schema }), name: asset.name, version: asset.version, ...rest, ...path };
}
