import {
  ACTIVE_STATUSES,
  asStorageFull,
  isTerminal,
  notFound,
  statusesLeadingTo,
  type Failure,
  type JobHandle,
  type JobRecord,
  type JobStatus,
} from '@lathe/core';
import type { MetadataStore, TransitionPatch } from '@lathe/store';
import type { ComputeBackend } from './compute-backend.js';
import { JobEvents } from './job-events.js';
import { silentLogger, type Logger } from './logger.js';
import type { RuntimeReport } from './runtime-report.js';

/** Options for {@link Scheduler}. */
export interface SchedulerOptions {
  store: MetadataStore;
  backends: readonly ComputeBackend[];
  events?: JobEvents;
  logger?: Logger;
  /** Clock in milliseconds since the epoch. */
  now?: () => number;
  /** How often running jobs are polled on backends that cannot push exits (default 1000). */
  pollIntervalMs?: number;
  /** Grace between SIGTERM and SIGKILL on cancel (default 10 s). */
  cancelGraceMs?: number;
}

/** The outcome of a runtime report: the job as it is now, and whether the report moved it. */
export interface ReportOutcome {
  job: JobRecord;
  applied: boolean;
}

/**
 * Moves jobs through their states. It claims Queued jobs up to each backend's capacity, has the
 * backend prepare and launch them, applies the launcher's reports, handles cancels, and notices
 * launchers that die. Every move is a compare-and-set in the store, so a report racing a cancel
 * resolves to exactly one outcome. On start it fails jobs a previous server left active.
 */
export class Scheduler {
  /** The job events this scheduler announces on. */
  readonly events: JobEvents;
  private readonly store: MetadataStore;
  private readonly backends: Map<string, ComputeBackend>;
  private readonly logger: Logger;
  private readonly now: () => number;
  private readonly cancelGraceMs: number;
  private readonly pollIntervalMs: number;
  /** Jobs holding a backend slot, by `workspace/name`; the handle is null while launching. */
  private readonly active = new Map<string, { backend: string; handle: JobHandle | null }>();
  private timer: NodeJS.Timeout | undefined;
  private ticking: Promise<void> | undefined;
  private tickAgain = false;
  private stopped = true;
  /** Failures the store refused to record (a full disk), by `workspace/name`; retried each poll. */
  private readonly unrecorded = new Map<string, { job: JobRecord; failure: Failure }>();
  /** A claim failed in the store: the next poll wakes the scheduler to try again. */
  private claimFailed = false;
  /** Launches and exit handling under way, awaited by `stop` so nothing touches a closed store. */
  private readonly inflight = new Set<Promise<unknown>>();

  constructor(options: SchedulerOptions) {
    this.store = options.store;
    this.backends = new Map(options.backends.map((b) => [b.name, b]));
    this.events = options.events ?? new JobEvents();
    this.logger = options.logger ?? silentLogger;
    this.now = options.now ?? Date.now;
    this.cancelGraceMs = options.cancelGraceMs ?? 10_000;
    this.pollIntervalMs = options.pollIntervalMs ?? 1000;
  }

  /** Names of the computes jobs can run on. */
  get computeNames(): string[] {
    return [...this.backends.keys()];
  }

  /** Fails jobs left active by a previous server, then starts taking Queued jobs. */
  async start(): Promise<void> {
    await this.recover();
    this.stopped = false;
    for (const backend of this.backends.values()) {
      backend.onExit?.((h) => this.track(this.handleExit(h)));
      await backend.start?.();
    }
    this.timer = setInterval(() => this.track(this.pollActive()), this.pollIntervalMs);
    this.timer.unref();
    this.notify();
  }

  /** Stops taking jobs. Running jobs keep running; a restarted server fails them. */
  async stop(): Promise<void> {
    this.stopped = true;
    clearInterval(this.timer);
    await this.ticking;
    await Promise.allSettled([...this.inflight]);
    for (const backend of this.backends.values()) await backend.close?.();
  }

  private track(work: Promise<unknown>): void {
    const settled = work.catch((error: unknown) => this.logger.error({ err: error }, 'scheduler task failed'));
    this.inflight.add(settled);
    void settled.finally(() => this.inflight.delete(settled));
  }

