// A server whose LATHE_HOME (SQLite database and artifacts) is a real, small file system that
// fills up: writes answer 507 LATHE_STORAGE_FULL and keep nothing half-written, jobs end instead
// of hanging, and everything works again once space is freed.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtemp, readFile, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { LatheClient } from '@lathe/sdk';
import { configFromEnv, startServer, type RunningServer } from '@lathe/server';
import { mountSmallDisk, type SmallDisk } from '@lathe/testing';
import { jobToken, waitForEnd, waitForStatus } from './harness.js';

describe('a full disk under LATHE_HOME', () => {
  const cleanup: (() => Promise<unknown>)[] = [];
  after(async () => {
    for (const step of cleanup.reverse()) await step().catch(() => undefined);
  });

  it('answers 507 LATHE_STORAGE_FULL for every write, keeps nothing half-written, ends its jobs and recovers when space returns', async (t) => {
    const disk: SmallDisk | string = await mountSmallDisk(8);
    if (typeof disk === 'string') return t.skip(disk);
    cleanup.push(() => disk.unmount());
    const home = join(disk.dir, 'home');
    const server: RunningServer = await startServer(
      configFromEnv({
        LATHE_HOME: home,
        LATHE_PORT: '0',
        LATHE_LOG_LEVEL: 'silent',
        LATHE_CONCURRENCY: '1',
        LATHE_JOB_RECONNECT_S: '10',
        LATHE_PYTHON: process.env.LATHE_PYTHON ?? '/usr/bin/python3',
      }),
    );
    cleanup.push(() => server.close());
    const client = new LatheClient({ url: server.url });
    const api = `${server.url}/api/v1/workspaces/default`;
    const running = await client.createJob({ command: 'sleep 3' });
    const queued = await client.createJob({ command: 'echo queued' });
    await waitForStatus(client, running.name, ['Running']);

    await disk.fill();
    const refused = async (response: Response, code: string) => {
      const body = (await response.json()) as { error_code: string; message: string };
      assert.equal(response.status, 507, JSON.stringify(body));
      assert.equal(body.error_code, code);
      assert.match(body.message, /storage is full \((ENOSPC|SQLITE_FULL)/);
      assert.ok(!body.message.includes(disk.dir), `no server path in '${body.message}'`);
    };
    const content = Buffer.alloc(256 << 10, 3);
    await refused(await fetch(`${api}/blobs/${'c'.repeat(64)}`, { method: 'PUT', body: content, headers: { 'content-type': 'application/octet-stream' } }), 'LATHE_STORAGE_FULL');
    await refused(await fetch(`${server.url}/api/2.0/mlflow-artifacts/artifacts/0/r/artifacts/model.bin`, { method: 'PUT', body: content }), 'RESOURCE_EXHAUSTED');
    const logFile = join(home, 'artifacts', 'workspaces', 'default', 'jobs', running.name, 'user_logs', 'std_log.txt');
    const logSize = (await stat(logFile).catch(() => undefined))?.size ?? 0;
    const authorization = `Bearer ${await jobToken(home, running.name)}`;
    await refused(
      await fetch(`${api}/jobs/${running.name}/runtime/logs?offset=${logSize}`, { method: 'POST', body: content, headers: { 'content-type': 'application/octet-stream', authorization } }),
      'LATHE_STORAGE_FULL',
    );
    assert.equal((await stat(logFile).catch(() => undefined))?.size ?? 0, logSize, 'no part of the refused chunk is in the log');
    await refused(
      await fetch(`${api}/jobs/${running.name}/runtime/outputs/model`, { method: 'PUT', body: await tarOf(content), headers: { 'content-type': 'application/x-tar', authorization } }),
      'LATHE_STORAGE_FULL',
    );
    assert.deepEqual(await readdir(join(home, 'artifacts', 'tmp')), [], 'no temporary file is left');

    // Job creation writes to SQLite: once its log cannot grow either, it is refused with SQLITE_FULL.
    const submitted: string[] = [];
    let rejection: Response | undefined;
    for (let i = 0; i < 60 && !rejection; i++) {
      const response = await fetch(`${api}/jobs`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ spec: { command: `true # ${'x'.repeat(96 << 10)}` } }) });
      if (response.status === 201) submitted.push(((await response.json()) as { name: string }).name);
      else rejection = response;
    }
    assert.ok(rejection, 'a job submission was refused');
    await refused(rejection, 'LATHE_STORAGE_FULL');

    await new Promise((r) => setTimeout(r, 3500));
    await disk.free();
    for (const name of [running.name, queued.name, ...submitted]) {
      const ended = await waitForEnd(client, name, 20_000);
      if (ended.status === 'Failed' && name !== running.name) assert.match(ended.error?.message ?? '', /storage is full/, `${name}: ${JSON.stringify(ended.error)}`);
    }
    const after = await client.createJob({ command: 'echo after' });
    assert.equal((await waitForEnd(client, after.name)).status, 'Completed');
    assert.match(await client.getLogs(after.name), /after/);
    const stored = await fetch(`${api}/blobs/${sha256(content)}`, { method: 'PUT', body: content, headers: { 'content-type': 'application/octet-stream' } });
    assert.equal(stored.status, 201);
  });
});

function sha256(content: Buffer): string {
  return execFileSync('sha256sum', { input: content }).toString().split(' ')[0] ?? '';
}

async function tarOf(content: Buffer): Promise<Buffer> {
  const scratch = await mkdtemp(join(tmpdir(), 'lathe-full-tar-'));
  try {
    await writeFile(join(scratch, 'model.bin'), content);
    execFileSync('tar', ['-cf', join(scratch, 'out.tar'), '-C', scratch, 'model.bin']);
    return await readFile(join(scratch, 'out.tar'));
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}
