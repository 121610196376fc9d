/**
 * The one error type of Lathe. Every failure that crosses a package boundary is a
 * {@link LatheError} carrying a stable {@link ErrorCode}; the server maps the code to an HTTP
 * status once, the CLI maps it to an exit code once. Codes are documented in
 * `docs/reference/errors.md`, and a test keeps that page and {@link ERROR_CODES} equal.
 */

/** Catalogue of stable error codes: HTTP status, CLI exit code and a one-line meaning. */
export const ERROR_CODES = {
  LATHE_INVALID_SPEC: { status: 400, exit: 2, summary: 'A YAML spec or request body does not match its schema.' },
  LATHE_BAD_REQUEST: { status: 400, exit: 2, summary: 'A request parameter is malformed or out of range.' },
  LATHE_NOT_FOUND: { status: 404, exit: 3, summary: 'The named workspace, job, output or file does not exist.' },
  LATHE_CONFLICT: { status: 409, exit: 4, summary: 'The resource exists already, or its state forbids the operation.' },
  LATHE_PATH_ESCAPE: { status: 400, exit: 2, summary: 'A path would leave the root it is confined to.' },
  LATHE_CHECKSUM_MISMATCH: { status: 400, exit: 2, summary: 'Uploaded content does not hash to the digest it was sent under.' },
  LATHE_UNAUTHORIZED: { status: 401, exit: 8, summary: "The request carries no valid credential: an access token, a login cookie or the job's own token." },
  LATHE_FORBIDDEN: { status: 403, exit: 8, summary: 'The request came through a host name or from an origin the server does not allow.' },
  LATHE_PAYLOAD_TOO_LARGE: { status: 413, exit: 2, summary: 'A request body exceeds the limit for its route.' },
  LATHE_SNAPSHOT_TOO_LARGE: { status: 413, exit: 2, summary: 'A code snapshot exceeds LATHE_SNAPSHOT_MAX_BYTES or LATHE_SNAPSHOT_MAX_FILES; nothing was uploaded.' },
  LATHE_UNAVAILABLE: { status: 503, exit: 5, summary: 'The server or a dependency cannot be reached right now.' },
  LATHE_STORAGE_FULL: { status: 507, exit: 5, summary: "The server's disk or quota is full; nothing was written." },
  LATHE_REQUEST_TIMEOUT: { status: 408, exit: 5, summary: 'A request body stopped arriving before it was complete.' },
  LATHE_JOB_FAILED: { status: 500, exit: 6, summary: 'A job ended Failed (used by the CLI when streaming a job).' },
  LATHE_JOB_CANCELED: { status: 500, exit: 7, summary: 'A job ended Canceled (used by the CLI when streaming a job).' },
  LATHE_INTERNAL: { status: 500, exit: 1, summary: 'An unexpected fault inside Lathe; the message names it.' },
} as const satisfies Record<string, { status: number; exit: number; summary: string }>;

/** A stable error code, e.g. `LATHE_NOT_FOUND`. */
export type ErrorCode = keyof typeof ERROR_CODES;

/** Options for {@link LatheError}. */
export interface LatheErrorOptions {
  /** Structured context for clients: field paths, positions, allowed values. */
  details?: Record<string, unknown>;
  /** The underlying error, kept for logs. */
  cause?: unknown;
}

/** An error with a stable code. `statusCode` is derived from the code, never chosen ad hoc. */
export class LatheError extends Error {
  readonly code: ErrorCode;
  readonly details: Record<string, unknown>;

  constructor(code: ErrorCode, message: string, options: LatheErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'LatheError';
    this.code = code;
    this.details = options.details ?? {};
  }

  /** The HTTP status for this error's code. */
  get statusCode(): number {
    return ERROR_CODES[this.code].status;
  }

  /** The CLI exit code for this error's code. */
  get exitCode(): number {
    return ERROR_CODES[this.code].exit;
  }

  /** Serialised form used on the wire: `{ error_code, message, details }`. */
  toJSON(): ErrorBody {
    return { error_code: this.code, message: this.message, details: this.details };
  }
}

/** The wire shape of every error the REST API returns. */
export interface ErrorBody {
  error_code: ErrorCode;
  message: string;
  details: Record<string, unknown>;
}

/** True when `value` is a known error code. */
export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && Object.hasOwn(ERROR_CODES, value);
}

/** Shorthand for a NotFound error naming the kind and the name looked up. */
export function notFound(kind: string, name: string, details: Record<string, unknown> = {}): LatheError {
  return new LatheError('LATHE_NOT_FOUND', `${kind} '${name}' does not exist`, { details: { kind, name, ...details } });
}
