import { LatheError } from '@lathe/core';
import { sql, type Kysely } from 'kysely';
import type {
  CreateModelVersionInput,
  CreateRegisteredModelInput,
  ModelRegistryStore,
  ModelVersion,
  ModelVersionRef,
  RegisteredModel,
  SearchRegistryQuery,
  UpdateModelVersionInput,
} from '../../model-registry-store.js';
import type { KeyValue, Page } from '../../tracking-store.js';
import { insertAssetVersion, nextVersion } from '../assets/kysely-asset-store.js';
import type { Database } from '../schema.js';
import { loadModelVersions, loadRegisteredModels, versionRows, VISIBLE } from './load-registry.js';
import { insertModelVersionMeta, touchRegisteredModel } from './model-version-meta.js';
import { renameRegisteredModel } from './rename-registered-model.js';
import { searchModelVersions, searchRegisteredModels } from './search-registry.js';

type Db = Kysely<Database>;

/** Concurrent creations on PostgreSQL may pick the same next version; MLflow retries as often. */
const CREATE_VERSION_ATTEMPTS = 3;

/**
 * {@link ModelRegistryStore} over the metadata database, beside {@link KyselyAssetStore}: model
 * versions are `asset_versions` rows of kind `model`, each with a `model_version_meta` row. It
 * shares the {@link KyselyMetadataStore}'s connection, which owns and closes it.
 */
export class KyselyModelRegistryStore implements ModelRegistryStore {
  constructor(
    private readonly db: Db,
    private readonly isUniqueViolation: (error: unknown) => boolean,
  ) {}

  async createRegisteredModel(workspace: string, input: CreateRegisteredModelInput): Promise<RegisteredModel> {
    try {
      return await this.db.transaction().execute(async (trx) => {
        const row = { workspace, name: input.name, description: input.description ?? null, created_at: input.at, updated_at: input.at };
        await trx.insertInto('registered_models').values(row).execute();
        await insertTags(trx, 'registered_model_tags', { workspace, name: input.name }, input.tags ?? []);
        return (await loadRegisteredModels(trx, workspace, [row]))[0] as RegisteredModel;
      });
    } catch (error) {
      if (!this.isUniqueViolation(error)) throw error;
      throw new LatheError('LATHE_CONFLICT', `Registered Model (name=${input.name}) already exists.`, { details: { kind: 'registered model', name: input.name }, cause: error });
    }
  }

  async getRegisteredModel(workspace: string, name: string): Promise<RegisteredModel> {
    return (await loadRegisteredModels(this.db, workspace, [await findModel(this.db, workspace, name)]))[0] as RegisteredModel;
  }

  async updateRegisteredModel(workspace: string, name: string, patch: { newName?: string; description?: string | null; at: number }): Promise<RegisteredModel> {
    return this.db.transaction().execute(async (trx) => {
      await findModel(trx, workspace, name);
      if (patch.description !== undefined) {
        await trx.updateTable('registered_models').set({ description: patch.description, updated_at: patch.at }).where('workspace', '=', workspace).where('name', '=', name).execute();
      }
      const current = patch.newName ?? name;
      if (patch.newName !== undefined && patch.newName !== name) await renameRegisteredModel(trx, workspace, name, patch.newName, patch.at);
      return (await loadRegisteredModels(trx, workspace, [await findModel(trx, workspace, current)]))[0] as RegisteredModel;
    });
  }

