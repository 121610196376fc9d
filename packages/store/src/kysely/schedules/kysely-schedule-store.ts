import type { Kysely, Selectable } from 'kysely';
import { notFound } from '@lathe/core';
import type { PutScheduleInput, RecordFireInput, ScheduleRecord, ScheduleStore } from '../../schedule-store.js';
import type { Database } from '../schema.js';
import type { SchedulesTable } from './schedules-table.js';

/** {@link ScheduleStore} over Kysely, in the metadata database. */
export class KyselyScheduleStore implements ScheduleStore {
  constructor(private readonly db: Kysely<Database>) {}

  async putSchedule(input: PutScheduleInput): Promise<ScheduleRecord> {
    const values = { spec_json: JSON.stringify(input.spec), enabled: input.enabled ? 1 : 0, next_fire_at: input.nextFireAt, updated_at: input.at };
    return this.db.transaction().execute(async (trx) => {
      const workspace = await trx.selectFrom('workspaces').select('name').where('name', '=', input.workspace).executeTakeFirst();
      if (workspace === undefined) throw notFound('workspace', input.workspace);
      await trx
        .insertInto('schedules')
        .values({ workspace: input.workspace, name: input.name, created_at: input.at, last_fired_at: null, ...values })
        .onConflict((conflict) => conflict.columns(['workspace', 'name']).doUpdateSet(values))
        .execute();
      const row = await trx.selectFrom('schedules').selectAll().where('workspace', '=', input.workspace).where('name', '=', input.name).executeTakeFirstOrThrow();
      return toScheduleRecord(row);
    });
  }

  async getSchedule(workspace: string, name: string): Promise<ScheduleRecord | undefined> {
    const row = await this.db.selectFrom('schedules').selectAll().where('workspace', '=', workspace).where('name', '=', name).executeTakeFirst();
    return row === undefined ? undefined : toScheduleRecord(row);
  }

  async listSchedules(workspace?: string): Promise<ScheduleRecord[]> {
    let query = this.db.selectFrom('schedules').selectAll();
    if (workspace !== undefined) query = query.where('workspace', '=', workspace);
    const rows = await query.orderBy('workspace', 'asc').orderBy('name', 'asc').execute();
    return rows.map(toScheduleRecord);
  }

  async deleteSchedule(workspace: string, name: string): Promise<boolean> {
    const result = await this.db.deleteFrom('schedules').where('workspace', '=', workspace).where('name', '=', name).executeTakeFirst();
    return Number(result.numDeletedRows) > 0;
  }

  async setScheduleEnabled(workspace: string, name: string, enabled: boolean, nextFireAt: number | null, at: number): Promise<ScheduleRecord | undefined> {
    await this.db
      .updateTable('schedules')
      .set({ enabled: enabled ? 1 : 0, next_fire_at: nextFireAt, updated_at: at })
      .where('workspace', '=', workspace)
      .where('name', '=', name)
      .execute();
    return this.getSchedule(workspace, name);
  }

  async recordFire(input: RecordFireInput): Promise<boolean> {
    const result = await this.db
      .updateTable('schedules')
      .set({ last_fired_at: input.firedAt, last_job: input.job, last_error: input.error, next_fire_at: input.nextFireAt, updated_at: input.at })
      .where('workspace', '=', input.workspace)
      .where('name', '=', input.name)
      .where('enabled', '=', 1)
      .where('next_fire_at', '=', input.firedAt)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  }

  async listDueSchedules(at: number): Promise<ScheduleRecord[]> {
    const rows = await this.db
      .selectFrom('schedules')
      .selectAll()
      .where('enabled', '=', 1)
      .where('next_fire_at', 'is not', null)
      .where('next_fire_at', '<=', at)
      .orderBy('next_fire_at', 'asc')
      .orderBy('workspace', 'asc')
      .orderBy('name', 'asc')
      .execute();
    return rows.map(toScheduleRecord);
  }

  async earliestFireTime(): Promise<number | undefined> {
    const row = await this.db
      .selectFrom('schedules')
      .select((eb) => eb.fn.min('next_fire_at').as('earliest'))
      .where('enabled', '=', 1)
      .executeTakeFirst();
    const earliest = row?.earliest;
    return earliest === null || earliest === undefined ? undefined : Number(earliest);
  }
}

function toScheduleRecord(row: Selectable<SchedulesTable>): ScheduleRecord {
  const millis = (value: number | string | null) => (value === null ? null : Number(value));
  return {
    workspace: row.workspace,
    name: row.name,
    spec: JSON.parse(row.spec_json) as Record<string, unknown>,
    enabled: Number(row.enabled) === 1,
    createdAt: Number(row.created_at),
    updatedAt: Number(row.updated_at),
    lastFiredAt: millis(row.last_fired_at),
    nextFireAt: millis(row.next_fire_at),
    lastJob: row.last_job,
    lastError: row.last_error,
  };
}
