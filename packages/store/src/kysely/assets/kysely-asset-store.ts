import { LatheError, notFound } from '@lathe/core';
import type { Kysely } from 'kysely';
import type { AssetKind, AssetStore, AssetSummary, AssetVersion, CreateAssetVersionInput, LineageEdge } from '../../asset-store.js';
import type { Database } from '../schema.js';
import type { AssetVersionRow } from './asset-tables.js';
import { insertLineage } from './insert-lineage.js';
import { ensureRegisteredModel, insertModelVersionMeta, metaFromSpec } from '../registry/model-version-meta.js';

/**
 * {@link AssetStore} over the metadata database. It shares the {@link KyselyMetadataStore}'s
 * connection, which owns and closes it.
 */
export class KyselyAssetStore implements AssetStore {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly isUniqueViolation: (error: unknown) => boolean,
  ) {}

  async createAssetVersion(workspace: string, input: CreateAssetVersionInput): Promise<{ asset: AssetVersion; created: boolean }> {
    for (let attempt = 1; ; attempt++) {
      try {
        const outcome = await this.createOnce(workspace, input);
        if (outcome !== undefined) return outcome;
        if (attempt >= MAX_NUMBERING_ATTEMPTS)
          throw new LatheError('LATHE_CONFLICT', `could not number a new version of ${input.kind} ${input.name}; try again`, { details: { kind: input.kind, name: input.name } });
      } catch (error) {
        if (!this.isUniqueViolation(error)) throw error;
        // A concurrent create numbered the same version first (PostgreSQL reads committed rows
        // only): number again.
        if (input.version === undefined) {
          if (attempt < MAX_NUMBERING_ATTEMPTS) continue;
          throw error;
        }
        // A concurrent create of the same version lost at the key: answer as if it came second.
        const existing = await findRow(this.db, workspace, input.kind, input.name, input.version);
        if (existing === undefined) throw error;
        return { asset: sameOrConflict(existing, input.contentHash), created: false };
      }
    }
  }

  /** One try; `undefined` when the number it gave an unnumbered version was taken meanwhile. */
  private createOnce(workspace: string, input: CreateAssetVersionInput): Promise<{ asset: AssetVersion; created: boolean } | undefined> {
    return this.db.transaction().execute(async (trx) => {
      if ((await trx.selectFrom('workspaces').select('name').where('name', '=', workspace).executeTakeFirst()) === undefined) {
        throw notFound('workspace', workspace);
      }
      const version = input.version ?? (await nextVersion(trx, workspace, input.kind, input.name));
      const existing = await findRow(trx, workspace, input.kind, input.name, version);
      if (existing !== undefined && input.version === undefined) return undefined;
      if (existing !== undefined) return { asset: sameOrConflict(existing, input.contentHash), created: false };
      const asset = await insertAssetVersion(trx, workspace, { ...input, version });
      // Every model version is also an MLflow model version (see ModelRegistryStore).
      if (asset.kind === 'model') await insertModelVersionMeta(trx, workspace, asset, metaFromSpec(asset.spec));
      return { asset, created: true };
    });
  }

  async getAssetVersion(workspace: string, kind: AssetKind, name: string, version: string): Promise<AssetVersion> {
    const row = await findRow(this.db, workspace, kind, name, version);
    if (row === undefined) throw notFound(kind, `${name}:${version}`, { name, version });
    return toAsset(row);
  }

  async getLatestAssetVersion(workspace: string, kind: AssetKind, name: string): Promise<AssetVersion> {
    const row = await this.db
      .selectFrom('asset_versions')
      .selectAll()
      .where('workspace', '=', workspace)
      .where('kind', '=', kind)
      .where('name', '=', name)
      .where('archived', '=', 0)
      .orderBy('created_at', 'desc')
      .orderBy('version', 'desc')
      .limit(1)
      .executeTakeFirst();
    if (row === undefined) throw notFound(kind, `${name}@latest`, { name, label: 'latest' });
    return toAsset(row);
  }

  async listAssets(workspace: string, kind: AssetKind, options: { includeArchived?: boolean } = {}): Promise<AssetSummary[]> {
    let query = this.db.selectFrom('asset_versions').select(['name', 'version', 'created_at']).where('workspace', '=', workspace).where('kind', '=', kind);
    if (!options.includeArchived) query = query.where('archived', '=', 0);
    const rows = await query.orderBy('name').orderBy('created_at').orderBy('version').execute();
    const byName = new Map<string, AssetSummary>();
    for (const row of rows) {
      const summary = byName.get(row.name);
      const createdAt = Number(row.created_at);
      if (summary === undefined) byName.set(row.name, { kind, name: row.name, latestVersion: row.version, versionCount: 1, createdAt });
      else Object.assign(summary, { latestVersion: row.version, versionCount: summary.versionCount + 1, createdAt });
    }
    return [...byName.values()];
  }

  async listAssetVersions(workspace: string, kind: AssetKind, name: string, options: { includeArchived?: boolean } = {}): Promise<AssetVersion[]> {
    let query = this.db.selectFrom('asset_versions').selectAll().where('workspace', '=', workspace).where('kind', '=', kind).where('name', '=', name);
    if (!options.includeArchived) query = query.where('archived', '=', 0);
    return (await query.orderBy('created_at', 'desc').orderBy('version', 'desc').execute()).map(toAsset);
  }

  async setAssetArchived(workspace: string, kind: AssetKind, name: string, version: string | undefined, archived: boolean): Promise<void> {
    let query = this.db
      .updateTable('asset_versions')
      .set({ archived: archived ? 1 : 0 })
      .where('workspace', '=', workspace)
      .where('kind', '=', kind)
      .where('name', '=', name);
    if (version !== undefined) query = query.where('version', '=', version);
    const result = await query.executeTakeFirst();
    if (Number(result.numUpdatedRows) === 0) throw notFound(kind, version === undefined ? name : `${name}:${version}`, { name });
    // A model deleted through MLflow's API has no registered model left; restoring brings it back.
    if (kind === 'model' && !archived) await ensureRegisteredModel(this.db, workspace, name);
  }

  recordLineage(workspace: string, edges: LineageEdge[]): Promise<void> {
    return insertLineage(this.db, workspace, edges);
  }

  async lineageOfAsset(workspace: string, kind: AssetKind, name: string, version: string): Promise<LineageEdge[]> {
    const rows = await this.db
      .selectFrom('asset_lineage')
      .select(['job', 'direction', 'port', 'kind', 'name', 'version'])
      .where('workspace', '=', workspace)
      .where('kind', '=', kind)
      .where('name', '=', name)
      .where('version', '=', version)
      .orderBy('job')
      .execute();
    return rows;
  }

  async lineageOfJob(workspace: string, job: string): Promise<LineageEdge[]> {
    return this.db
      .selectFrom('asset_lineage')
      .select(['job', 'direction', 'port', 'kind', 'name', 'version'])
      .where('workspace', '=', workspace)
      .where('job', '=', job)
      .orderBy('direction')
      .orderBy('port')
      .execute();
  }
}

