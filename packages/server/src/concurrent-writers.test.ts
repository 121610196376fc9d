// Many runs logging at once through the MLflow API: every acknowledged point must be stored, and
// still be there after the server restarts on the same data folder.
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { configFromEnv } from './server-config.js';
import { startServer, type RunningServer } from './start-server.js';

const WRITERS = 50;
const POINTS = 10_000;
const BATCH = 1000;

let home: string;
let server: RunningServer;

async function call(url: string, path: string, body?: unknown): Promise<Record<string, unknown>> {
  const response = await fetch(`${url}/api/2.0/mlflow/${path}`, {
    method: body === undefined ? 'GET' : 'POST',
    headers: { 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const json = (await response.json()) as Record<string, unknown>;
  assert.equal(response.status, 200, `${path}: ${JSON.stringify(json)}`);
  return json;
}

function start(): Promise<RunningServer> {
  return startServer(configFromEnv({ LATHE_HOME: home, LATHE_PORT: '0', LATHE_LOG_LEVEL: 'silent', LATHE_PYTHON: '/usr/bin/python3' }));
}

before(async () => {
  home = await mkdtemp(join(tmpdir(), 'lathe-writers-'));
  server = await start();
});

after(async () => {
  await server?.close();
  await rm(home, { recursive: true, force: true });
});

// Writer w logs metric `m` with value w * POINTS + step at every step: any lost, duplicated or
// crossed point shows in the read-back.
async function writer(url: string, experimentId: string, w: number): Promise<string> {
  const { run } = (await call(url, 'runs/create', { experiment_id: experimentId, run_name: `writer-${w}` })) as { run: { info: { run_id: string } } };
  const runId = run.info.run_id;
  for (let start = 0; start < POINTS; start += BATCH) {
    // Every tenth batch goes point by point through log-metric, the rest through log-batch.
    if (start / BATCH === 3) {
      for (let step = start; step < start + 20; step++) {
        await call(url, 'runs/log-metric', { run_id: runId, key: 'm', value: w * POINTS + step, timestamp: 1, step });
      }
    }
    const from = start / BATCH === 3 ? start + 20 : start;
    const metrics = [];
    for (let step = from; step < start + BATCH; step++) metrics.push({ key: 'm', value: w * POINTS + step, timestamp: 1, step });
    await call(url, 'runs/log-batch', { run_id: runId, metrics });
  }
  return runId;
}

async function history(url: string, runId: string): Promise<{ step: number; value: number }[]> {
  const out = (await call(url, `metrics/get-history?run_id=${runId}&metric_key=m&max_results=25000`)) as { metrics: { step: number; value: number }[] };
  return out.metrics;
}

test(`${WRITERS} concurrent writers × ${POINTS} points: every point stored, across a restart`, { timeout: 300_000 }, async () => {
  const { experiment_id: experimentId } = (await call(server.url, 'experiments/create', { name: 'concurrent-writers' })) as { experiment_id: string };
  const runIds = await Promise.all(Array.from({ length: WRITERS }, (_, w) => writer(server.url, experimentId, w)));

  const check = async (url: string) => {
    for (const [w, runId] of runIds.entries()) {
      const points = await history(url, runId);
      assert.equal(points.length, POINTS, `writer ${w} has ${points.length} points`);
      points.forEach((p, step) => {
        assert.equal(p.step, step);
        assert.equal(p.value, w * POINTS + step);
      });
      const { run } = (await call(url, `runs/get?run_id=${runId}`)) as { run: { data: { metrics: { key: string; value: number; step: number }[] } } };
      assert.deepEqual(
        run.data.metrics.map((m) => [m.key, m.step, m.value]),
        [['m', POINTS - 1, w * POINTS + POINTS - 1]],
      );
    }
  };
  await check(server.url);
  await server.close();
  server = await start();
  await check(server.url);
});
