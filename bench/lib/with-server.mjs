// Shared by the benchmarks: a fresh server to measure against, and their small timing helpers.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LatheClient } from '@lathe/sdk';
import { freePort } from './free-port.mjs';
import { ServerProcess } from './server-process.mjs';

export const sleep = (ms) => new Promise((done) => setTimeout(done, ms));
export const now = () => performance.now();

/**
 * Runs `body(client, server)` against `lathe server start` on a fresh LATHE_HOME (named after
 * `prefix`) and a free port, with `concurrency` jobs at once; the server is stopped and its home
 * removed afterwards. The process exits 2 when the whole run takes more than `timeoutS` seconds.
 */
export async function withServer({ prefix, concurrency, timeoutS }, body) {
  const timer = setTimeout(() => {
    console.error(`timed out after ${timeoutS} s`);
    process.exit(2);
  }, timeoutS * 1000);
  timer.unref();
  const home = await mkdtemp(join(tmpdir(), prefix));
  const server = new ServerProcess(home, await freePort(), { python: process.env.LATHE_PYTHON ?? '/usr/bin/python3', concurrency });
  try {
    const client = new LatheClient({ url: server.url });
    await server.waitHealthy(client);
    return await body(client, server);
  } finally {
    await server.stop();
    await rm(home, { recursive: true, force: true }).catch(() => undefined);
  }
}
