import type { Failure } from './failure.js';

/**
 * What a launcher tells the server about its job. The scheduler turns each report into a state
 * change when the job's current state allows it. The REST schema (`RuntimeReportRequest` in
 * `@lathe/api`) is checked against this type when it is built, and the SDK sends this type.
 */
export type RuntimeReport =
  /** Inputs are in place and the user's command has started. */
  | { status: 'Running' }
  /** The command has ended; outputs are being uploaded. */
  | { status: 'Finalizing'; exitCode: number | null }
  /** The command exited 0 and the outputs are stored. */
  | { status: 'Completed'; exitCode: number }
  /** The command failed, timed out, or the launcher could not prepare it. */
  | { status: 'Failed'; exitCode: number | null; failure: Failure }
  /** The launcher stopped the command because the job was canceled. */
  | { status: 'Canceled'; exitCode: number | null };
