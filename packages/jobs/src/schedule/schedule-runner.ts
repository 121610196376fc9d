import { LatheError, notFound, type JobRecord } from '@lathe/core';
import type { MetadataStore, ScheduleRecord, ScheduleStore } from '@lathe/store';
import type { ScheduleSpec } from '@lathe/spec';
import type { SubmitJobRequest } from '../submit-job.js';
import { firedJobName } from './fired-job-name.js';
import { scheduleFireTime } from './schedule-fire-time.js';

/** What the runner logs through: a warning for each fire that created no job. */
export interface ScheduleLogger {
  info(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
}

/** Options for {@link ScheduleRunner}. */
export interface ScheduleRunnerOptions {
  /** Creates a job as a user's is created: `submitJob` over the server's context. */
  submit: (workspace: string, request: SubmitJobRequest) => Promise<JobRecord>;
  /** Where fired jobs are found again (a retried fire finds its job). */
  jobs: Pick<MetadataStore, 'getJob'>;
  schedules: ScheduleStore;
  /** Told of each job a fire created (the server announces it and wakes the scheduler). */
  onJobCreated?: (job: JobRecord) => void;
  logger?: ScheduleLogger;
  /** The time, in milliseconds since the epoch; tests pass their own. */
  now?: () => number;
  /**
   * The longest the timer sleeps before looking again, so schedules another server process
   * changed are seen (default 60 s).
   */
  maxSleepMs?: number;
}

/**
 * Fires schedules: keeps one timer for the earliest next fire time and, when it rings, creates
 * each due schedule's job through `submitJob` (the path a user's job takes), named by its fire
 * time so a fire creates one job whoever retries it, then records the fire and the next fire
 * time. Fires missed while no runner ran fire once, and the next fire is the first after now.
 * A fire whose job is refused is recorded on the schedule (`lastError`) and logged; it does not
 * stop the runner. Creating, enabling and disabling schedules also go through here, so the
 * timer always knows.
 */
export class ScheduleRunner {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> = Promise.resolve();
  private stopped = true;
  private readonly now: () => number;

  constructor(private readonly options: ScheduleRunnerOptions) {
    this.now = options.now ?? Date.now;
  }

  /** Fires what is due (what came due while no runner ran, once each) and arms the timer. */
  async start(): Promise<void> {
    this.stopped = false;
    await this.runDue();
  }

  /** Disarms the timer and waits for a fire under way. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    await this.running;
  }

  /**
   * Creates or replaces a schedule from a validated spec (its `create_job` inline); its next fire
   * is the first after now. Throws `LATHE_NOT_FOUND` for a missing workspace.
   */
  async put(workspace: string, spec: ScheduleSpec, enabled = true): Promise<{ schedule: ScheduleRecord; created: boolean }> {
    const at = this.now();
    const existing = await this.options.schedules.getSchedule(workspace, spec.name);
    const nextFireAt = enabled ? scheduleFireTime(spec, at - 1, existing?.createdAt ?? at) : null;
    const schedule = await this.options.schedules.putSchedule({ workspace, name: spec.name, spec, enabled, nextFireAt, at });
    this.wake();
    return { schedule, created: existing === undefined };
  }

  /** Enables (its next fire the first after now) or disables a schedule; `LATHE_NOT_FOUND` when missing. */
  async setEnabled(workspace: string, name: string, enabled: boolean): Promise<ScheduleRecord> {
    const existing = await this.options.schedules.getSchedule(workspace, name);
    if (existing === undefined) throw notFound('schedule', name);
    const at = this.now();
    const nextFireAt = enabled ? scheduleFireTime(existing.spec as ScheduleSpec, at - 1, existing.createdAt) : null;
    const schedule = (await this.options.schedules.setScheduleEnabled(workspace, name, enabled, nextFireAt, at)) ?? existing;
    this.wake();
    return schedule;
  }

  /** Fires every schedule due now, one after another; concurrent calls run in turn. */
  runDue(): Promise<void> {
    this.running = this.running.then(() => this.fireDue());
    return this.running;
  }

  /** Re-reads the earliest fire time and re-arms the timer (after any change to schedules). */
  wake(): void {
    if (!this.stopped) void this.runDue();
  }

  private async fireDue(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    let failed = false;
    try {
      for (const schedule of await this.options.schedules.listDueSchedules(this.now())) await this.fire(schedule);
    } catch (error) {
      failed = true;
      this.options.logger?.warn({ err: error }, 'schedules could not be read or recorded; retrying in a second');
    }
    await this.arm(failed);
  }

  // A store that fails would otherwise be retried at once, over and over: wait a second then.
  private async arm(failed: boolean): Promise<void> {
    if (this.stopped) return;
    const earliest = await this.options.schedules.earliestFireTime().catch(() => undefined);
    const maxSleep = this.options.maxSleepMs ?? 60_000;
    const delay = earliest === undefined ? maxSleep : Math.min(maxSleep, Math.max(failed ? 1_000 : 0, earliest - this.now()));
    this.timer = setTimeout(() => void this.runDue(), delay);
    this.timer.unref();
  }

  private async fire(schedule: ScheduleRecord): Promise<void> {
    const firedAt = schedule.nextFireAt as number;
    const outcome = await this.createJob(schedule, firedAt);
    const at = this.now();
    let nextFireAt: number | null = null;
    try {
      nextFireAt = scheduleFireTime(schedule.spec as ScheduleSpec, Math.max(at, firedAt), schedule.createdAt);
    } catch (error) {
      outcome.error ??= (error as Error).message;
    }
    await this.options.schedules.recordFire({ workspace: schedule.workspace, name: schedule.name, firedAt, job: outcome.job, error: outcome.error, nextFireAt, at });
  }

  private async createJob(schedule: ScheduleRecord, firedAt: number): Promise<{ job: string | null; error: string | null }> {
    const name = firedJobName(schedule.name, firedAt);
    const spec = structuredClone((schedule.spec as ScheduleSpec).create_job) as Record<string, unknown>;
    try {
      const job = await this.options.submit(schedule.workspace, { spec, name, schedule: schedule.name });
      this.options.onJobCreated?.(job);
      this.options.logger?.info({ workspace: schedule.workspace, schedule: schedule.name, job: name }, 'schedule fired');
      return { job: name, error: null };
    } catch (error) {
      if (await this.firedBefore(schedule, name, error)) return { job: name, error: null };
      const message = error instanceof Error ? error.message : String(error);
      const code = error instanceof LatheError ? error.code : 'LATHE_INTERNAL';
      this.options.logger?.warn({ workspace: schedule.workspace, schedule: schedule.name, code, err: error }, `schedule '${schedule.name}' fired but its job was refused: ${message}`);
      return { job: null, error: message };
    }
  }

  // The job of this fire time exists already: this fire was made before (another runner, or
  // this one before a crash); it counts as this fire's job.
  private async firedBefore(schedule: ScheduleRecord, name: string, error: unknown): Promise<boolean> {
    if (!(error instanceof LatheError) || error.code !== 'LATHE_CONFLICT') return false;
    const job = await this.options.jobs.getJob(schedule.workspace, name);
    return job?.schedule === schedule.name;
  }
}