  async deleteRegisteredModel(workspace: string, name: string): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      await findModel(trx, workspace, name);
      await trx.updateTable('asset_versions').set({ archived: 1 }).where('workspace', '=', workspace).where('kind', '=', 'model').where('name', '=', name).execute();
      for (const table of ['registered_model_aliases', 'registered_model_tags', 'registered_models'] as const) {
        await trx.deleteFrom(table).where('workspace', '=', workspace).where('name', '=', name).execute();
      }
    });
  }

  searchRegisteredModels(workspace: string, query: SearchRegistryQuery): Promise<Page<RegisteredModel>> {
    return searchRegisteredModels(this.db, workspace, query);
  }

  async createModelVersion(workspace: string, input: CreateModelVersionInput): Promise<ModelVersion> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.db.transaction().execute(async (trx) => {
          await findModel(trx, workspace, input.name);
          const version = await nextVersion(trx, workspace, 'model', input.name);
          const asset = await insertAssetVersion(trx, workspace, { kind: 'model', name: input.name, version, spec: input.spec, contentHash: input.contentHash, createdAt: input.at });
          const meta = {
            description: input.description ?? null,
            stage: 'None' as const,
            source: input.source,
            runId: input.runId ?? null,
            runLink: input.runLink ?? null,
            modelId: input.modelId ?? null,
          };
          await insertModelVersionMeta(trx, workspace, asset, meta);
          await insertTags(trx, 'model_version_tags', { workspace, name: input.name, version }, input.tags ?? []);
          return findVersion(trx, workspace, input.name, version);
        });
      } catch (error) {
        if (!this.isUniqueViolation(error) || attempt >= CREATE_VERSION_ATTEMPTS) throw error;
      }
    }
  }

  async getModelVersion(workspace: string, name: string, ref: ModelVersionRef, options: { includeArchived?: boolean } = {}): Promise<ModelVersion> {
    if ('version' in ref) return findVersion(this.db, workspace, name, ref.version, options.includeArchived === true);
    if (ref.alias.toLowerCase() === 'latest') {
      const [newest] = await versionRows(this.db, workspace, [VISIBLE, sql`v.name = ${name}`], sql`order by m.version_number desc limit 1`);
      if (newest === undefined) throw new LatheError('LATHE_NOT_FOUND', `Latest version not found for model ${name}.`, { details: { kind: 'model version', name } });
      return (await loadModelVersions(this.db, workspace, [newest]))[0] as ModelVersion;
    }
    const alias = await this.db.selectFrom('registered_model_aliases').select('version').where('workspace', '=', workspace).where('name', '=', name).where('alias', '=', ref.alias).executeTakeFirst();
    if (alias === undefined) throw new LatheError('LATHE_NOT_FOUND', `Registered model alias ${ref.alias} not found.`, { details: { kind: 'alias', name, alias: ref.alias } });
    return findVersion(this.db, workspace, name, alias.version);
  }

  async updateModelVersion(workspace: string, name: string, version: string, patch: UpdateModelVersionInput): Promise<ModelVersion> {
    return this.db.transaction().execute(async (trx) => {
      await findVersion(trx, workspace, name, version);
      const meta = () => trx.updateTable('model_version_meta').where('workspace', '=', workspace).where('name', '=', name);
      if (patch.description !== undefined) await meta().set({ description: patch.description, updated_at: patch.at }).where('version', '=', version).execute();
      if (patch.stage !== undefined) {
        if (patch.archiveExisting === true) {
          await meta().set({ stage: 'Archived', updated_at: patch.at }).where('stage', '=', patch.stage).where('version', '<>', version).execute();
        }
        await meta().set({ stage: patch.stage, updated_at: patch.at }).where('version', '=', version).execute();
        await touchRegisteredModel(trx, workspace, name, patch.at);
      }
      return findVersion(trx, workspace, name, version);
    });
  }

  async deleteModelVersion(workspace: string, name: string, version: string, at: number): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      await findVersion(trx, workspace, name, version);
      await trx.updateTable('asset_versions').set({ archived: 1 }).where('workspace', '=', workspace).where('kind', '=', 'model').where('name', '=', name).where('version', '=', version).execute();
      await trx.deleteFrom('registered_model_aliases').where('workspace', '=', workspace).where('name', '=', name).where('version', '=', version).execute();
      await touchRegisteredModel(trx, workspace, name, at);
    });
  }

  searchModelVersions(workspace: string, query: SearchRegistryQuery): Promise<Page<ModelVersion>> {
    return searchModelVersions(this.db, workspace, query);
  }

  async setRegistryTag(workspace: string, target: { name: string; version?: string }, key: string, value: string | null): Promise<void> {
    const { name, version } = target;
    await this.db.transaction().execute(async (trx) => {
      if (version === undefined) {
        await findModel(trx, workspace, name);
        await trx.deleteFrom('registered_model_tags').where('workspace', '=', workspace).where('name', '=', name).where('key', '=', key).execute();
        if (value !== null) await trx.insertInto('registered_model_tags').values({ workspace, name, key, value }).execute();
        return;
      }
      await findVersion(trx, workspace, name, version);
      await trx.deleteFrom('model_version_tags').where('workspace', '=', workspace).where('name', '=', name).where('version', '=', version).where('key', '=', key).execute();
      if (value !== null) await trx.insertInto('model_version_tags').values({ workspace, name, version, key, value }).execute();
    });
  }

  async setAlias(workspace: string, name: string, alias: string, version: string | null): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      await trx.deleteFrom('registered_model_aliases').where('workspace', '=', workspace).where('name', '=', name).where('alias', '=', alias).execute();
      if (version === null) {
        await findModel(trx, workspace, name);
        return;
      }
      await findVersion(trx, workspace, name, version);
      await trx.insertInto('registered_model_aliases').values({ workspace, name, alias, version }).execute();
    });
  }
}

async function findModel(db: Db, workspace: string, name: string) {
  const row = await db.selectFrom('registered_models').selectAll().where('workspace', '=', workspace).where('name', '=', name).executeTakeFirst();
  if (row === undefined) throw new LatheError('LATHE_NOT_FOUND', `Registered Model with name=${name} not found`, { details: { kind: 'registered model', name } });
  return row;
}

async function findVersion(db: Db, workspace: string, name: string, version: string, includeArchived = false): Promise<ModelVersion> {
  const conditions = [sql`v.name = ${name}`, sql`v.version = ${version}`];
  if (!includeArchived) conditions.push(VISIBLE);
  const [row] = await versionRows(db, workspace, conditions);
  if (row === undefined) {
    throw new LatheError('LATHE_NOT_FOUND', `Model Version (name=${name}, version=${version}) not found`, { details: { kind: 'model version', name, version } });
  }
  return (await loadModelVersions(db, workspace, [row]))[0] as ModelVersion;
}

// Later duplicates of a key win, as in MLflow.
async function insertTags(db: Db, table: 'registered_model_tags' | 'model_version_tags', owner: { workspace: string; name: string; version?: string }, tags: KeyValue[]): Promise<void> {
  const byKey = new Map(tags.map((t) => [t.key, t.value]));
  if (byKey.size === 0) return;
  const rows = [...byKey].map(([key, value]) => ({ ...owner, key, value }));
  // Both tables take these rows; Kysely cannot type an insert into "one of two tables".
  await db
    .insertInto(table)
    .values(rows as never)
    .execute();
}
