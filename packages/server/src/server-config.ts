import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { resolve } from 'node:path';
import { LatheError } from '@lathe/core';

/** Everything a server needs to start; {@link configFromEnv} reads it from the environment. */
export interface ServerConfig {
  /** Data directory: `lathe.db`, `artifacts/`, `runs/`, `cache/`. */
  home: string;
  host: string;
  /** 0 picks a free port. */
  port: number;
  /** Interpreter for `python` in jobs. */
  python: string;
  /** Jobs at once on local compute. */
  concurrency: number;
  /** Between SIGTERM and SIGKILL on cancel and timeout. */
  cancelGraceMs: number;
  /** A `postgres://` URL to keep metadata in PostgreSQL instead of `<home>/lathe.db`. */
  databaseUrl?: string;
  /** The PostgreSQL schema to use (created if missing); default: the connection's own. */
  databaseSchema?: string;
  /** Pino level, or `silent`. */
  logLevel: string;
  /** A built Studio to serve instead of `@lathe/studio`'s (`LATHE_STUDIO_DIR`). */
  studioDir?: string;
  /** Time a client has to send a request's headers; then the connection is closed with 408. */
  headersTimeoutMs: number;
  /** Time a request body may go without a byte arriving before it is dropped with 408. */
  bodyIdleTimeoutMs: number;
  /** Time a whole request (headers and body) may take; 0 is no limit, so long uploads that keep sending work. */
  requestTimeoutMs: number;
}

/**
 * Reads `LATHE_HOME` (default `./.lathe`), `LATHE_HOST` (127.0.0.1), `LATHE_PORT` (5252),
 * `LATHE_PYTHON` (see {@link defaultPython}), `LATHE_CONCURRENCY` (the number of cores), `LATHE_CANCEL_GRACE_MS`
 * (10000), `LATHE_LOG_LEVEL` (warn), and `LATHE_DATABASE_URL` / `LATHE_DATABASE_SCHEMA` for
 * PostgreSQL (default: SQLite in the data directory), `LATHE_STUDIO_DIR` for another built Studio,
 * and the HTTP timeouts `LATHE_HEADERS_TIMEOUT_MS` (20000), `LATHE_BODY_IDLE_TIMEOUT_MS` (30000)
 * and `LATHE_REQUEST_TIMEOUT_MS` (0: none). Throws `LATHE_BAD_REQUEST` naming the variable when a
 * number is malformed.
 */
export function configFromEnv(env: NodeJS.ProcessEnv = process.env): ServerConfig {
  return {
    home: resolve(env.LATHE_HOME ?? '.lathe'),
    host: env.LATHE_HOST ?? '127.0.0.1',
    port: integer(env, 'LATHE_PORT', 5252, 0, 65535),
    python: interpreter(env.LATHE_PYTHON),
    concurrency: integer(env, 'LATHE_CONCURRENCY', availableParallelism(), 1, 4096),
    cancelGraceMs: integer(env, 'LATHE_CANCEL_GRACE_MS', 10_000, 0, 3_600_000),
    logLevel: env.LATHE_LOG_LEVEL ?? 'warn',
    ...(env.LATHE_DATABASE_URL ? { databaseUrl: env.LATHE_DATABASE_URL } : {}),
    ...(env.LATHE_DATABASE_SCHEMA ? { databaseSchema: env.LATHE_DATABASE_SCHEMA } : {}),
    ...(env.LATHE_STUDIO_DIR ? { studioDir: resolve(env.LATHE_STUDIO_DIR) } : {}),
    headersTimeoutMs: integer(env, 'LATHE_HEADERS_TIMEOUT_MS', 20_000, 1, 3_600_000),
    bodyIdleTimeoutMs: integer(env, 'LATHE_BODY_IDLE_TIMEOUT_MS', 30_000, 1, 3_600_000),
    requestTimeoutMs: integer(env, 'LATHE_REQUEST_TIMEOUT_MS', 0, 0, 86_400_000),
  };
}

/**
 * The machine's Python when `LATHE_PYTHON` is unset: the system interpreter `/usr/bin/python3`
 * when there is one, since that is where the OS package manager installs libraries
 * (`apt-get install python3-sklearn`), else `python3` from PATH. Per-user interpreters (pyenv,
 * conda) are chosen with `LATHE_PYTHON`.
 */
export function defaultPython(): string {
  return existsSync('/usr/bin/python3') ? '/usr/bin/python3' : 'python3';
}

// A path with a folder in it (`.venv/bin/python`) is relative to where the server starts;
// a bare name (`python3.11`) is looked up on PATH by the launcher.
function interpreter(value: string | undefined): string {
  if (!value) return defaultPython();
  return value.includes('/') ? resolve(value) : value;
}

function integer(env: NodeJS.ProcessEnv, name: string, fallback: number, min: number, max: number): number {
  const text = env[name];
  if (text === undefined || text === '') return fallback;
  const value = Number(text);
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new LatheError('LATHE_BAD_REQUEST', `${name}=${text}: expected an integer from ${min} to ${max}`, { details: { variable: name } });
  }
  return value;
}
