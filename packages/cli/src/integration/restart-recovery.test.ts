import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { LatheClient } from '@lathe/sdk';
import { CLI, groupAlive, waitForStatus } from './harness.js';

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as { port: number };
  await new Promise((r) => server.close(r));
  return port;
}

function startServerProcess(home: string, port: number): Promise<ChildProcess> {
  const env = { ...process.env, LATHE_HOME: home, LATHE_PORT: String(port), LATHE_PYTHON: process.env.LATHE_PYTHON ?? '/usr/bin/python3' };
  const child = spawn(process.execPath, [CLI, 'server', 'start'], { env, stdio: ['ignore', 'pipe', 'ignore'] });
  return new Promise((resolve, reject) => {
    child.stdout?.on('data', (d: Buffer) => d.toString().includes('Lathe is running') && resolve(child));
    child.on('exit', (code) => reject(new Error(`server exited with ${code}`)));
  });
}

describe('restart recovery', () => {
  const cleanup: (() => Promise<unknown>)[] = [];
  after(async () => {
    for (const step of cleanup.reverse()) await step().catch(() => undefined);
  });

  it('a server restart fails jobs that were running, with a reason, and stops their processes', async () => {
    const home = await mkdtemp(join(tmpdir(), 'lathe-restart-'));
    cleanup.push(() => rm(home, { recursive: true, force: true }));
    const port = await freePort();
    const first = await startServerProcess(home, port);
    cleanup.push(async () => first.kill('SIGKILL'));
    const client = new LatheClient({ url: `http://127.0.0.1:${port}` });
    const job = await client.createJob({ command: 'sleep 120' });
    await waitForStatus(client, job.name, ['Running']);
    const pgid = Number(await readFile(join(home, 'runs', 'default', job.name, 'child.pgid'), 'utf8'));
    first.kill('SIGKILL');
    await new Promise((r) => first.once('exit', r));
    assert.ok(await groupAlive(pgid), 'the job outlived the crashed server');

    const second = await startServerProcess(home, port);
    cleanup.push(async () => second.kill('SIGTERM'));
    const after = await client.getJob(job.name);
    assert.equal(after.status, 'Failed');
    assert.equal(after.error?.type, 'ServerRestarted');
    assert.match(after.error?.message ?? '', /the server stopped while this job was Running/);
    assert.equal(await groupAlive(pgid), false, 'the orphaned command was stopped');
    const next = await client.createJob({ command: 'echo after restart' });
    assert.equal((await waitForStatus(client, next.name, ['Completed'])).status, 'Completed');
  });
});
