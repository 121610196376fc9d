import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createHash } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import pg from 'pg';
import * as tar from 'tar';
import { MlflowTestServer } from '../testing/mlflow-test-server.js';
import { FuzzRequests, type FuzzRequest, type FuzzState } from './fuzz-requests.js';
import { sendRaw, type FuzzOutcome, type FuzzTarget } from './fuzz-client.js';
import { routeTable, type RouteEntry } from './route-table.js';
import { SeededRandom } from './seeded-random.js';

// LATHE_FUZZ_SEED replays a run; LATHE_FUZZ_COUNT sends more (or fewer) requests.
const SEED = Number(process.env.LATHE_FUZZ_SEED ?? Math.floor(Math.random() * 2 ** 31));
const COUNT = Number(process.env.LATHE_FUZZ_COUNT ?? 5000);
const PARALLEL = 8;
const WS = '/api/v1/workspaces/default';

/** Creates a little of everything — jobs, an experiment with a run and an artifact, a blob, assets, models. */
async function createState(srv: MlflowTestServer): Promise<FuzzState> {
  const json = { 'content-type': 'application/json' };
  const ok = async (method: string, path: string, body?: unknown, headers: Record<string, string> = json) => {
    const res = await srv.send(method, path, body, body === undefined ? {} : headers);
    assert.ok(res.status < 300, `${method} ${path}: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body;
  };
  const done = (await ok('POST', `${WS}/jobs`, { spec: { command: 'echo fuzz' } })).name as string;
  const active = (await ok('POST', `${WS}/jobs`, { spec: { command: 'sleep 60' } })).name as string;
  const experimentId = await srv.createExperiment('fuzz');
  const runId = await srv.createRun(experimentId);
  await srv.ok('runs/log-metric', { run_id: runId, key: 'loss', value: 0.5, timestamp: 1, step: 0 });
  await srv.ok('runs/log-parameter', { run_id: runId, key: 'lr', value: '0.1' });
  const artifactRoot = `${experimentId}/${runId}/artifacts`;
  await ok('PUT', `/api/2.0/mlflow-artifacts/artifacts/${artifactRoot}/model.txt`, 'weights', { 'content-type': 'text/plain' });
  const folder = await mkdtemp(join(tmpdir(), 'lathe-fuzz-'));
  await writeFile(join(folder, 'x.txt'), 'data');
  const chunks: Buffer[] = [];
  for await (const chunk of tar.create({ cwd: folder, gzip: true, portable: true }, ['x.txt'])) chunks.push(chunk as Buffer);
  await rm(folder, { recursive: true, force: true });
  const blob = Buffer.concat(chunks);
  const blobSha256 = createHash('sha256').update(blob).digest('hex');
  await ok('PUT', `${WS}/blobs/${blobSha256}`, blob, { 'content-type': 'application/octet-stream' });
  await ok('PUT', `${WS}/data/fuzzdata/versions/1`, { spec: { type: 'uri_file', path: `blob://${blobSha256}/x.txt` } });
  const loggedModelId = (await srv.ok('logged-models', { experiment_id: experimentId, name: 'fuzz-model' })).model.info.model_id as string;
  await srv.ok('registered-models/create', { name: 'fuzz-registered' });
  for (let i = 0; i < 300; i++) {
    if ((await srv.send('GET', `${WS}/jobs/${done}`)).body.status === 'Completed') break;
    await new Promise((r) => setTimeout(r, 100));
  }
  for (let i = 0; i < 300; i++) {
    if ((await srv.send('GET', `${WS}/jobs/${active}`)).body.status === 'Running') break;
    await new Promise((r) => setTimeout(r, 100));
  }
  const jobTokens = await Promise.all([done, active].map(async (job) => (JSON.parse(await readFile(join(srv.home, 'runs', 'default', job, 'job.json'), 'utf8')) as { token: string }).token));
  return { workspace: 'default', jobs: [done, active], experimentId, runId, artifactRoot, blobSha256, assetName: 'fuzzdata', loggedModelId, registeredModel: 'fuzz-registered', jobTokens };
}

/** The request as a line to read and replay. */
function describeRequest(req: FuzzRequest, outcome: FuzzOutcome): string {
  const body = req.body === undefined ? '' : ` body(${req.body.length} bytes)=${JSON.stringify(req.body.toString('utf8', 0, 200))}`;
  return `${req.method} ${req.path.slice(0, 300)} headers=${JSON.stringify(req.headers)}${body} → ${outcome.status ?? outcome.error} ${outcome.excerpt ?? ''}`;
}

const POSTGRES = process.env.LATHE_TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

describeFuzz('SQLite', {});
// The same requests against PostgreSQL, which refuses values SQLite keeps (text with NUL).
if (process.env.LATHE_SKIP_POSTGRES === '1') describe('the server on PostgreSQL under malformed requests', { skip: 'LATHE_SKIP_POSTGRES=1' }, () => {});
else describeFuzz('PostgreSQL', { LATHE_DATABASE_URL: POSTGRES, LATHE_DATABASE_SCHEMA: `lathe_fuzz_${process.pid}_${SEED}` });

function describeFuzz(store: string, env: Record<string, string>): void {
  describe(`the server on ${store} under malformed requests`, () => {
    let srv: MlflowTestServer;
    let state: FuzzState;
    let routes: RouteEntry[];
    before(async () => {
      srv = await MlflowTestServer.start({ LATHE_CANCEL_GRACE_MS: '0', ...env });
      state = await createState(srv);
      routes = routeTable(srv.server.app);
    });
    after(async () => {
      await srv.send('POST', `${WS}/jobs/${state?.jobs[1]}/cancel`);
      await srv.close();
      if (env.LATHE_DATABASE_SCHEMA) await dropSchema(env.LATHE_DATABASE_SCHEMA);
    });

    it('reads every route from the app', () => {
      const urls = routes.map((r) => r.url);
      for (const url of [
        '/api/v1/workspaces/:workspace/blobs/:sha256',
        '/api/2.0/mlflow/runs/log-batch',
        '/ajax-api/2.0/mlflow/experiments/search',
        '/api/2.0/mlflow-artifacts/artifacts/*',
        '/api/v1/workspaces/:workspace/jobs/:name/runtime/outputs/:output',
      ]) {
        assert.ok(urls.includes(url), `${url} missing from ${urls.length} routes`);
      }
      assert.ok(routes.length > 100, `${routes.length} routes`);
    });

    it('answers thousands of malformed requests without a 5xx or a hang, then still answers health', { timeout: 120_000 }, async () => {
      console.log(`fuzz (${store}) seed ${SEED} (replay: LATHE_FUZZ_SEED=${SEED} node scripts/test.mjs server/dist/fuzz), ${COUNT} requests over ${routes.length} routes`);
      const requests = new FuzzRequests(new SeededRandom(SEED), routes, state);
      const target: FuzzTarget = { port: Number(new URL(srv.url).port), timeoutMs: 10_000 };
      const failures: string[] = [];
      const dropped: string[] = [];
      const statuses = new Map<number, number>();
      const listeners = srv.server.context.scheduler.events.listenerCount();
      const started = Date.now();
      let sent = 0;
      const worker = async () => {
        while (sent < COUNT) {
          sent++;
          const req = requests.next();
          const outcome = await sendRaw(target, req);
          if (outcome.status !== undefined) statuses.set(outcome.status, (statuses.get(outcome.status) ?? 0) + 1);
          // A server may answer before reading a body and close; the client then sees a broken
          // connection. Only a missing answer (a timeout) or a 5xx is a failure.
          if (outcome.error !== undefined && outcome.error !== 'timeout') dropped.push(describeRequest(req, outcome));
          else if (outcome.status === undefined || outcome.status >= 500) failures.push(describeRequest(req, outcome));
        }
      };
      await Promise.all(Array.from({ length: PARALLEL }, worker));
      const seconds = (Date.now() - started) / 1000;
      console.log(
        `fuzz (${store}): ${sent} requests in ${seconds.toFixed(1)} s; statuses ${JSON.stringify(Object.fromEntries([...statuses].sort((a, b) => a[0] - b[0])))}; connections closed early ${dropped.length}`,
      );
      const health = await sendRaw(target, { method: 'GET', path: '/api/v1/health', headers: {} });
      // Every stream a request opened (live events, followed logs) ended with its client.
      const events = srv.server.context.scheduler.events;
      for (let i = 0; i < 50 && events.listenerCount() > listeners; i++) await new Promise((r) => setTimeout(r, 100));
      assert.equal(events.listenerCount(), listeners, 'listeners of requests that have ended are still attached');
      assert.equal(health.status, 200, 'the server stopped answering health');
      assert.deepEqual(failures, [], `seed ${SEED}: ${failures.length} requests failed:\n${failures.slice(0, 30).join('\n')}`);
      assert.ok(dropped.length <= sent / 100, `seed ${SEED}: ${dropped.length} connections closed without an answer:\n${dropped.slice(0, 30).join('\n')}`);
    });
  });
}

async function dropSchema(schema: string): Promise<void> {
  const client = new pg.Client({ connectionString: POSTGRES });
  await client.connect();
  await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
  await client.end();
}
