import type { Kysely, Selectable } from 'kysely';
import { LatheError, notFound } from '@lathe/core';
import type { ServicePrincipalRecord, ServicePrincipalStore } from '../../service-principal-store.js';
import type { Database, MillisColumn } from '../schema.js';

/** `service_principals`: one row per principal, keyed by client id. */
export interface ServicePrincipalsTable {
  client_id: string;
  workspace: string;
  name: string;
  secret_hash: string;
  created_at: MillisColumn;
}

/** {@link ServicePrincipalStore} over Kysely, in the metadata database. */
export class KyselyServicePrincipalStore implements ServicePrincipalStore {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly isUniqueViolation: (error: unknown) => boolean,
  ) {}

  async createServicePrincipal(record: ServicePrincipalRecord): Promise<ServicePrincipalRecord> {
    const workspace = await this.db.selectFrom('workspaces').select('name').where('name', '=', record.workspace).executeTakeFirst();
    if (workspace === undefined) throw notFound('workspace', record.workspace);
    try {
      await this.db
        .insertInto('service_principals')
        .values({ client_id: record.clientId, workspace: record.workspace, name: record.name, secret_hash: record.secretHash, created_at: record.createdAt })
        .execute();
    } catch (error) {
      if (!this.isUniqueViolation(error)) throw error;
      throw new LatheError('LATHE_CONFLICT', `a service principal named '${record.name}' exists already in workspace '${record.workspace}'`, { details: { name: record.name } });
    }
    return { ...record };
  }

  async getServicePrincipal(clientId: string): Promise<ServicePrincipalRecord | undefined> {
    const row = await this.db.selectFrom('service_principals').selectAll().where('client_id', '=', clientId).executeTakeFirst();
    return row === undefined ? undefined : toRecord(row);
  }

  async listServicePrincipals(workspace: string): Promise<ServicePrincipalRecord[]> {
    const rows = await this.db.selectFrom('service_principals').selectAll().where('workspace', '=', workspace).orderBy('name', 'asc').execute();
    return rows.map(toRecord);
  }

  async deleteServicePrincipal(workspace: string, clientId: string): Promise<boolean> {
    const result = await this.db.deleteFrom('service_principals').where('workspace', '=', workspace).where('client_id', '=', clientId).executeTakeFirst();
    return Number(result.numDeletedRows) > 0;
  }
}

function toRecord(row: Selectable<ServicePrincipalsTable>): ServicePrincipalRecord {
  return { clientId: row.client_id, workspace: row.workspace, name: row.name, secretHash: row.secret_hash, createdAt: Number(row.created_at) };
}
