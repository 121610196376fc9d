import { LatheError, type JobHandle, type JobRecord, type JobStatus } from '@lathe/core';
import { Migrator, sql, type Kysely, type MigrationResult } from 'kysely';
import type { CreateJobInput, FindJobsFilter, JobPage, JobProgressInput, ListJobsQuery, MetadataStore, TransitionInput } from '../metadata-store.js';
import { applyTransition } from './apply-transition.js';
import { insertJob, jobConflict } from './insert-job.js';
import { listJobPage } from './list-job-page.js';
import { loadJobRecords } from './load-job-records.js';
import { metadataMigrationProvider } from './migrations/index.js';
import { KyselyAssetStore } from './assets/kysely-asset-store.js';
import { KyselyModelRegistryStore } from './registry/kysely-model-registry-store.js';
import type { Database } from './schema.js';
import { findExperimentRow, insertExperiment, KyselyTrackingStore } from './tracking/kysely-tracking-store.js';
import { toNullableJson } from './to-job-record.js';
import { KyselyWorkspaceStore } from './workspaces/kysely-workspace-store.js';
import { KyselyServicePrincipalStore } from './workspaces/kysely-service-principal-store.js';
import { KyselyScheduleStore } from './schedules/kysely-schedule-store.js';

/** The SQL databases {@link KyselyMetadataStore} runs on. */
export type SqlDialect = 'sqlite' | 'postgres';

/**
 * {@link MetadataStore} over Kysely, on SQLite or PostgreSQL. Open one with `openSqliteStore` or
 * `openPostgresStore`, which run {@link KyselyMetadataStore.migrate} first. The store owns `db`
 * and destroys it on {@link KyselyMetadataStore.close}.
 */
export class KyselyMetadataStore implements MetadataStore {
  /** MLflow tracking data in the same database; jobs are runs, created and updated together. */
  readonly tracking: KyselyTrackingStore;
  /** Versioned assets and lineage in the same database. */
  readonly assets: KyselyAssetStore;
  /** MLflow's model registry over the `model` assets, in the same database. */
  readonly modelRegistry: KyselyModelRegistryStore;
  /** Workspaces' metadata and their named compute targets, in the same database. */
  readonly workspaces: KyselyWorkspaceStore;
  /** Service principals of the token service, in the same database. */
  readonly servicePrincipals: KyselyServicePrincipalStore;
  /** Schedules and their firing bookkeeping, in the same database. */
  readonly schedules: KyselyScheduleStore;

  /**
   * @param db - a migrated database; the store takes ownership of it.
   * @param dialect - which database `db` talks to; used to read driver errors.
   */
  constructor(
    private readonly db: Kysely<Database>,
    readonly dialect: SqlDialect,
  ) {
    this.tracking = new KyselyTrackingStore(db, (error) => this.isUniqueViolation(error), dialect);
    this.assets = new KyselyAssetStore(db, (error) => this.isUniqueViolation(error));
    this.modelRegistry = new KyselyModelRegistryStore(db, (error) => this.isUniqueViolation(error));
    this.workspaces = new KyselyWorkspaceStore(db, (name, at) => this.ensureWorkspace(name, at));
    this.servicePrincipals = new KyselyServicePrincipalStore(db, (error) => this.isUniqueViolation(error));
    this.schedules = new KyselyScheduleStore(db);
  }

  /**
   * Brings the schema of `db` up to date. On PostgreSQL the migration bookkeeping tables go in
   * `schema`, or else in the connection's current schema. Resolves to the migrations run (empty
   * when none were pending); throws `LATHE_INTERNAL` when one fails.
   */
  static async migrate(db: Kysely<Database>, dialect: SqlDialect, schema?: string): Promise<MigrationResult[]> {
    const migrationTableSchema = dialect === 'postgres' ? (schema ?? (await currentSchema(db))) : undefined;
    const migrator = new Migrator({ db, provider: metadataMigrationProvider, migrationTableSchema });
    const { error, results = [] } = await migrator.migrateToLatest();
    if (error !== undefined) {
      const message = error instanceof Error ? error.message : String(error);
      throw new LatheError('LATHE_INTERNAL', `metadata store migration failed: ${message}`, {
        cause: error,
        details: { results },
      });
    }
    return results;
  }

