import assert from 'node:assert/strict';
import { request as httpRequest } from 'node:http';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { describe } from 'node:test';
import pg from 'pg';
import { configFromEnv } from '../server-config.js';
import { startServer, type RunningServer } from '../start-server.js';
import { JobTokens } from '../security/job-tokens.js';

/** An HTTP answer: the status and the body, parsed when it is JSON. */
export interface Answer<T = any> {
  status: number;
  body: T;
  headers: Headers;
}

/** Where the MLflow API of the default workspace is mounted. */
export const MLFLOW_BASE = '/api/2.0/mlflow';

/** The metadata databases the MLflow HTTP tests run on. */
export type TestStore = 'SQLite' | 'PostgreSQL';

const POSTGRES_URL = process.env.LATHE_TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

/**
 * Registers `body` once per store, under `describe('on SQLite')` and `describe('on PostgreSQL')`,
 * so one HTTP test file checks the API on both databases. PostgreSQL is skipped, and says so,
 * with `LATHE_SKIP_POSTGRES=1`; an unreachable server fails the tests.
 * @internal
 */
export function describeOnEachStore(body: (store: TestStore) => void): void {
  describe('on SQLite', () => body('SQLite'));
  if (process.env.LATHE_SKIP_POSTGRES === '1') describe('on PostgreSQL', { skip: 'LATHE_SKIP_POSTGRES=1' }, () => {});
  else describe('on PostgreSQL', () => body('PostgreSQL'));
}

/**
 * A real Lathe server (port 0, data in a temp folder) for the MLflow HTTP tests, with small
 * request helpers. Paths not starting with `/` are relative to {@link MLFLOW_BASE}. On
 * PostgreSQL (`LATHE_TEST_POSTGRES_URL`) the server gets a schema of its own, dropped by `close`.
 * @internal
 */
export class MlflowTestServer {
  private constructor(
    readonly server: RunningServer,
    private readonly root: string,
    private readonly schema?: string,
  ) {}

  static async start(env: Record<string, string> = {}, store: TestStore = 'SQLite'): Promise<MlflowTestServer> {
    const root = await mkdtemp(join(tmpdir(), 'lathe-mlflow-'));
    const schema = store === 'PostgreSQL' ? `lathe_mlflow_${randomBytes(6).toString('hex')}` : undefined;
    const database = schema === undefined ? {} : { LATHE_DATABASE_URL: POSTGRES_URL, LATHE_DATABASE_SCHEMA: schema };
    const config = configFromEnv({ LATHE_HOME: root, LATHE_PORT: '0', LATHE_LOG_LEVEL: 'silent', LATHE_JOB_RECONNECT_S: '10', LATHE_PYTHON: '/usr/bin/python3', ...database, ...env });
    return new MlflowTestServer(await startServer(config), root, schema);
  }

  get url(): string {
    return this.server.url;
  }

  /** The token a launcher of job `name` sends to runtime routes (made with the server's key). */
  async jobToken(name: string, workspace = 'default'): Promise<string> {
    const key = (await readFile(join(this.root, 'secrets', 'job-token.key'), 'utf8')).trim();
    return new JobTokens(key).issue(workspace, name);
  }

  /** The server's data directory (`LATHE_HOME`). */
  get home(): string {
    return this.root;
  }

  async close(): Promise<void> {
    await this.server.close();
    await rm(this.root, { recursive: true, force: true });
    if (this.schema !== undefined) await dropSchema(this.schema);
  }

  /** POST `body` as JSON (a string is sent as it is). */
  post<T = any>(path: string, body?: unknown, headers: Record<string, string> = { 'content-type': 'application/json' }): Promise<Answer<T>> {
    return this.send('POST', path, body, headers);
  }

  /** GET with `query` as the query string; array values repeat the key. */
  get<T = any>(path: string, query: Record<string, string | number | (string | number)[]> = {}): Promise<Answer<T>> {
    const params = new URLSearchParams();
    for (const [key, value] of Object.entries(query)) {
      for (const item of Array.isArray(value) ? value : [value]) params.append(key, String(item));
    }
    const qs = params.toString();
    return this.send('GET', qs ? `${path}?${qs}` : path);
  }

  patch<T = any>(path: string, body?: unknown): Promise<Answer<T>> {
    return this.send('PATCH', path, body, { 'content-type': 'application/json' });
  }

