import { existsSync } from 'node:fs';
import { availableParallelism, homedir } from 'node:os';
import { delimiter, parse, resolve } from 'node:path';
import { ENV_ALLOW_PATTERN, LatheError } from '@lathe/core';

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
  /** How long a job's launcher keeps retrying a server it cannot reach before giving up (`LATHE_JOB_RECONNECT_S`). */
  jobReconnectMs: number;
  /** A `postgres://` URL to keep metadata in PostgreSQL instead of `<home>/lathe.db`. */
  databaseUrl?: string;
  /** The PostgreSQL schema to use (created if missing); default: the connection's own. */
  databaseSchema?: string;
  /** Pino level, or `silent`. */
  logLevel: string;
  /** A built Studio to serve instead of `@lathe/studio`'s (`LATHE_STUDIO_DIR`). */
  studioDir?: string;
  /**
   * Who may call the API (`LATHE_AUTH`): `auto` (the default) asks for the access token only when
   * the server listens beyond loopback; `token` always asks; `none` never does, and beyond
   * loopback warns on every start (`lathe server start --insecure-no-auth`).
   */
  auth: AuthMode;
  /** Host names, besides loopback and the listening address, that requests may name (`LATHE_ALLOWED_HOSTS`). */
  allowedHosts: string[];
  /** Web origins allowed to call the API from a browser, with CORS (`LATHE_CORS_ORIGINS`). */
  corsOrigins: string[];
  /**
   * Names (or `PREFIX*`) jobs may inherit from the server's environment beyond the defaults
   * (`LATHE_JOB_ENV_ALLOW`).
   */
  jobEnvAllow: string[];
  /** Folders `type: local` datastores must lie in (`LATHE_DATASTORE_ROOTS`). */
  datastoreRoots: string[];
  /** Time a client has to send a request's headers; then the connection is closed with 408. */
  headersTimeoutMs: number;
  /** Time a request body may go without a byte arriving before it is dropped with 408. */
  bodyIdleTimeoutMs: number;
  /** Time a whole request (headers and body) may take; 0 is no limit, so long uploads that keep sending work. */
  requestTimeoutMs: number;
  /**
   * A point of durable work (`finalize:ran:<step>`, ...) at which the server kills itself, for
   * tests of crash recovery (`LATHE_CRASH_POINT`); unset in normal use.
   */
  crashPoint?: string;
  /** The HTTPS listener beside the plain one, or `undefined` for none (`LATHE_TLS=off`). */
  tls?: TlsSettings;
}

/**
 * The second, TLS listener (the Azure SDK's clients speak only https). The same app answers on
 * both, behind the same guards.
 */
export interface TlsSettings {
  /** `LATHE_TLS_PORT`: default the plain port + 1 (5253), or 0 (a free port) when the plain port is 0. */
  port: number;
  /** `LATHE_TLS_NAMES`: host names and addresses the generated certificate names besides 127.0.0.1, ::1, localhost and the host name. */
  names: string[];
  /** `LATHE_TLS_CERT` and `LATHE_TLS_KEY`: the operator's own certificate (PEM, chain included) and key, used instead of the generated ones. */
  certFile?: string;
  keyFile?: string;
}

/** See {@link ServerConfig.auth}. */
export type AuthMode = 'auto' | 'token' | 'none';

/**
 * Reads `LATHE_HOME` (default `./.lathe`), `LATHE_HOST` (127.0.0.1), `LATHE_PORT` (5252),
 * `LATHE_PYTHON` (see {@link defaultPython}), `LATHE_CONCURRENCY` (the number of cores), `LATHE_CANCEL_GRACE_MS`
 * (10000), `LATHE_JOB_RECONNECT_S` (3600), `LATHE_LOG_LEVEL` (warn), and `LATHE_DATABASE_URL` / `LATHE_DATABASE_SCHEMA` for
 * PostgreSQL (default: SQLite in the data directory), `LATHE_STUDIO_DIR` for another built Studio,
 * `LATHE_AUTH`, `LATHE_ALLOWED_HOSTS` and `LATHE_CORS_ORIGINS` (see docs/reference/security.md), and `LATHE_JOB_ENV_ALLOW` (comma-separated names or
 * `PREFIX*`) for variables jobs may inherit beyond the defaults, `LATHE_DATASTORE_ROOTS` (folders
 * separated by the path delimiter, `:` on Linux; see {@link defaultDatastoreRoots}) for where
 * local datastores may lie. The HTTP timeouts are
 * `LATHE_HEADERS_TIMEOUT_MS` (20000), `LATHE_BODY_IDLE_TIMEOUT_MS` (30000)
 * and `LATHE_REQUEST_TIMEOUT_MS` (0: none). `LATHE_TLS` (on), `LATHE_TLS_PORT`, `LATHE_TLS_NAMES`, `LATHE_TLS_CERT` and `LATHE_TLS_KEY` set the HTTPS listener ({@link TlsSettings}). `LATHE_CRASH_POINT` is for crash-recovery tests. Throws `LATHE_BAD_REQUEST` naming the variable when a
 * number or a name is malformed.
 */