  /** Wakes the scheduler: a job was queued or a slot was freed. Cheap and coalescing. */
  notify(): void {
    if (this.stopped) return;
    if (this.ticking) {
      this.tickAgain = true;
      return;
    }
    this.ticking = this.tick().finally(() => {
      this.ticking = undefined;
      if (this.tickAgain) {
        this.tickAgain = false;
        this.notify();
      }
    });
  }

  private async tick(): Promise<void> {
    try {
      for (const backend of this.backends.values()) await this.fill(backend);
    } catch (error) {
      this.logger.error({ err: error }, 'scheduler tick failed');
    }
  }

  private async fill(backend: ComputeBackend): Promise<void> {
    const busy = [...this.active.values()].filter((a) => a.backend === backend.name).length;
    const free = backend.capacity - busy;
    if (free <= 0) return;
    const queued = await this.store.findJobsByStatus(['Queued'], free * 4);
    for (const job of queued.filter((j) => this.backendFor(j) === backend).slice(0, free)) {
      const key = keyOf(job.workspace, job.name);
      if (this.active.has(key)) continue;
      this.active.set(key, { backend: backend.name, handle: null });
      this.track(this.launch(job, backend));
    }
  }

  private backendFor(job: JobRecord): ComputeBackend | undefined {
    return this.backends.get(job.compute);
  }

  private async launch(queued: JobRecord, backend: ComputeBackend): Promise<void> {
    const key = keyOf(queued.workspace, queued.name);
    const job = await this.claim(queued);
    if (!job) {
      this.active.delete(key);
      return;
    }
    let handle: JobHandle | undefined;
    try {
      handle = await backend.launch(job, await backend.prepare(job));
      this.active.set(key, { backend: backend.name, handle });
      await this.store.setJobHandle(job.workspace, job.name, handle);
      const now = await this.store.getJob(job.workspace, job.name);
      if (now?.status === 'CancelRequested') await backend.cancel(handle, this.cancelGraceMs);
    } catch (error) {
      this.active.delete(key);
      this.logger.error({ err: error, job: job.name }, 'launch failed');
      // A launcher started for a job that is failed here would run unrecorded.
      if (handle) await backend.cancel(handle, this.cancelGraceMs).catch(() => undefined);
      await this.fail(job, launchFailure(error));
      this.notify();
    }
  }

  // Queued → Preparing; a store that refuses the write (a full disk) leaves the job Queued for a
  // later round instead of holding its slot.
  private async claim(queued: JobRecord): Promise<JobRecord | undefined> {
    try {
      return await this.move(queued, ['Queued'], 'Preparing');
    } catch (error) {
      this.logger.error({ err: error, job: queued.name }, 'could not claim a queued job; trying again');
      this.claimFailed = true;
      return undefined;
    }
  }

  /** Applies a launcher's report. A report the job's state no longer allows changes nothing. */
  async report(workspace: string, name: string, report: RuntimeReport): Promise<ReportOutcome> {
    const job = await this.store.getJob(workspace, name);
    if (!job) throw notFound('job', name);
    let to: JobStatus = report.status;
    let patch: TransitionPatch = { exitCode: 'exitCode' in report ? report.exitCode : null };
    if (report.status === 'Failed') patch = { ...patch, failure: report.failure, reason: report.failure.type };
    if (report.status === 'Canceled' && job.status !== 'CancelRequested') {
      to = 'Failed';
      patch = { ...patch, failure: { type: 'SystemError', message: 'the job was stopped by a signal', nonRetryable: false, details: {} } };
    }
    // The legal moves live in core's transition table; the compare-and-set applies them.
    const moved = await this.move(job, statusesLeadingTo(to), to, patch);
    return moved ? { job: moved, applied: true } : { job: (await this.store.getJob(workspace, name)) ?? job, applied: false };
  }

