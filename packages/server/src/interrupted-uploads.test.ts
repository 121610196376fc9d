// Request bodies that stop arriving, headers that never end, and temporary files a killed server
// left behind: each is dropped within its timeout and leaves no temporary file, while uploads
// that keep sending and long-lived follow requests are not cut.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { configFromEnv } from './server-config.js';
import { startServer, type RunningServer } from './start-server.js';

const IDLE_MS = 400;
const HEADERS_MS = 600;
let home: string;
let server: RunningServer;

const start = () =>
  startServer(
    configFromEnv({
      LATHE_HOME: home,
      LATHE_PORT: '0',
      LATHE_LOG_LEVEL: 'silent',
      LATHE_PYTHON: '/usr/bin/python3',
      LATHE_BODY_IDLE_TIMEOUT_MS: String(IDLE_MS),
      LATHE_HEADERS_TIMEOUT_MS: String(HEADERS_MS),
    }),
  );
const tmpFiles = () => readdir(join(home, 'artifacts', 'tmp')).catch(() => [] as string[]);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Writes `head` then each of `chunks` `gapMs` apart; resolves to what came back once the server closes, and when. */
async function rawExchange(head: string, chunks: Buffer[], gapMs = 0): Promise<{ answer: string; ms: number; closed: boolean }> {
  const socket = connect(Number(new URL(server.url).port), '127.0.0.1');
  await new Promise<void>((r) => socket.once('connect', r));
  const began = Date.now();
  let answer = '';
  socket.on('data', (d: Buffer) => (answer += d.toString()));
  socket.on('error', () => undefined);
  const closed = new Promise<boolean>((r) => socket.once('close', () => r(true)));
  socket.write(head);
  for (const chunk of chunks) {
    if (gapMs) await sleep(gapMs);
    socket.write(chunk);
  }
  const ended = await Promise.race([closed, sleep(5000).then(() => false)]);
  socket.destroy();
  return { answer, ms: Date.now() - began, closed: ended };
}

async function eventually(check: () => Promise<boolean>, what: string): Promise<void> {
  for (const deadline = Date.now() + 3000; Date.now() < deadline; await sleep(25)) if (await check()) return;
  assert.fail(`timed out waiting for ${what}`);
}

const put = (path: string, length: number) => `PUT ${path} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/octet-stream\r\nContent-Length: ${length}\r\n\r\n`;

before(async () => {
  home = await mkdtemp(join(tmpdir(), 'lathe-uploads-'));
  server = await start();
});

after(async () => {
  await server?.close();
  await rm(home, { recursive: true, force: true });
});

describe('stalled requests and interrupted uploads', () => {
  it('a blob upload whose body stops arriving is answered 408 and closed, and its temporary file removed, while an upload that keeps sending and a log follow are not cut', async () => {
    const created = await fetch(`${server.url}/api/v1/workspaces/default/jobs`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ spec: { command: 'echo started; sleep 30' } }),
    });
    const { name } = (await created.json()) as { name: string };
    const follow = await fetch(`${server.url}/api/v1/workspaces/default/jobs/${name}/logs?follow=true`);
    const reading = follow.body!.getReader();
    let followEnded = false;
    void (async () => {
      while (!(await reading.read()).done);
      followEnded = true;
    })().catch(() => (followEnded = true));

    const stalled = await rawExchange(put(`/api/v1/workspaces/default/blobs/${'a'.repeat(64)}`, 64 << 20), [Buffer.alloc(1 << 20, 7)]);
    assert.ok(stalled.closed, 'the server closed the connection');
    assert.match(stalled.answer, /^HTTP\/1\.1 408 /);
    assert.match(stalled.answer, /"error_code":"LATHE_REQUEST_TIMEOUT"/);
    assert.ok(stalled.ms < IDLE_MS + 2000, `answered after ${stalled.ms} ms`);
    await eventually(async () => (await tmpFiles()).length === 0, 'the temporary file to be removed');

    const chunks = Array.from({ length: 12 }, (_, i) => Buffer.alloc(1024, i));
    const sha = createHash('sha256').update(Buffer.concat(chunks)).digest('hex');
    const head = put(`/api/v1/workspaces/default/blobs/${sha}`, 12 * 1024).replace('\r\n\r\n', '\r\nConnection: close\r\n\r\n');
    const slow = await rawExchange(head, chunks, IDLE_MS / 4);
    assert.ok(slow.ms > IDLE_MS * 2, `took ${slow.ms} ms`);
    assert.match(slow.answer, /^HTTP\/1\.1 201 /);
    assert.equal(followEnded, false, 'the follow request is still open');
    await reading.cancel();
    await fetch(`${server.url}/api/v1/workspaces/default/jobs/${name}/cancel`, { method: 'POST' });
  });

  it("an MLflow artifact upload whose body stops arriving is answered 408 in MLflow's shape, and its temporary file removed", async () => {
    const stalled = await rawExchange(put('/api/2.0/mlflow-artifacts/artifacts/0/abc/artifacts/model.bin', 64 << 20), [Buffer.alloc(1 << 20, 7)]);
    assert.ok(stalled.closed, 'the server closed the connection');
    assert.match(stalled.answer, /^HTTP\/1\.1 408 /);
    assert.match(stalled.answer, /"error_code":"BAD_REQUEST"/);
    await eventually(async () => (await tmpFiles()).length === 0, 'the temporary file to be removed');
  });

  it('a client that never finishes its headers is disconnected after the headers timeout', async () => {
    const partial = await rawExchange('PUT /api/v1/workspaces/default/blobs/x HTTP/1.1\r\nHost: 127.0.0.1\r\n', []);
    assert.ok(partial.closed, 'the server closed the connection');
    assert.ok(partial.ms < HEADERS_MS + 2000, `closed after ${partial.ms} ms`);
  });

  it('temporary files a previous server left behind are removed when the server starts', async () => {
    await server.close();
    const tmp = join(home, 'artifacts', 'tmp');
    await mkdir(join(tmp, 'half-extracted-output', 'sub'), { recursive: true });
    await writeFile(join(tmp, 'half-written-blob'), Buffer.alloc(4096));
    server = await start();
    assert.deepEqual(await tmpFiles(), []);
  });
});
