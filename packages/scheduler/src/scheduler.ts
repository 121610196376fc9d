import { ACTIVE_STATUSES, LatheError, asStorageFull, isTerminal, notFound, statusesLeadingTo, type Failure, type JobHandle, type JobRecord, type JobStatus } from '@lathe/core';
import type { MetadataStore, TransitionPatch } from '@lathe/store';
import type { ComputeBackend, ReattachResult } from './compute-backend.js';
import type { ComputeTarget } from './compute-target.js';
import type { ControllerContext, FinalizationPlan, FinalizationStep, JobController, SubmitChildJob } from './job-controller.js';
import { JobEvents } from './job-events.js';
import { silentLogger, type Logger } from './logger.js';
import type { RuntimeReport } from './runtime-report.js';

/** Options for {@link Scheduler}. */
export interface SchedulerOptions {
  store: MetadataStore;
  backends: readonly ComputeBackend[];
  /**
   * The named compute targets, read on every round so that targets created, changed or deleted
   * while the server runs take effect at once. Without it, jobs queue only on the backends.
   */
  targets?: () => Promise<readonly ComputeTarget[]>;
  events?: JobEvents;
  logger?: Logger;
  /** Clock in milliseconds since the epoch. */
  now?: () => number;
  /** How often running jobs are polled on backends that cannot push exits (default 1000). */
  pollIntervalMs?: number;
  /** Grace between SIGTERM and SIGKILL on cancel (default 10 s). */
  cancelGraceMs?: number;
  /** Job kinds run by a controller instead of a backend, by job type. */
  controllers?: ReadonlyMap<string, JobController>;
  /** How controllers create their children: the same submission as a user's job. */
  submitChild?: SubmitChildJob;
  /**
   * The steps that publish a Completed job's outputs. With it, a launcher's `Completed` leaves
   * the job Finalizing until every step is done, each recorded in the store as it is.
   */
  finalization?: FinalizationPlan;
  /**
   * Called at named points of durable work (`finalize:outcome-recorded`, `finalize:ran:<step>`,
   * `finalize:recorded:<step>`), so that a test can kill the server exactly there.
   */
  crashPoint?: (point: string) => void;
}

/** The outcome of a runtime report: the job as it is now, and whether the report moved it. */
export interface ReportOutcome {
  job: JobRecord;
  applied: boolean;
}