  /**
   * Cancels a job: a job that has not started ends Canceled at once; a started one turns
   * CancelRequested and its backend is told to stop it. Idempotent; a finished job is returned
   * as it is.
   */
  async requestCancel(workspace: string, name: string): Promise<JobRecord> {
    for (let attempt = 0; attempt < 5; attempt++) {
      const job = await this.store.getJob(workspace, name);
      if (!job) throw notFound('job', name);
      if (isTerminal(job.status) || job.status === 'CancelRequested') return job;
      const early = job.status === 'NotStarted' || job.status === 'Queued';
      const moved = early
        ? await this.move(job, [job.status], 'Canceled', { reason: 'canceled before it started' })
        : await this.move(job, [job.status], 'CancelRequested');
      if (!moved) continue;
      const handle = this.active.get(keyOf(workspace, name))?.handle ?? moved.handle;
      if (!early && handle) await this.backends.get(handle.backend)?.cancel(handle, this.cancelGraceMs);
      return moved;
    }
    return (await this.store.getJob(workspace, name)) as JobRecord;
  }

  private async handleExit(handle: JobHandle): Promise<void> {
    if (this.stopped) return;
    const key = keyOf(handle.workspace, handle.job);
    if (this.active.get(key)?.handle?.id !== handle.id) return;
    this.active.delete(key);
    this.notify();
    const job = await this.store.getJob(handle.workspace, handle.job);
    if (!job || isTerminal(job.status)) return;
    if (job.status === 'CancelRequested') {
      await this.move(job, ['CancelRequested'], 'Canceled');
      return;
    }
    const state = await this.backends.get(handle.backend)?.poll(handle);
    const code = state?.state === 'exited' ? (state.exitCode ?? state.signal) : 'unknown';
    await this.fail(job, {
      type: 'LauncherLost',
      message: `the launcher exited (${code}) before reporting a result; see ${handle.folder}/launcher.log`,
      nonRetryable: false,
      details: { launcher_exit: code },
    });
  }

  private async pollActive(): Promise<void> {
    if (this.stopped) return;
    for (const { job, failure } of [...this.unrecorded.values()]) await this.fail(job, failure);
    if (this.claimFailed) {
      this.claimFailed = false;
      this.notify();
    }
    for (const { backend, handle } of [...this.active.values()]) {
      if (!handle) continue;
      const state = await this.backends.get(backend)?.poll(handle).catch(() => undefined);
      if (state && state.state !== 'running') await this.handleExit(handle);
    }
  }

  private async recover(): Promise<void> {
    const stuck = await this.store.findJobsByStatus(ACTIVE_STATUSES, 100_000);
    for (const job of stuck) {
      if (job.handle) await this.backends.get(job.handle.backend)?.recover?.(job.handle).catch(() => undefined);
      await this.fail(job, {
        type: 'ServerRestarted',
        message: `the server stopped while this job was ${job.status}; the job was stopped and can be submitted again`,
        nonRetryable: false,
        details: { status_at_restart: job.status },
      });
      this.logger.warn({ job: job.name, workspace: job.workspace }, 'failed a job left active by a previous server');
    }
  }

  // Fails a job from any state it can still fail from: the caller's copy may be stale. When the
  // store refuses the write (a full disk), the failure is kept and retried on each poll, so the
  // job does not stay in its state forever.
  private async fail(job: JobRecord, failure: Failure): Promise<JobRecord | undefined> {
    const key = keyOf(job.workspace, job.name);
    try {
      const moved = await this.move(job, statusesLeadingTo('Failed'), 'Failed', { failure, reason: failure.type });
      this.unrecorded.delete(key);
      return moved;
    } catch (error) {
      if (!this.unrecorded.has(key)) this.logger.error({ err: error, job: job.name }, 'could not record a job failure; trying again');
      this.unrecorded.set(key, { job, failure });
      return undefined;
    }
  }

  private async move(job: JobRecord, from: readonly JobStatus[], to: JobStatus, patch?: TransitionPatch): Promise<JobRecord | undefined> {
    const moved = await this.store.transitionJob({ workspace: job.workspace, name: job.name, from, to, at: this.now(), patch });
    if (moved) this.events.emitStatus(moved);
    return moved;
  }
}

function launchFailure(error: unknown): Failure {
  const full = asStorageFull(error);
  const details = full ? { error_code: full.code, ...full.details } : {};
  return { type: 'SystemError', message: `could not start the job: ${(full ?? (error as Error)).message}`, nonRetryable: false, details };
}

function keyOf(workspace: string, name: string): string {
  return `${workspace}/${name}`;
}
