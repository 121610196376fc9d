/**
 * A schedule as recorded: its validated spec (the `create_job` inline, its local paths already
 * uploaded), whether it fires, and its firing bookkeeping. Times are milliseconds since the epoch.
 */
export interface ScheduleRecord {
  workspace: string;
  name: string;
  /** The validated schedule spec, `create_job` held inline. */
  spec: Record<string, unknown>;
  enabled: boolean;
  createdAt: number;
  updatedAt: number;
  /** The fire time (not the wall time it ran) of the last fire, or null before the first. */
  lastFiredAt: number | null;
  /** The next fire time; null when disabled or when the trigger has no more fire times. */
  nextFireAt: number | null;
  /** The job the last fire created; null before the first, or when that fire failed. */
  lastJob: string | null;
  /** Why the last fire created no job; null when it did. */
  lastError: string | null;
}

/** Input for {@link ScheduleStore.putSchedule}. */
export interface PutScheduleInput {
  workspace: string;
  name: string;
  spec: Record<string, unknown>;
  enabled: boolean;
  nextFireAt: number | null;
  /** Milliseconds since the epoch. */
  at: number;
}

/** Input for {@link ScheduleStore.recordFire}: the outcome of firing at `firedAt`. */
export interface RecordFireInput {
  workspace: string;
  name: string;
  /** The fire time that was due; the record is written only while it is still `nextFireAt`. */
  firedAt: number;
  /** The job created (or found already created for this fire time); null when the fire failed. */
  job: string | null;
  error: string | null;
  nextFireAt: number | null;
  at: number;
}

/**
 * Schedules of workspaces and their firing bookkeeping. Writes that race (two runners firing the
 * same schedule) are settled by {@link ScheduleStore.recordFire}'s compare-and-set on the fire
 * time. Implementations: `KyselyScheduleStore`; all pass `describeScheduleStore` from
 * `@lathe/testing`.
 */
export interface ScheduleStore {
  /**
   * Creates the schedule, or replaces its spec, enabled flag and next fire time (keeping
   * `createdAt` and the last fire). Throws `LATHE_NOT_FOUND` when the workspace does not exist.
   */
  putSchedule(input: PutScheduleInput): Promise<ScheduleRecord>;
  /** The schedule, or `undefined`. */
  getSchedule(workspace: string, name: string): Promise<ScheduleRecord | undefined>;
  /** The schedules of a workspace by name, or of every workspace (by workspace, then name). */
  listSchedules(workspace?: string): Promise<ScheduleRecord[]>;
  /** Deletes the schedule (the jobs it created stay); false when it did not exist. */
  deleteSchedule(workspace: string, name: string): Promise<boolean>;
  /** Enables or disables it with its new next fire time; `undefined` when it does not exist. */
  setScheduleEnabled(workspace: string, name: string, enabled: boolean, nextFireAt: number | null, at: number): Promise<ScheduleRecord | undefined>;
  /**
   * Records a fire and the next fire time, only when the schedule is enabled and `firedAt` is
   * still its next fire time; false when another runner recorded it first (or it changed).
   */
  recordFire(input: RecordFireInput): Promise<boolean>;
  /** Enabled schedules whose next fire time is at or before `at`, earliest first. */
  listDueSchedules(at: number): Promise<ScheduleRecord[]>;
  /** The earliest next fire time of any enabled schedule, or `undefined` when none will fire. */
  earliestFireTime(): Promise<number | undefined>;
}
