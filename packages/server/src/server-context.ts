import type { JobsContext } from '@lathe/jobs';
import type { Scheduler } from '@lathe/scheduler';
import type { WorkspaceStore } from '@lathe/store';

/**
 * What route plugins share: the stores, the scheduler and the job kinds (everything job
 * submission needs, {@link JobsContext}), and what only the server has. Built once by
 * `startServer`.
 */
export interface ServerContext extends JobsContext {
  scheduler: Scheduler;
  /** Workspaces' metadata and their named compute targets. */
  workspaces: WorkspaceStore;
  version: string;
  /** The built Studio's folder, or `undefined` when Studio is not built (then `/` is plain text). */
  studioRoot?: string | undefined;
  /** The port of the plain HTTP listener (Studio's address on this machine), once it listens. */
  httpPort?: number | undefined;
}