  /** Also creates the workspace's `Default` experiment (id 0 in workspace `default`, as in MLflow). */
  async ensureWorkspace(name: string, at: number): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      await trx
        .insertInto('workspaces')
        .values({ name, created_at: at })
        .onConflict((conflict) => conflict.column('name').doNothing())
        .execute();
      if ((await findExperimentRow(trx, name, 'Default')) !== undefined) return;
      const zeroTaken = await trx.selectFrom('experiments').select('experiment_id').where('experiment_id', '=', 0).executeTakeFirst();
      const id = name === 'default' && zeroTaken === undefined ? 0 : undefined;
      await insertExperiment(trx, name, { name: 'Default', at }, id);
    });
  }

  async hasWorkspace(name: string): Promise<boolean> {
    const row = await this.db.selectFrom('workspaces').select('name').where('name', '=', name).executeTakeFirst();
    return row !== undefined;
  }

  async createJob(input: CreateJobInput): Promise<JobRecord> {
    try {
      return await this.db.transaction().execute(async (trx) => {
        await insertJob(trx, input);
        return (await loadJob(trx, input.workspace, input.name)) as JobRecord;
      });
    } catch (error) {
      // A concurrent create of the same name can pass the existence check and lose at the key.
      if (this.isUniqueViolation(error)) throw jobConflict(input, error);
      throw error;
    }
  }

  async findReusableJob(workspace: string, reuseKey: string): Promise<JobRecord | undefined> {
    const row = await this.db
      .selectFrom('jobs')
      .select('name')
      .where('workspace', '=', workspace)
      .where('reuse_key', '=', reuseKey)
      .where('status', '=', 'Completed')
      .where('reused_from', 'is', null)
      .orderBy('ended_at', 'desc')
      .orderBy('name', 'desc')
      .limit(1)
      .executeTakeFirst();
    return row === undefined ? undefined : loadJob(this.db, workspace, row.name);
  }

  getJob(workspace: string, name: string): Promise<JobRecord | undefined> {
    return loadJob(this.db, workspace, name);
  }

  async getJobs(workspace: string, names: readonly string[]): Promise<JobRecord[]> {
    if (names.length === 0) return [];
    const rows = await this.db
      .selectFrom('jobs')
      .selectAll()
      .where('workspace', '=', workspace)
      .where('name', 'in', [...names])
      .execute();
    return loadJobRecords(this.db, rows);
  }

  async setJobHandle(workspace: string, name: string, handle: JobHandle): Promise<boolean> {
    const result = await this.db
      .updateTable('jobs')
      .set({ handle_json: JSON.stringify(handle) })
      .where('workspace', '=', workspace)
      .where('name', '=', name)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  }

  async setJobArchived(workspace: string, name: string, archived: boolean): Promise<JobRecord | undefined> {
    const result = await this.db
      .updateTable('jobs')
      .set({ archived: archived ? 1 : 0 })
      .where('workspace', '=', workspace)
      .where('name', '=', name)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 0 ? undefined : loadJob(this.db, workspace, name);
  }

  listJobs(query: ListJobsQuery): Promise<JobPage> {
    return listJobPage(this.db, query);
  }

  transitionJob(input: TransitionInput): Promise<JobRecord | undefined> {
    return this.db.transaction().execute(async (trx) => {
      if (!(await applyTransition(trx, input))) return undefined;
      return loadJob(trx, input.workspace, input.name);
    });
  }

  async updateJobProgress(input: JobProgressInput): Promise<JobRecord | undefined> {
    if (input.from.length === 0) return undefined;
    const update: { updated_at: number; controller_json?: string | null; finalization_json?: string | null } = { updated_at: input.at };
    if (input.controllerState !== undefined) update.controller_json = toNullableJson(input.controllerState);
    if (input.finalization !== undefined) update.finalization_json = toNullableJson(input.finalization);
    return this.db.transaction().execute(async (trx) => {
      const result = await trx.updateTable('jobs').set(update).where('workspace', '=', input.workspace).where('name', '=', input.name).where('status', 'in', input.from).executeTakeFirst();
      if (Number(result.numUpdatedRows) === 0) return undefined;
      return loadJob(trx, input.workspace, input.name);
    });
  }

  async findJobsByStatus(statuses: readonly JobStatus[], limit: number, filter: FindJobsFilter = {}): Promise<JobRecord[]> {
    if (statuses.length === 0 || limit < 1) return [];
    if (filter.types !== undefined && filter.types.length === 0) return [];
    let query = this.db.selectFrom('jobs').selectAll().where('status', 'in', statuses);
    if (filter.types !== undefined) query = query.where('type', 'in', filter.types);
    if (filter.excludeTypes !== undefined && filter.excludeTypes.length > 0) query = query.where('type', 'not in', filter.excludeTypes);
    if (filter.compute !== undefined) query = query.where('compute', '=', filter.compute);
    if (filter.workspace !== undefined) query = query.where('workspace', '=', filter.workspace);
    const rows = await query.orderBy('created_at', 'asc').orderBy('workspace', 'asc').orderBy('name', 'asc').limit(limit).execute();
    return loadJobRecords(this.db, rows);
  }

  async close(): Promise<void> {
    await this.db.destroy();
  }

  private isUniqueViolation(error: unknown): boolean {
    const code = (error as { code?: unknown } | null)?.code;
    if (this.dialect === 'postgres') return code === '23505';
    return code === 'SQLITE_CONSTRAINT_PRIMARYKEY' || code === 'SQLITE_CONSTRAINT_UNIQUE';
  }
}

async function loadJob(db: Kysely<Database>, workspace: string, name: string): Promise<JobRecord | undefined> {
  const row = await db.selectFrom('jobs').selectAll().where('workspace', '=', workspace).where('name', '=', name).executeTakeFirst();
  return row === undefined ? undefined : (await loadJobRecords(db, [row]))[0];
}

async function currentSchema(db: Kysely<Database>): Promise<string> {
  const { rows } = await sql<{ schema: string | null }>`select current_schema() as schema`.execute(db);
  const schema = rows[0]?.schema;
  if (schema == null) throw new LatheError('LATHE_INTERNAL', 'PostgreSQL reports no current schema');
  return schema;
}