export function configFromEnv(env: NodeJS.ProcessEnv = process.env): ServerConfig {
  const home = resolve(env.LATHE_HOME ?? '.lathe');
  return {
    home,
    host: env.LATHE_HOST ?? '127.0.0.1',
    port: integer(env, 'LATHE_PORT', 5252, 0, 65535),
    python: interpreter(env.LATHE_PYTHON),
    concurrency: integer(env, 'LATHE_CONCURRENCY', availableParallelism(), 1, 4096),
    cancelGraceMs: integer(env, 'LATHE_CANCEL_GRACE_MS', 10_000, 0, 3_600_000),
    jobReconnectMs: integer(env, 'LATHE_JOB_RECONNECT_S', 3600, 1, 7 * 86_400) * 1000,
    logLevel: env.LATHE_LOG_LEVEL ?? 'warn',
    jobEnvAllow: envNames(env, 'LATHE_JOB_ENV_ALLOW'),
    datastoreRoots: env.LATHE_DATASTORE_ROOTS ? folders(env.LATHE_DATASTORE_ROOTS) : defaultDatastoreRoots(home),
    ...(env.LATHE_DATABASE_URL ? { databaseUrl: env.LATHE_DATABASE_URL } : {}),
    ...(env.LATHE_DATABASE_SCHEMA ? { databaseSchema: env.LATHE_DATABASE_SCHEMA } : {}),
    ...(env.LATHE_STUDIO_DIR ? { studioDir: resolve(env.LATHE_STUDIO_DIR) } : {}),
    auth: authMode(env.LATHE_AUTH),
    allowedHosts: list(env.LATHE_ALLOWED_HOSTS),
    corsOrigins: list(env.LATHE_CORS_ORIGINS).map((origin) => originOf('LATHE_CORS_ORIGINS', origin)),
    headersTimeoutMs: integer(env, 'LATHE_HEADERS_TIMEOUT_MS', 20_000, 1, 3_600_000),
    bodyIdleTimeoutMs: integer(env, 'LATHE_BODY_IDLE_TIMEOUT_MS', 30_000, 1, 3_600_000),
    requestTimeoutMs: integer(env, 'LATHE_REQUEST_TIMEOUT_MS', 0, 0, 86_400_000),
    ...(env.LATHE_CRASH_POINT ? { crashPoint: env.LATHE_CRASH_POINT } : {}),
    ...tlsSettings(env),
  };
}

function tlsSettings(env: NodeJS.ProcessEnv): { tls?: TlsSettings } {
  const mode = env.LATHE_TLS ?? 'on';
  if (mode === 'off') return {};
  if (mode !== 'on' && mode !== '') throw new LatheError('LATHE_BAD_REQUEST', `LATHE_TLS=${mode}: expected on or off`, { details: { variable: 'LATHE_TLS' } });
  // Servers on a free plain port (tests, several servers on one machine) take a free TLS port
  // too; a server on a chosen port takes the next one, so two servers' defaults do not collide.
  const plain = Number(env.LATHE_PORT || 5252);
  const port = integer(env, 'LATHE_TLS_PORT', env.LATHE_PORT === '0' ? 0 : Number.isInteger(plain) && plain > 0 && plain < 65535 ? plain + 1 : 5253, 0, 65535);
  const cert = env.LATHE_TLS_CERT || undefined;
  const key = env.LATHE_TLS_KEY || undefined;
  if ((cert === undefined) !== (key === undefined)) {
    throw new LatheError('LATHE_BAD_REQUEST', 'LATHE_TLS_CERT and LATHE_TLS_KEY go together: set both (your own certificate and its key) or neither (a generated one)', {
      details: { variable: cert === undefined ? 'LATHE_TLS_CERT' : 'LATHE_TLS_KEY' },
    });
  }
  const names = list(env.LATHE_TLS_NAMES).map((name) => name.replace(/^\[|\]$/g, '').toLowerCase());
  const bad = names.find((name) => !/^[a-z0-9.:-]{1,253}$/.test(name));
  if (bad !== undefined) throw new LatheError('LATHE_BAD_REQUEST', `LATHE_TLS_NAMES: '${bad}' is not a host name or address`, { details: { variable: 'LATHE_TLS_NAMES', value: bad } });
  return { tls: { port, names, ...(cert !== undefined && key !== undefined ? { certFile: resolve(cert), keyFile: resolve(key) } : {}) } };
}

function authMode(value: string | undefined): AuthMode {
  if (value === undefined || value === '') return 'auto';
  if (value === 'auto' || value === 'token' || value === 'none') return value;
  throw new LatheError('LATHE_BAD_REQUEST', `LATHE_AUTH=${value}: expected one of auto, token, none`, { details: { variable: 'LATHE_AUTH' } });
}

function list(value: string | undefined): string[] {
  return (value ?? '')
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item !== '');
}

// An origin is compared as the browser sends it: scheme, host and port, nothing else.
function originOf(name: string, text: string): string {
  try {
    const url = new URL(text);
    if ((url.protocol === 'http:' || url.protocol === 'https:') && url.pathname === '/' && !url.search) return url.origin;
  } catch {
    // Reported below.
  }
  throw new LatheError('LATHE_BAD_REQUEST', `${name}: '${text}' is not an origin; expected scheme://host[:port], e.g. https://notebooks.example.com`, { details: { variable: name } });
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

/**
 * Where local datastores may lie when `LATHE_DATASTORE_ROOTS` is unset: the data directory and
 * the home directory of the user running the server — unless that home is the file system's
 * root, as for some service accounts, which would allow everything.
 */
export function defaultDatastoreRoots(home: string): string[] {
  const user = resolve(homedir());
  return user === parse(user).root ? [home] : [home, user];
}

function folders(list: string): string[] {
  return list
    .split(delimiter)
    .filter((f) => f !== '')
    .map((f) => resolve(f));
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

function envNames(env: NodeJS.ProcessEnv, name: string): string[] {
  const names = list(env[name]);
  const bad = names.find((n) => !ENV_ALLOW_PATTERN.test(n));
  if (bad !== undefined) {
    throw new LatheError('LATHE_BAD_REQUEST', `${name}: '${bad}' is not a variable name; expected comma-separated names (letters, digits, _), each optionally ending in * to match a prefix`, {
      details: { variable: name, value: bad },
    });
  }
  return names;
}