/**
 * Moves jobs through their states. It claims Queued jobs up to each backend's capacity, one
 * queue per compute, has the backend prepare and launch them, applies the launcher's reports,
 * publishes a Completed job's outputs step by step, handles cancels (down to a job's children),
 * notices launchers that die, and advances controller jobs as their children move. Every move is
 * a compare-and-set in the store, so a report racing a cancel resolves to exactly one outcome.
 * On start it re-attaches the jobs a previous server left running and resumes what it left half
 * done; only jobs that are really gone are failed.
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
  /**
   * Jobs holding a slot, by `workspace/name`; the handle is null while launching. `queue` is the
   * backend's name, or a named target's `workspace/name` key (see `queueOf`).
   */
  private readonly active = new Map<string, { backend: string; queue: string; handle: JobHandle | null }>();
  private readonly targets: () => Promise<readonly ComputeTarget[]>;
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
  private readonly controllers: ReadonlyMap<string, JobController>;
  private readonly controllerTypeList: readonly string[];
  private readonly submitChild: SubmitChildJob | undefined;
  private readonly finalization: FinalizationPlan | undefined;
  private readonly crashPoint: (point: string) => void;
  /** Live children of controller jobs, `workspace/child` → parent: whose metric writes advance the parent. */
  private readonly watched = new Map<string, string>();
  /** Pending `recheckAt` wake-ups of controller jobs, by `workspace/name`. */
  private readonly rechecks = new Map<string, NodeJS.Timeout>();
  /** Controller jobs being advanced, by `workspace/name`; `again` asks for one more round. */
  private readonly advancing = new Map<string, { again: boolean }>();
  /** Jobs whose outputs are being published, by `workspace/name`. */
  private readonly finalizing = new Set<string>();
  /** Publishing that stopped on a store error, retried each poll. */
  private readonly unfinalized = new Map<string, JobRecord>();
  private stopListening: (() => void) | undefined;

  constructor(options: SchedulerOptions) {
    this.store = options.store;
    this.backends = new Map(options.backends.map((b) => [b.name, b]));
    this.targets = options.targets ?? (async () => []);
    this.events = options.events ?? new JobEvents();
    this.logger = options.logger ?? silentLogger;
    this.now = options.now ?? Date.now;
    this.cancelGraceMs = options.cancelGraceMs ?? 10_000;
    this.pollIntervalMs = options.pollIntervalMs ?? 1000;
    this.controllers = options.controllers ?? new Map();
    this.controllerTypeList = [...this.controllers.keys()];
    this.submitChild = options.submitChild;
    this.finalization = options.finalization;
    this.crashPoint = options.crashPoint ?? (() => undefined);
  }

  /** Job types a controller runs. */
  get controllerTypes(): readonly string[] {
    return this.controllerTypeList;
  }

  /** Names of the computes jobs can run on. */
  get computeNames(): string[] {
    return [...this.backends.keys()];
  }

  /** How many jobs the backend of that name runs at once; `undefined` when there is none. */
  capacityOf(compute: string): number | undefined {
    return this.backends.get(compute)?.capacity;
  }

  /**
   * Re-attaches or fails the jobs a previous server left active, then starts taking Queued jobs
   * and resumes controllers and publishing that were under way.
   */
  async start(): Promise<void> {
    const resume = await this.recover();
    this.stopped = false;
    for (const backend of this.backends.values()) {
      backend.onExit?.((h) => this.track(this.handleExit(h)));
      await backend.start?.();
    }
    // A child's every move may be what its controller waits for.
    const stopStatus = this.events.onStatus((job) => {
      if (isTerminal(job.status)) this.watched.delete(keyOf(job.workspace, job.name));
      if (job.parent !== null && this.controllers.size > 0) this.advance(job.workspace, job.parent);
    });
    // A running child's metrics are what an early-termination policy decides from.
    const stopMetrics = this.events.onMetrics((workspace, runId) => {
      const parent = this.watched.get(keyOf(workspace, runId));
      if (parent !== undefined) this.advance(workspace, parent);
    });
    this.stopListening = () => {
      stopStatus();
      stopMetrics();
    };
    this.timer = setInterval(() => this.track(this.pollActive()), this.pollIntervalMs);
    this.timer.unref();
    for (const job of resume) {
      if (this.controllers.has(job.type)) this.advance(job.workspace, job.name);
      else this.track(this.finalize(job));
    }
    this.notify();
  }

  /** Stops taking jobs. Running jobs keep running; a restarted server re-attaches them. */
  async stop(): Promise<void> {
    this.stopped = true;
    this.stopListening?.();
    clearInterval(this.timer);
    for (const timer of this.rechecks.values()) clearTimeout(timer);
    this.rechecks.clear();
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
    // Each compute has its own queue: a busy target never holds back another one's jobs.
    for (const backend of this.backends.values()) {
      try {
        await this.fill(backend, backend.name, backend.capacity, { compute: backend.name });
      } catch (error) {
        this.logger.error({ err: error, compute: backend.name }, 'scheduler tick failed');
      }
    }
    await this.fillTargets();
    try {
      await this.startControllers();
    } catch (error) {
      this.logger.error({ err: error }, 'scheduler tick failed for controller jobs');
    }
  }

  private async fillTargets(): Promise<void> {
    let targets: readonly ComputeTarget[];
    try {
      targets = await this.targets();
    } catch (error) {
      this.logger.error({ err: error }, 'scheduler tick failed: could not read the compute targets');
      return;
    }
    for (const target of targets) {
      const backend = this.backends.get(target.backend);
      if (!backend) continue;
      try {
        await this.fill(backend, keyOf(target.workspace, target.name), target.capacity, { compute: target.name, workspace: target.workspace });
      } catch (error) {
        this.logger.error({ err: error, compute: target.name, workspace: target.workspace }, 'scheduler tick failed');
      }
    }
  }

  // One queue: the jobs of `filter` take the free slots of `queue`, and run on `backend`.
  private async fill(backend: ComputeBackend, queue: string, capacity: number, filter: { compute: string; workspace?: string }): Promise<void> {
    const mine = [...this.active.values()].filter((a) => a.queue === queue);
    const free = capacity - mine.length;
    if (free <= 0) return;
    // Jobs still being claimed are Queued in the store too; ask for enough to see past them.
    const launching = mine.filter((a) => a.handle === null).length;
    const queued = await this.store.findJobsByStatus(['Queued'], free + launching, { ...filter, excludeTypes: this.controllerTypes });
    let started = 0;
    for (const job of queued) {
      if (started >= free) break;
      const key = keyOf(job.workspace, job.name);
      if (this.active.has(key)) continue;
      this.active.set(key, { backend: backend.name, queue, handle: null });
      started++;
      this.track(this.launch(job, backend));
    }
  }

  // Controller jobs hold no slot: they only create jobs, which queue for slots like any other.
  private async startControllers(): Promise<void> {
    if (this.controllers.size === 0) return;
    const queued = await this.store.findJobsByStatus(['Queued'], 100, { types: this.controllerTypes });
    for (const job of queued) {
      const claimed = await this.claim(job);
      const started = claimed && (await this.move(claimed, ['Preparing'], 'Running'));
      if (started) this.advance(started.workspace, started.name);
    }
  }

  private async launch(queued: JobRecord, backend: ComputeBackend): Promise<void> {
    const key = keyOf(queued.workspace, queued.name);
    // The handle is stored before the launch (with the claim, when the backend can name it up
    // front), so a restarted server knows where to look for this job even if it stopped between
    // the launch and any record of its process.
    const planned = backend.handleFor?.(queued);
    const job = await this.claim(queued, planned);
    if (!job) {
      this.active.delete(key);
      return;
    }
    let handle: JobHandle | undefined;
    try {
      const prepared = await backend.prepare(job);
      if (!planned || prepared.folder !== planned.folder) await this.store.setJobHandle(job.workspace, job.name, prepared);
      handle = await backend.launch(job, prepared);
      this.active.set(key, { backend: backend.name, queue: this.queueOf(job), handle });
      // The stored handle is enough for a restarted server: the backend finds the process from
      // the job's folder (`reattach`), so the launch costs no second write.
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
  private async claim(queued: JobRecord, handle?: JobHandle): Promise<JobRecord | undefined> {
    try {
      return await this.move(queued, ['Queued'], 'Preparing', handle ? { handle } : undefined);
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
    if (report.status === 'Completed' && this.finalization) return this.beginFinalization(job, report.exitCode);
    let to: JobStatus = report.status;
    let patch: TransitionPatch = { exitCode: 'exitCode' in report ? report.exitCode : null };
    if (report.status === 'Failed') patch = { ...patch, failure: report.failure, reason: report.failure.type };
    // A job asked to stop ends Canceled even when stopping broke what it was doing (a signal
    // reaching its environment build reads as a failure to the launcher).
    if (report.status === 'Failed' && job.status === 'CancelRequested') {
      to = 'Canceled';
      patch = { exitCode: report.exitCode, reason: `stopped while canceling: ${report.failure.type}` };
    }
    if (report.status === 'Canceled' && job.status !== 'CancelRequested') {
      to = 'Failed';
      patch = { ...patch, failure: { type: 'SystemError', message: 'the job was stopped by a signal', nonRetryable: false, details: {} } };
    }
    // The legal moves live in core's transition table; the compare-and-set applies them.
    const moved = await this.move(job, statusesLeadingTo(to), to, patch);
    return this.outcome(job, moved);
  }

  /**
   * Cancels a job: a job that has not started ends Canceled at once; a started one turns
   * CancelRequested and its backend is told to stop it. `reason` (a policy that stopped a trial)
   * goes on the history. Idempotent; a finished job is returned as it is.
   */
  async requestCancel(workspace: string, name: string, reason?: string): Promise<JobRecord> {
    for (let attempt = 0; attempt < 5; attempt++) {
      const job = await this.store.getJob(workspace, name);
      if (!job) throw notFound('job', name);
      if (isTerminal(job.status) || job.status === 'CancelRequested') return job;
      const early = job.status === 'NotStarted' || job.status === 'Queued';
      const moved = early
        ? await this.move(job, [job.status], 'Canceled', { reason: reason ?? 'canceled before it started' })
        : await this.move(job, [job.status], 'CancelRequested', reason === undefined ? undefined : { reason });
      if (!moved) continue;
      if (this.controllers.has(moved.type)) {
        // Its children are canceled as the controller is advanced; it ends once they have.
        if (!early) this.advance(workspace, name);
        return moved;
      }
      const handle = this.active.get(keyOf(workspace, name))?.handle ?? moved.handle;
      if (!early && handle?.id) await this.backends.get(handle.backend)?.cancel(handle, this.cancelGraceMs);
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
    // A job whose outputs are being published no longer needs its launcher.
    if (!job || isTerminal(job.status) || job.finalization) return;
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
    for (const job of [...this.unfinalized.values()]) await this.finalize(job);
    if (this.claimFailed) {
      this.claimFailed = false;
      this.notify();
    }
    for (const { backend, handle } of [...this.active.values()]) {
      if (!handle) continue;
      const state = await this.backends
        .get(backend)
        ?.poll(handle)
        .catch(() => undefined);
      if (state && state.state !== 'running') await this.handleExit(handle);
    }
  }

  /**
   * What a previous server left active: a launched job still running is adopted again, one that
   * is gone is failed (Canceled when a cancel was asked for), one never launched is failed as it
   * never ran. Returns the controller jobs and the publishing to resume once started.
   */
  private async recover(): Promise<JobRecord[]> {
    const resume: JobRecord[] = [];
    for (const job of await this.store.findJobsByStatus(ACTIVE_STATUSES, 100_000)) {
      if (this.controllers.has(job.type)) {
        // Claimed but not yet marked started: it created nothing it could not create again.
        const started = job.status === 'Preparing' ? await this.move(job, ['Preparing'], 'Running') : job;
        resume.push(started ?? job);
      } else if (job.finalization) {
        resume.push(job);
      } else {
        await this.reattach(job);
      }
    }
    return resume;
  }

  private async reattach(job: JobRecord): Promise<void> {
    const neverLaunched: Failure = {
      type: 'ServerRestarted',
      message: `the server stopped while this job was ${job.status}, before it was launched; the job did not run and can be submitted again`,
      nonRetryable: false,
      details: { status_at_restart: job.status },
    };
    const backend = job.handle ? this.backends.get(job.handle.backend) : undefined;
    if (!job.handle || !backend) {
      await this.endLost(job, neverLaunched);
      return;
    }
    const found = await backend.reattach(job.handle).catch((error: unknown): ReattachResult => ({ state: 'gone', detail: (error as Error).message }));
    if (found.state === 'gone' && found.neverStarted) {
      await this.endLost(job, neverLaunched);
      return;
    }
    if (found.state === 'running') {
      this.active.set(keyOf(job.workspace, job.name), { backend: backend.name, queue: this.queueOf(job), handle: found.handle });
      if (found.handle.id !== job.handle.id) await this.store.setJobHandle(job.workspace, job.name, found.handle);
      if (job.status === 'CancelRequested') await backend.cancel(found.handle, this.cancelGraceMs);
      this.logger.info({ job: job.name, workspace: job.workspace }, 're-attached a job left running by a previous server');
      return;
    }
    await this.endLost(job, {
      type: 'LauncherLost',
      message: `the job's process ended while the server was down (${found.detail}); see ${job.handle.folder}/launcher.log`,
      nonRetryable: false,
      details: { status_at_restart: job.status },
    });
    this.logger.warn({ job: job.name, workspace: job.workspace }, 'failed a job whose process ended while the server was down');
  }

  private async endLost(job: JobRecord, failure: Failure): Promise<void> {
    if (job.status === 'CancelRequested') await this.move(job, ['CancelRequested'], 'Canceled', { reason: failure.type });
    else await this.fail(job, failure);
  }

  /** Advances a controller job; calls for the same job run one at a time, coalescing. */
  private advance(workspace: string, name: string): void {
    if (this.stopped) return;
    const key = keyOf(workspace, name);
    const running = this.advancing.get(key);
    if (running) {
      running.again = true;
      return;
    }
    const entry = { again: true };
    this.advancing.set(key, entry);
    this.track(
      (async () => {
        try {
          while (entry.again && !this.stopped) {
            entry.again = false;
            await this.advanceOnce(workspace, name);
          }
        } finally {
          this.advancing.delete(key);
        }
      })(),
    );
  }

  private async advanceOnce(workspace: string, name: string): Promise<void> {
    const job = await this.store.getJob(workspace, name);
    const controller = job && this.controllers.get(job.type);
    if (!job || !controller || isTerminal(job.status)) return;
    const children = await this.childrenOf(job);
    // Children leave `watched` as they end (see `start`).
    for (const child of children) if (!isTerminal(child.status)) this.watched.set(keyOf(workspace, child.name), name);
    const live = children.filter((c) => !isTerminal(c.status));
    if (job.status === 'CancelRequested') {
      for (const child of live) await this.requestCancel(child.workspace, child.name);
      if (live.length === 0) await this.move(job, ['CancelRequested'], 'Canceled');
      return;
    }
    if (job.status !== 'Running') return;
    let decision;
    try {
      decision = await controller.advance(job, children, this.controllerContext(job));
    } catch (error) {
      decision = { status: 'Failed' as const, failure: { type: 'SystemError' as const, message: `the ${job.type} controller failed: ${(error as Error).message}`, nonRetryable: false, details: {} } };
    }
    if (decision.status === 'Running') {
      if (decision.recheckAt !== undefined) this.recheckAt(workspace, name, decision.recheckAt);
    } else if (decision.status === 'Completed') {
      await this.move(job, ['Running'], 'Completed');
    } else if (decision.status === 'Canceled') {
      // The next round cancels the children and ends the job once they have.
      if (await this.move(job, ['Running'], 'CancelRequested', { reason: decision.reason })) this.advance(workspace, name);
    } else {
      for (const child of live) await this.requestCancel(child.workspace, child.name);
      await this.fail(job, decision.failure);
    }
  }

  // One wake-up per controller job: a later decision replaces the earlier one.
  private recheckAt(workspace: string, name: string, at: number): void {
    const key = keyOf(workspace, name);
    clearTimeout(this.rechecks.get(key));
    // setTimeout's limit is 2^31-1 ms (~24.8 days); a farther deadline wakes early and is asked again.
    const delay = Math.min(Math.max(0, at - this.now()), 2 ** 31 - 1);
    const timer = setTimeout(() => {
      this.rechecks.delete(key);
      this.advance(workspace, name);
    }, delay);
    timer.unref();
    this.rechecks.set(key, timer);
  }

  private controllerContext(parent: JobRecord): ControllerContext {
    return {
      createChild: async (request) => {
        if (!this.submitChild) throw new Error('this scheduler cannot create child jobs');
        let child: JobRecord;
        try {
          child = await this.submitChild(parent, request);
        } catch (error) {
          const existing = error instanceof LatheError && error.code === 'LATHE_CONFLICT' ? await this.store.getJob(parent.workspace, request.name) : undefined;
          if (existing?.parent !== parent.name) throw error;
          return existing;
        }
        if (!isTerminal(child.status)) this.watched.set(keyOf(parent.workspace, child.name), parent.name);
        this.events.emitStatus(child);
        this.notify();
        return child;
      },
      cancelChild: async (name, reason) => {
        const child = await this.store.getJob(parent.workspace, name);
        if (child?.parent !== parent.name) throw new Error(`'${name}' is not a child of '${parent.name}'`);
        await this.requestCancel(parent.workspace, name, reason);
      },
      saveState: async (state) => {
        await this.store.updateJobProgress({ workspace: parent.workspace, name: parent.name, from: ['Running'], at: this.now(), controllerState: state });
      },
    };
  }

  /** Every child of a job, oldest first. */
  async childrenOf(job: Pick<JobRecord, 'workspace' | 'name'>): Promise<JobRecord[]> {
    const children: JobRecord[] = [];
    let pageToken: string | undefined;
    do {
      const page = await this.store.listJobs({ workspace: job.workspace, parent: job.name, limit: 1000, ...(pageToken ? { pageToken } : {}) });
      children.push(...page.jobs);
      pageToken = page.nextPageToken;
    } while (pageToken);
    return children.reverse();
  }

  // The launcher's Completed: the job stays Finalizing (or CancelRequested) with the outcome
  // recorded until its outputs are published, so a crash in between resumes the publishing.
  private async beginFinalization(job: JobRecord, exitCode: number): Promise<ReportOutcome> {
    if (job.finalization || isTerminal(job.status)) return { job, applied: false };
    const steps = this.finalization ? await this.finalization(job) : [];
    // Nothing to publish: Completed at once, as one write.
    if (steps.length === 0) {
      const moved = await this.move(job, statusesLeadingTo('Completed'), 'Completed', { exitCode });
      return this.outcome(job, moved);
    }
    const finalization = { outcome: { status: 'Completed' as const, exitCode }, done: [] };
    const at = this.now();
    const moved =
      job.status === 'Preparing' || job.status === 'Running'
        ? await this.move(job, [job.status], 'Finalizing', { exitCode, finalization })
        : await this.store.updateJobProgress({ workspace: job.workspace, name: job.name, from: ['Finalizing', 'CancelRequested'], at, finalization });
    if (!moved) return this.outcome(job, moved);
    this.crashPoint('finalize:outcome-recorded');
    this.track(this.finalize(moved, steps));
    return { job: moved, applied: true };
  }

  // A report's answer: the moved job, or the job as it is now when the report changed nothing.
  private async outcome(job: JobRecord, moved: JobRecord | undefined): Promise<ReportOutcome> {
    return moved ? { job: moved, applied: true } : { job: (await this.store.getJob(job.workspace, job.name)) ?? job, applied: false };
  }

  /** Runs the publishing steps not done yet (`steps`: the plan, when the caller has it already). */
  private async finalize(job: JobRecord, steps?: FinalizationStep[]): Promise<void> {
    const key = keyOf(job.workspace, job.name);
    const finalization = job.finalization;
    if (!finalization || !this.finalization || this.finalizing.has(key) || this.stopped) return;
    this.finalizing.add(key);
    this.unfinalized.delete(key);
    try {
      const done = [...finalization.done];
      for (const step of steps ?? (await this.finalization(job))) {
        if (done.includes(step.name)) continue;
        try {
          await step.run();
        } catch (error) {
          this.logger.error({ err: error, job: job.name, step: step.name }, 'publishing an output failed');
          await this.fail(job, { type: 'SystemError', message: `publishing the job's outputs failed: ${step.name}: ${(error as Error).message}`, nonRetryable: false, details: { step: step.name } });
          return;
        }
        this.crashPoint(`finalize:ran:${step.name}`);
        done.push(step.name);
        await this.store.updateJobProgress({ workspace: job.workspace, name: job.name, from: ['Finalizing', 'CancelRequested'], at: this.now(), finalization: { ...finalization, done } });
        this.crashPoint(`finalize:recorded:${step.name}`);
      }
      await this.move(job, ['Finalizing', 'CancelRequested'], 'Completed', { exitCode: finalization.outcome.exitCode, finalization: null });
    } catch (error) {
      // The store refused a write (a full disk): try again on the next poll.
      this.logger.error({ err: error, job: job.name }, 'could not record publishing progress; trying again');
      const latest = await this.store.getJob(job.workspace, job.name).catch(() => undefined);
      if (latest?.finalization && !isTerminal(latest.status)) this.unfinalized.set(key, latest);
    } finally {
      this.finalizing.delete(key);
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

  // A job on a backend's own name queues there; any other compute it was accepted on is a named target.
  private queueOf(job: JobRecord): string {
    return this.backends.has(job.compute) ? job.compute : keyOf(job.workspace, job.compute);
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
