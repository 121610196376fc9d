/**
 * Why a job did not complete. Typed so that a retry policy can match on `type`, and so that a
 * failure reported by a launcher on another node reads the same as one found by the server.
 */
export interface Failure {
  /** Stable kind: `UserError` (non-zero exit), `Timeout`, `LauncherLost`, `ServerRestarted`, `SystemError`. */
  type: FailureType;
  /** One or more lines for a person. */
  message: string;
  /** True when running the job again unchanged cannot succeed. */
  nonRetryable: boolean;
  /** Structured context: `exit_code`, `log_tail`, `timeout_seconds`, ... */
  details: Record<string, unknown>;
}

/** Kinds of job failure, the one list that the type, the REST schema and the docs derive from. */
export const FAILURE_TYPES = ['UserError', 'Timeout', 'LauncherLost', 'ServerRestarted', 'SystemError'] as const;

/** Kinds of job failure. */
export type FailureType = (typeof FAILURE_TYPES)[number];
