import { LatheError } from '@lathe/core';
import { armPipelineToSpec, type ArmPipelineJob } from './arm-pipeline-spec.js';

/** An ARM schedule trigger (`CronTrigger` or `RecurrenceTrigger`) as the Azure ML SDK sends it. */
export interface ArmTrigger {
  triggerType: string;
  expression?: string | null;
  frequency?: string | null;
  interval?: number | null;
  schedule?: { hours?: number[] | null; minutes?: number[] | null; weekDays?: string[] | null; monthDays?: number[] | null } | null;
  startTime?: string | null;
  endTime?: string | null;
  timeZone?: string | null;
}

/** The `properties` of a schedule as `ml_client.schedules.begin_create_or_update` PUTs it. */
export interface ArmScheduleProperties {
  displayName?: string | null;
  description?: string | null;
  tags?: Record<string, string> | null;
  properties?: Record<string, string> | null;
  isEnabled?: boolean | null;
  trigger: ArmTrigger;
  action: { actionType: string; jobDefinition?: (ArmPipelineJob & { jobType?: string }) | null };
}

/**
 * The Lathe schedule spec of an ARM schedule: the trigger in YAML spelling and the job it
 * creates, a pipeline (the only job the SDK schedules without private-preview features) read as
 * `PUT jobs/{name}` reads one. The schedule kind validates the result, naming Lathe's fields;
 * errors of this translation name ARM's.
 */
export function armScheduleToSpec(name: string, body: ArmScheduleProperties): Record<string, unknown> {
  if (body.action.actionType !== 'CreateJob') {
    throw new LatheError('LATHE_BAD_REQUEST', `properties.action.actionType: '${String(body.action.actionType).slice(0, 50)}' schedules are not served here; CreateJob schedules are`, {
      details: { field: 'properties.action.actionType' },
    });
  }
  const job = body.action.jobDefinition;
  if (job?.jobType !== 'Pipeline') {
    throw new LatheError('LATHE_BAD_REQUEST', `properties.action.jobDefinition.jobType: '${String(job?.jobType).slice(0, 50)}' jobs are not scheduled here; pipeline jobs are`, {
      details: { field: 'properties.action.jobDefinition.jobType' },
    });
  }
  const spec: Record<string, unknown> = { name, trigger: fromArmTrigger(body.trigger), create_job: armPipelineToSpec(job) };
  if (body.displayName) spec.display_name = body.displayName;
  if (body.description) spec.description = body.description;
  if (body.tags && Object.keys(body.tags).length > 0) spec.tags = body.tags;
  if (body.properties && Object.keys(body.properties).length > 0) spec.properties = body.properties;
  return spec;
}

function fromArmTrigger(trigger: ArmTrigger): Record<string, unknown> {
  const out: Record<string, unknown> = { type: String(trigger.triggerType).toLowerCase() };
  if (trigger.expression) out.expression = trigger.expression;
  if (trigger.frequency) out.frequency = trigger.frequency;
  if (typeof trigger.interval === 'number') out.interval = trigger.interval;
  const pattern = trigger.schedule;
  // The SDK sends a pattern with empty lists for a recurrence that has none.
  const given = (list: unknown[] | null | undefined) => list !== null && list !== undefined && list.length > 0;
  if (pattern && (given(pattern.hours) || given(pattern.minutes) || given(pattern.weekDays))) {
    out.schedule = {
      ...(given(pattern.hours) ? { hours: pattern.hours } : {}),
      ...(given(pattern.minutes) ? { minutes: pattern.minutes } : {}),
      ...(given(pattern.weekDays) ? { week_days: pattern.weekDays } : {}),
    };
  }
  if (trigger.startTime) out.start_time = trigger.startTime;
  if (trigger.endTime) out.end_time = trigger.endTime;
  if (trigger.timeZone) out.time_zone = trigger.timeZone;
  return out;
}

/** A Lathe trigger in ARM's spelling, for the schedule's resource. */
export function toArmTrigger(trigger: Record<string, unknown>): Record<string, unknown> {
  const pattern = trigger.schedule as { hours?: number | number[]; minutes?: number | number[]; week_days?: string | string[] } | undefined;
  const list = <T>(value: T | T[] | undefined) => (value === undefined ? undefined : Array.isArray(value) ? value : [value]);
  const out: Record<string, unknown> = {
    triggerType: trigger.type === 'cron' ? 'Cron' : 'Recurrence',
    timeZone: trigger.time_zone ?? 'UTC',
    ...(trigger.start_time !== undefined ? { startTime: trigger.start_time } : {}),
    ...(trigger.end_time !== undefined ? { endTime: trigger.end_time } : {}),
  };
  if (trigger.type === 'cron') return { ...out, expression: trigger.expression };
  out.frequency = trigger.frequency;
  out.interval = trigger.interval;
  if (pattern) {
    const weekDays = list(pattern.week_days)?.map((d) => d.charAt(0).toUpperCase() + d.slice(1));
    out.schedule = { hours: list(pattern.hours) ?? [], minutes: list(pattern.minutes) ?? [], ...(weekDays ? { weekDays } : {}) };
  }
  return out;
}
