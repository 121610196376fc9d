import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { LiveEventResource } from '@lathe/api';
import { LatheClient } from '@lathe/sdk';
import { MlflowTestServer } from '../../testing/mlflow-test-server.js';

/** Reads events until `done` says enough, or fails after `ms`. */
async function collect(client: LatheClient, act: () => Promise<void>, done: (seen: LiveEventResource[]) => boolean, ms = 20_000): Promise<LiveEventResource[]> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), ms);
  const seen: LiveEventResource[] = [];
  let opened!: () => void;
  const open = new Promise<void>((resolve) => (opened = resolve));
  const stream = client.events({ signal: controller.signal, onOpen: () => opened() });
  // The first read sends the request; act only once the server holds the stream.
  const first = stream.next();
  await open;
  await act();
  try {
    let next = await first;
    while (!next.done) {
      seen.push(next.value);
      if (done(seen)) break;
      next = await stream.next();
    }
  } catch (error) {
    if ((error as Error).name !== 'AbortError') throw error;
  } finally {
    clearTimeout(timer);
    await stream.return(undefined);
  }
  return seen;
}

describe('GET /events: live job and metric events', () => {
  let srv: MlflowTestServer;
  let client: LatheClient;

  before(async () => {
    srv = await MlflowTestServer.start();
    client = new LatheClient({ url: srv.url });
  });
  after(() => srv.close());

  it('streams a job through its statuses to Completed', async () => {
    let name = '';
    const seen = await collect(
      client,
      async () => {
        name = (await client.createJob({ type: 'command', command: 'echo live', experiment_name: 'live' })).name;
      },
      (events) => events.some((e) => e.type === 'job' && e.job === name && e.status === 'Completed'),
    );
    const statuses = seen.filter((e) => e.type === 'job' && e.job === name).map((e) => (e as { status: string }).status);
    assert.equal(statuses[0], 'Queued');
    assert.ok(statuses.includes('Running'), statuses.join());
    assert.equal(statuses.at(-1), 'Completed');
    const last = seen.at(-1) as Extract<LiveEventResource, { type: 'job' }>;
    assert.equal(last.experiment_name, 'live');
    assert.equal(last.run_id, name);
  });

  it("coalesces a run's metric writes into events naming the keys", async () => {
    const experiment = await srv.createExperiment('metrics-live');
    const run = await srv.createRun(experiment);
    const seen = await collect(
      client,
      async () => {
        await srv.ok('runs/log-metric', { run_id: run, key: 'loss', value: 1, timestamp: 1, step: 0 });
        await srv.ok('runs/log-batch', {
          run_id: run,
          metrics: [
            { key: 'acc', value: 1, timestamp: 1, step: 0 },
            { key: 'loss', value: 0.5, timestamp: 2, step: 1 },
          ],
        });
      },
      (events) => new Set(events.flatMap((e) => (e.type === 'metrics' ? e.keys : []))).size === 2,
    );
    const metrics = seen.filter((e) => e.type === 'metrics');
    assert.ok(metrics.length >= 1 && metrics.length <= 2, JSON.stringify(metrics));
    assert.ok(metrics.every((e) => e.type === 'metrics' && e.run_id === run));
    assert.deepEqual([...new Set(metrics.flatMap((e) => (e.type === 'metrics' ? e.keys : [])))].sort(), ['acc', 'loss']);
  });

  it('does not keep the server from closing while a stream is open', async () => {
    const other = await MlflowTestServer.start();
    const controller = new AbortController();
    const response = await fetch(`${other.url}/api/v1/workspaces/default/events`, { signal: controller.signal });
    assert.equal(response.status, 200);
    assert.match(response.headers.get('content-type') ?? '', /text\/event-stream/);
    await other.close();
    // The stream ended with the server.
    const text = await response.text();
    assert.match(text, /: connected/);
  });

  it('answers an unknown workspace with 404', async () => {
    const res = await srv.get('/api/v1/workspaces/nowhere/events');
    assert.equal(res.status, 404);
  });
});
