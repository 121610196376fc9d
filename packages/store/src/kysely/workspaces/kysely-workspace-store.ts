import type { Kysely, Selectable } from 'kysely';
import { notFound } from '@lathe/core';
import type { ComputeRecord, PutComputeInput, WorkspaceRecord, WorkspaceStore } from '../../workspace-store.js';
import type { Database, WorkspacesTable } from '../schema.js';
import type { ComputesTable } from './compute-tables.js';

/**
 * {@link WorkspaceStore} over Kysely, in the metadata database. `ensureWorkspace` is the
 * metadata store's, so a workspace made here gets its `Default` experiment like any other.
 */
export class KyselyWorkspaceStore implements WorkspaceStore {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly ensureWorkspace: (name: string, at: number) => Promise<void>,
  ) {}

  async putWorkspace(name: string, spec: Record<string, unknown>, at: number): Promise<WorkspaceRecord> {
    await this.ensureWorkspace(name, at);
    await this.db
      .updateTable('workspaces')
      .set({ spec_json: JSON.stringify(spec) })
      .where('name', '=', name)
      .execute();
    return (await this.getWorkspace(name)) as WorkspaceRecord;
  }

  async getWorkspace(name: string): Promise<WorkspaceRecord | undefined> {
    const row = await this.db.selectFrom('workspaces').selectAll().where('name', '=', name).executeTakeFirst();
    return row === undefined ? undefined : toWorkspaceRecord(row);
  }

  async listWorkspaces(): Promise<WorkspaceRecord[]> {
    const rows = await this.db.selectFrom('workspaces').selectAll().orderBy('name', 'asc').execute();
    return rows.map(toWorkspaceRecord);
  }

  async putCompute(input: PutComputeInput): Promise<ComputeRecord> {
    const values = { type: input.type, max_instances: input.maxInstances, spec_json: JSON.stringify(input.spec), updated_at: input.at };
    return this.db.transaction().execute(async (trx) => {
      const workspace = await trx.selectFrom('workspaces').select('name').where('name', '=', input.workspace).executeTakeFirst();
      if (workspace === undefined) throw notFound('workspace', input.workspace);
      await trx
        .insertInto('computes')
        .values({ workspace: input.workspace, name: input.name, created_at: input.at, ...values })
        .onConflict((conflict) => conflict.columns(['workspace', 'name']).doUpdateSet(values))
        .execute();
      const row = await trx.selectFrom('computes').selectAll().where('workspace', '=', input.workspace).where('name', '=', input.name).executeTakeFirstOrThrow();
      return toComputeRecord(row);
    });
  }

  async getCompute(workspace: string, name: string): Promise<ComputeRecord | undefined> {
    const row = await this.db.selectFrom('computes').selectAll().where('workspace', '=', workspace).where('name', '=', name).executeTakeFirst();
    return row === undefined ? undefined : toComputeRecord(row);
  }

  async listComputes(workspace?: string): Promise<ComputeRecord[]> {
    let query = this.db.selectFrom('computes').selectAll();
    if (workspace !== undefined) query = query.where('workspace', '=', workspace);
    const rows = await query.orderBy('workspace', 'asc').orderBy('name', 'asc').execute();
    return rows.map(toComputeRecord);
  }

  async deleteCompute(workspace: string, name: string): Promise<boolean> {
    const result = await this.db.deleteFrom('computes').where('workspace', '=', workspace).where('name', '=', name).executeTakeFirst();
    return Number(result.numDeletedRows) > 0;
  }
}

function toWorkspaceRecord(row: Selectable<WorkspacesTable>): WorkspaceRecord {
  return { name: row.name, createdAt: Number(row.created_at), spec: row.spec_json === null ? null : (JSON.parse(row.spec_json) as Record<string, unknown>) };
}

function toComputeRecord(row: Selectable<ComputesTable>): ComputeRecord {
  return {
    workspace: row.workspace,
    name: row.name,
    type: row.type,
    maxInstances: Number(row.max_instances),
    spec: JSON.parse(row.spec_json) as Record<string, unknown>,
    createdAt: Number(row.created_at),
    updatedAt: Number(row.updated_at),
  };
}