type Db = Kysely<Database>;

/** How often an unnumbered create numbers again after losing a race for the same number. */
const MAX_NUMBERING_ATTEMPTS = 20;

function findRow(db: Db, workspace: string, kind: AssetKind, name: string, version: string): Promise<AssetVersionRow | undefined> {
  return db.selectFrom('asset_versions').selectAll().where('workspace', '=', workspace).where('kind', '=', kind).where('name', '=', name).where('version', '=', version).executeTakeFirst();
}

/** Inserts one asset version row and returns it. @internal */
export async function insertAssetVersion(db: Db, workspace: string, input: CreateAssetVersionInput & { version: string }): Promise<AssetVersion> {
  const row = {
    workspace,
    kind: input.kind,
    name: input.name,
    version: input.version,
    spec_json: JSON.stringify({ ...input.spec, name: input.name, version: input.version }),
    content_hash: input.contentHash,
    created_at: input.createdAt,
    archived: 0,
  };
  await db.insertInto('asset_versions').values(row).execute();
  return toAsset(row);
}

/** Azure ML's rule when a version is omitted: one more than the greatest numeric version. @internal */
export async function nextVersion(db: Db, workspace: string, kind: AssetKind, name: string): Promise<string> {
  const rows = await db.selectFrom('asset_versions').select('version').where('workspace', '=', workspace).where('kind', '=', kind).where('name', '=', name).execute();
  const numbers = rows
    .map((r) => r.version)
    .filter((v) => /^\d+$/.test(v))
    .map(Number);
  return String(numbers.length === 0 ? 1 : Math.max(...numbers) + 1);
}

function sameOrConflict(row: AssetVersionRow, contentHash: string): AssetVersion {
  if (row.content_hash === contentHash) return toAsset(row);
  throw new LatheError(
    'LATHE_CONFLICT',
    `${row.kind} ${row.name}:${row.version} already exists with other content; a version never changes. Create a new version (omit --version to get the next one).`,
    { details: { kind: row.kind, name: row.name, version: row.version } },
  );
}

/** @internal */
export function toAsset(row: AssetVersionRow): AssetVersion {
  return {
    kind: row.kind,
    name: row.name,
    version: row.version,
    spec: JSON.parse(row.spec_json) as Record<string, unknown>,
    contentHash: row.content_hash,
    createdAt: Number(row.created_at),
    archived: Number(row.archived) === 1,
  };
}
