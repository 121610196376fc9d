import { LatheError } from '@lathe/core';
import type { Kysely } from 'kysely';
import type { Database } from '../schema.js';

type Db = Kysely<Database>;

const BY_NAME = ['registered_models', 'registered_model_tags', 'registered_model_aliases', 'model_version_meta', 'model_version_tags'] as const;

/**
 * Renames a registered model inside a transaction: its row, tags and aliases, and every version —
 * asset rows (their stored spec names the model), metadata, tags and lineage edges. The new name
 * must be free, including among archived versions. A version's content hash stays as it was.
 * @internal
 */
export async function renameRegisteredModel(trx: Db, workspace: string, name: string, newName: string, at: number): Promise<void> {
  const taken =
    (await trx.selectFrom('registered_models').select('name').where('workspace', '=', workspace).where('name', '=', newName).executeTakeFirst()) ??
    (await trx.selectFrom('asset_versions').select('name').where('workspace', '=', workspace).where('kind', '=', 'model').where('name', '=', newName).executeTakeFirst());
  if (taken !== undefined) {
    throw new LatheError('LATHE_CONFLICT', `Registered Model (name=${newName}) already exists.`, { details: { kind: 'registered model', name: newName } });
  }
  const versions = await trx.selectFrom('asset_versions').select(['version', 'spec_json']).where('workspace', '=', workspace).where('kind', '=', 'model').where('name', '=', name).execute();
  for (const row of versions) {
    const spec = { ...(JSON.parse(row.spec_json) as Record<string, unknown>), name: newName };
    await trx
      .updateTable('asset_versions')
      .set({ name: newName, spec_json: JSON.stringify(spec) })
      .where('workspace', '=', workspace)
      .where('kind', '=', 'model')
      .where('name', '=', name)
      .where('version', '=', row.version)
      .execute();
  }
  await trx.updateTable('asset_lineage').set({ name: newName }).where('workspace', '=', workspace).where('kind', '=', 'model').where('name', '=', name).execute();
  for (const table of BY_NAME) {
    await trx.updateTable(table).set({ name: newName }).where('workspace', '=', workspace).where('name', '=', name).execute();
  }
  await trx.updateTable('registered_models').set({ updated_at: at }).where('workspace', '=', workspace).where('name', '=', newName).execute();
  await trx.updateTable('model_version_meta').set({ updated_at: at }).where('workspace', '=', workspace).where('name', '=', newName).execute();
}
