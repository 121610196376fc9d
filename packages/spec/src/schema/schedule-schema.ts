import { Type, type Static } from '@sinclair/typebox';
import { schemaId } from './asset-fields.js';
import { LooseString, StringEnum, StringMap } from './keywords.js';

/**
 * Azure ML v2's `schedule` YAML (https://azuremlschemas.azureedge.net/latest/schedule.schema.json):
 * a trigger (`cron` or `recurrence`) and the job each fire creates (`create_job`: a job file's
 * path, or the job inline). The trigger is one mapping whose fields depend on its `type`;
 * `schedule.ts` checks that each type has its own fields and only those, parses the cron
 * expression and resolves the time zone.
 */

/** Azure's rule for schedule names, shortened so that a fired job's name (`<schedule>-<yyyyMMddHHmm>`) is a valid job name. */
export const SCHEDULE_NAME_PATTERN = '^[A-Za-z0-9][A-Za-z0-9_-]{0,99}$';

/** Trigger types. */
export const TRIGGER_TYPES = ['cron', 'recurrence'] as const;

/** Units of a recurrence. */
export const RECURRENCE_FREQUENCIES = ['minute', 'hour', 'day', 'week', 'month'] as const;

/** Days of `schedule.week_days`. */
export const WEEK_DAYS = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'] as const;

const LocalDateTime = LooseString({ description: 'ISO 8601 local date-time (2024-05-01T09:30:00), read in time_zone; an offset or Z makes it absolute' });

const HourList = Type.Union([Type.Integer({ minimum: 0, maximum: 23 }), Type.Array(Type.Integer({ minimum: 0, maximum: 23 }), { minItems: 1 })]);
const MinuteList = Type.Union([Type.Integer({ minimum: 0, maximum: 59 }), Type.Array(Type.Integer({ minimum: 0, maximum: 59 }), { minItems: 1 })]);
const WeekDayList = Type.Union([StringEnum(WEEK_DAYS), Type.Array(StringEnum(WEEK_DAYS), { minItems: 1 })]);

/** `trigger.schedule` of a recurrence: the hours, minutes and week days it fires at (day and week frequencies only). */
export const RecurrencePatternSchema = Type.Object(
  { hours: Type.Optional(HourList), minutes: Type.Optional(MinuteList), week_days: Type.Optional(WeekDayList) },
  { additionalProperties: false, title: 'RecurrencePattern' },
);

/** `trigger`: `type: cron` with `expression`, or `type: recurrence` with `frequency`, `interval` and `schedule`. */
export const TriggerSchema = Type.Object(
  {
    type: StringEnum(TRIGGER_TYPES),
    expression: Type.Optional(Type.String({ description: 'cron only: five fields, minute hour day-of-month month day-of-week' })),
    frequency: Type.Optional(StringEnum(RECURRENCE_FREQUENCIES, { description: 'recurrence only' })),
    interval: Type.Optional(Type.Integer({ minimum: 1, description: 'recurrence only: fire every interval × frequency' })),
    schedule: Type.Optional(RecurrencePatternSchema),
    start_time: Type.Optional(LocalDateTime),
    end_time: Type.Optional(LocalDateTime),
    time_zone: Type.Optional(Type.String({ default: 'UTC', description: "a Windows time-zone name as Azure takes ('Pacific Standard Time') or an IANA one ('America/Los_Angeles')" })),
  },
  { additionalProperties: false, title: 'Trigger' },
);

/** `create_job`: a job file's path (`./job.yml`, `file:job.yml`), or the job inline. */
export const CreateJobSchema = Type.Union([Type.String({ minLength: 1 }), Type.Object({ type: Type.String() }, { title: 'InlineJob' })]);

/** A schedule. */
export const ScheduleSchema = Type.Object(
  {
    $schema: Type.Optional(Type.String()),
    name: Type.String({ pattern: SCHEDULE_NAME_PATTERN, description: 'letters, digits, _ and -, starting with a letter or digit, at most 100 characters' }),
    display_name: Type.Optional(Type.String()),
    description: Type.Optional(Type.String()),
    tags: Type.Optional(StringMap()),
    properties: Type.Optional(StringMap()),
    trigger: TriggerSchema,
    create_job: CreateJobSchema,
  },
  { additionalProperties: false, $id: schemaId('schedule.schema.json'), title: 'Lathe schedule (Azure ML v2 schedule)' },
);

/** A validated schedule as read (its trigger not yet resolved). */
export type ScheduleSpec = Static<typeof ScheduleSchema>;

/** A validated trigger as read. */
export type TriggerSpec = Static<typeof TriggerSchema>;
