import assert from 'node:assert/strict';
import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { JobHandle, JobRecord } from '@lathe/core';
import type { BackendJobState, ComputeBackend } from '@lathe/scheduler';

/** What the suite needs from an implementation. */
export interface ComputeBackendFixture {
  /** A backend whose launcher is the fake one from `writeFakeLauncher`. */
  backend: ComputeBackend;
  /** A second backend over the same folders, as a restarted server would build. */
  restarted(): ComputeBackend;
  /** Grace the suite passes to `cancel`. */
  graceMs: number;
  cleanup(): Promise<void>;
}

/** Options for {@link describeComputeBackend}: test names to skip, with the reason. */
export interface DescribeComputeBackendOptions {
  skip?: Record<string, string>;
}

let counter = 0;

/** A Queued job whose command tells the fake launcher what to do. */
export function fakeJob(command: string): JobRecord {
  const name = `contract_${process.pid}_${++counter}`;
  return {
    workspace: 'default',
    name,
    type: 'command',
    status: 'Preparing',
    displayName: null,
    experimentName: 'contract',
    description: null,
    compute: 'local',
    tags: {},
    spec: { type: 'command', command },
    warnings: [],
    history: [],
    createdAt: Date.now(),
    updatedAt: Date.now(),
    startedAt: null,
    endedAt: null,
    handle: null,
    failure: null,
    exitCode: null,
    parent: null,
    root: null,
    controllerState: null,
    finalization: null,
    archived: false,
    reusedFrom: null,
    schedule: null,
  };
}

async function until(backend: ComputeBackend, handle: JobHandle, state: BackendJobState['state'], timeoutMs = 10_000): Promise<BackendJobState> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const now = await backend.poll(handle);
    if (now.state === state) return now;
    if (Date.now() > deadline) throw new Error(`poll stayed ${now.state}, expected ${state}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/**
 * The contract every {@link ComputeBackend} meets: prepare writes a job folder with the
 * manifest, launch starts a process that poll reports running then exited with its code, exits
 * are pushed once, cancel is SIGTERM then SIGKILL after the grace and idempotent, and after a
 * restart a backend adopts what a previous one left running (when its jobs survive restarts) or
 * stops it, and never mistakes another process for a job.
 */
export function describeComputeBackend(name: string, setup: () => Promise<ComputeBackendFixture>, options: DescribeComputeBackendOptions = {}): void {
  describe(`ComputeBackend contract: ${name}`, () => {
    let f: ComputeBackendFixture;
    const test = (title: string, fn: () => Promise<void>) => it(title, options.skip?.[title] ? { skip: options.skip[title] } : {}, fn);
    const start = async (command: string) => {
      const job = fakeJob(command);
      const prepared = await f.backend.prepare(job);
      return f.backend.launch(job, prepared);
    };
    before(async () => {
      f = await setup();
    });
    after(async () => f.cleanup());

    test('prepare writes the job folder with a manifest naming the job', async () => {
      const job = fakeJob('exit:0');
      const handle = await f.backend.prepare(job);
      assert.deepEqual([handle.backend, handle.workspace, handle.job], [f.backend.name, job.workspace, job.name]);
      const manifest = JSON.parse(await readFile(join(handle.folder, 'job.json'), 'utf8')) as { job: string; spec: unknown };
      assert.deepEqual([manifest.job, manifest.spec], [job.name, job.spec]);
      assert.ok(f.backend.capacity >= 1);
    });

    test('a launched job is running, then exited with its exit code, and its exit is pushed once', async () => {
      const exits: JobHandle[] = [];
      f.backend.onExit?.((h) => exits.push(h));
      const handle = await start('run:300');
      assert.equal((await f.backend.poll(handle)).state, 'running');
      const ended = await until(f.backend, handle, 'exited');
      assert.deepEqual(ended, { state: 'exited', exitCode: 0, signal: null });
      const failed = await start('exit:7');
      assert.deepEqual(await until(f.backend, failed, 'exited'), { state: 'exited', exitCode: 7, signal: null });
      if (f.backend.onExit) {
        await new Promise((r) => setTimeout(r, 50));
        assert.equal(exits.filter((h) => h.id === handle.id).length, 1);
      }
    });

    test('cancel stops a running job with SIGTERM and is idempotent', async () => {
      const handle = await start('run:60000');
      await until(f.backend, handle, 'running');
      await f.backend.cancel(handle, f.graceMs);
      const ended = await until(f.backend, handle, 'exited');
      assert.equal(ended.state === 'exited' && ended.signal, 'SIGTERM');
      await f.backend.cancel(handle, f.graceMs);
    });

    test('cancel escalates to SIGKILL after the grace when SIGTERM is ignored', async () => {
      const handle = await start('stubborn');
      // The fake launcher must have installed its SIGTERM handler before the cancel.
      for (let i = 0; i < 200 && !(await stat(join(handle.folder, 'fake-launcher.started')).catch(() => undefined)); i++) {
        await new Promise((r) => setTimeout(r, 20));
      }
      const asked = Date.now();
      await f.backend.cancel(handle, f.graceMs);
      const ended = await until(f.backend, handle, 'exited', f.graceMs + 15_000);
      assert.equal(ended.state === 'exited' && ended.signal, 'SIGKILL');
      assert.ok(Date.now() - asked >= f.graceMs, 'SIGKILL came after the grace');
    });

    test('after a restart a backend adopts a job that still runs, or stops what is left of it', async () => {
      const handle = await start('run:60000');
      await until(f.backend, handle, 'running');
      const restarted = f.restarted();
      const found = await restarted.reattach(handle);
      if (restarted.capabilities.survivesRestart) {
        assert.equal(found.state, 'running');
        const adopted = found.state === 'running' ? found.handle : handle;
        assert.equal(adopted.id, handle.id);
        assert.equal((await restarted.poll(adopted)).state, 'running');
        await restarted.cancel(adopted, f.graceMs);
        for (let i = 0; i < 500 && (await restarted.poll(adopted)).state === 'running'; i++) await new Promise((r) => setTimeout(r, 20));
        assert.notEqual((await restarted.poll(adopted)).state, 'running', 'an adopted job can be canceled');
      } else {
        assert.equal(found.state, 'gone');
        await until(restarted, handle, 'unknown');
      }
      const unrelated = await restarted.reattach({ ...handle, id: '999999999' });
      assert.equal(unrelated.state, 'gone');
    });

    test('after a restart a job that was prepared but never launched is gone, and never started', async () => {
      const prepared = await f.backend.prepare(fakeJob('run:100'));
      const found = await f.restarted().reattach(prepared);
      assert.deepEqual([found.state, found.state === 'gone' && found.neverStarted], ['gone', true]);
    });

    test('after a restart a job whose process has ended is gone', async () => {
      const handle = await start('exit:0');
      await until(f.backend, handle, 'exited');
      const found = await f.restarted().reattach(handle);
      assert.equal(found.state, 'gone');
    });
  });
}
