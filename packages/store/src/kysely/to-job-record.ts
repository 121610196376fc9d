import type { JobRecord, JobStatusEvent } from '@lathe/core';
import type { JobRow } from './schema.js';

/** Milliseconds from a BIGINT column, which pg returns as a decimal string. */
export function toMillis(value: number | string): number {
  return Number(value);
}

/** {@link toMillis}, keeping `null`. */
export function toNullableMillis(value: number | string | null): number | null {
  return value === null ? null : Number(value);
}

/** `JSON.stringify` of a value, keeping `null` as SQL NULL. */
export function toNullableJson(value: object | null): string | null {
  return value === null ? null : JSON.stringify(value);
}

function parseNullableJson<T>(text: string | null): T | null {
  return text === null ? null : (JSON.parse(text) as T);
}

/**
 * Assembles a {@link JobRecord} from its `jobs` row, its tags and its history (in `seq` order).
 * @internal
 */
export function toJobRecord(row: JobRow, tags: Record<string, string>, history: JobStatusEvent[]): JobRecord {
  return {
    workspace: row.workspace,
    name: row.name,
    type: row.type,
    status: row.status,
    displayName: row.display_name,
    experimentName: row.experiment_name,
    description: row.description,
    compute: row.compute,
    tags,
    spec: JSON.parse(row.spec_json) as JobRecord['spec'],
    warnings: JSON.parse(row.warnings_json) as string[],
    history,
    createdAt: toMillis(row.created_at),
    updatedAt: toMillis(row.updated_at),
    startedAt: toNullableMillis(row.started_at),
    endedAt: toNullableMillis(row.ended_at),
    handle: parseNullableJson(row.handle_json),
    failure: parseNullableJson(row.failure_json),
    exitCode: row.exit_code,
    parent: row.parent,
    root: row.root,
    controllerState: parseNullableJson(row.controller_json),
    archived: Number(row.archived) === 1,
    finalization: parseNullableJson(row.finalization_json),
    reusedFrom: row.reused_from ?? null,
    schedule: row.schedule ?? null,
  };
}