  delete<T = any>(path: string, body?: unknown): Promise<Answer<T>> {
    return this.send('DELETE', path, body, body === undefined ? {} : { 'content-type': 'application/json' });
  }

  /** Any request through `fetch`; `body` is JSON-encoded unless it is a string or bytes. */
  async send<T = any>(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<Answer<T>> {
    const payload = body === undefined || typeof body === 'string' || body instanceof Uint8Array ? body : JSON.stringify(body);
    const response = await fetch(this.resolve(path), { method, headers, ...(payload !== undefined ? { body: payload as RequestInit['body'] } : {}) });
    const text = await response.text();
    return { status: response.status, body: parseMaybe(text), headers: response.headers };
  }

  /** Bytes of a GET, for downloads. */
  async bytes(path: string): Promise<{ status: number; bytes: Buffer; headers: Headers }> {
    const response = await fetch(this.resolve(path));
    return { status: response.status, bytes: Buffer.from(await response.arrayBuffer()), headers: response.headers };
  }

  /**
   * A request whose path goes on the wire exactly as written (`fetch` would resolve `..` and
   * `%2e%2e` segments before sending).
   */
  raw(method: string, path: string, body?: string): Promise<Answer> {
    const url = new URL(this.url);
    return new Promise((resolve, reject) => {
      const req = httpRequest({ host: url.hostname, port: url.port, method, path: this.fullPath(path), headers: body === undefined ? {} : { 'content-type': 'application/octet-stream' } }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: parseMaybe(Buffer.concat(chunks).toString('utf8')), headers: new Headers() }));
      });
      req.on('error', reject);
      req.end(body);
    });
  }

  // ---- shortcuts --------------------------------------------------------------------------

  /** Creates an experiment; returns its id. */
  async createExperiment(name: string, extra: Record<string, unknown> = {}): Promise<string> {
    const res = await this.post('experiments/create', { name, ...extra });
    assert.equal(res.status, 200, JSON.stringify(res.body));
    return res.body.experiment_id as string;
  }

  /** Creates a run; returns its id. */
  async createRun(experimentId: string, extra: Record<string, unknown> = {}): Promise<string> {
    const res = await this.post('runs/create', { experiment_id: experimentId, ...extra });
    assert.equal(res.status, 200, JSON.stringify(res.body));
    return res.body.run.info.run_id as string;
  }

  /** POSTs and expects 200. */
  async ok<T = any>(path: string, body?: unknown): Promise<T> {
    const res = await this.post<T>(path, body);
    assert.equal(res.status, 200, `${path}: ${JSON.stringify(res.body)}`);
    return res.body;
  }

  /** GETs and expects 200. */
  async getOk<T = any>(path: string, query: Record<string, string | number | (string | number)[]> = {}): Promise<T> {
    const res = await this.get<T>(path, query);
    assert.equal(res.status, 200, `${path}: ${JSON.stringify(res.body)}`);
    return res.body;
  }

  private fullPath(path: string): string {
    return path.startsWith('/') ? path : `${MLFLOW_BASE}/${path}`;
  }

  private resolve(path: string): string {
    return `${this.url}${this.fullPath(path)}`;
  }
}

/** Asserts an MLflow error answer: the status, the error code and (optionally) the message. */
export function assertMlflowError(res: Answer, status: number, code: string, message?: RegExp | string): void {
  const shown = JSON.stringify(res.body);
  assert.equal(res.status, status, shown);
  assert.equal(res.body?.error_code, code, shown);
  assert.equal(typeof res.body?.message, 'string', shown);
  if (typeof message === 'string') assert.equal(res.body.message, message);
  else if (message !== undefined) assert.match(res.body.message, message);
}

/** A name no other test of the file uses. */
export function uniqueName(prefix: string): string {
  counter += 1;
  return `${prefix}-${counter}-${process.pid}`;
}
let counter = 0;

function parseMaybe(text: string): any {
  if (text === '') return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

async function dropSchema(schema: string): Promise<void> {
  const client = new pg.Client({ connectionString: POSTGRES_URL });
  await client.connect();
  try {
    await client.query(`drop schema if exists "${schema}" cascade`);
  } finally {
    await client.end();
  }
}
