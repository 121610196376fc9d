import type { JobsContext } from '@lathe/jobs';
import type { Scheduler } from '@lathe/scheduler';
import type { ScheduleRunner } from '@lathe/jobs';
import type { ScheduleStore, WorkspaceStore } from '@lathe/store';

/**
 * What route plugins share: the stores, the scheduler and the job kinds (everything job
 * submission needs, {@link JobsContext}), and what only the server has. Built once by
 * `startServer`.
 */
export interface ServerContext extends JobsContext {
  scheduler: Scheduler;
  /** Workspaces' metadata and their named compute targets. */
  workspaces: WorkspaceStore;
  /** Schedules as stored; changes go through {@link ServerContext.scheduleRunner}, which keeps its timer. */
  schedules: ScheduleStore;
  /** Fires schedules; creating, enabling and disabling one goes through it. */
  scheduleRunner: ScheduleRunner;
  version: string;
  /** The built Studio's folder, or `undefined` when Studio is not built (then `/` is plain text). */
  studioRoot?: string | undefined;
  /** The port of the plain HTTP listener (Studio's address on this machine), once it listens. */
  httpPort?: number | undefined;
}
