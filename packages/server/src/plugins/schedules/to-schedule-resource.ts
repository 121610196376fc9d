import { paths, type ScheduleResource } from '@lathe/api';
import type { ScheduleRecord } from '@lathe/store';

/** The REST shape of a schedule. */
export function toScheduleResource(schedule: ScheduleRecord): ScheduleResource {
  const spec = schedule.spec;
  const text = (value: unknown) => (typeof value === 'string' ? value : null);
  const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());
  const job = (spec.create_job ?? {}) as Record<string, unknown>;
  return {
    name: schedule.name,
    display_name: text(spec.display_name),
    description: text(spec.description),
    tags: (spec.tags as Record<string, string> | undefined) ?? {},
    trigger: (spec.trigger as Record<string, unknown> | undefined) ?? {},
    create_job: { type: text(job.type) ?? 'command', display_name: text(job.display_name) },
    enabled: schedule.enabled,
    next_fire_time: iso(schedule.nextFireAt),
    last_fired_time: iso(schedule.lastFiredAt),
    last_job: schedule.lastJob,
    last_error: schedule.lastError,
    jobs_path: `${paths.jobs(schedule.workspace)}?schedule=${encodeURIComponent(schedule.name)}`,
    created_at: new Date(schedule.createdAt).toISOString(),
    updated_at: new Date(schedule.updatedAt).toISOString(),
    spec,
  };
}
