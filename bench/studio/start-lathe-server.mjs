// A real Lathe server for a benchmark: `lathe server start` as a child process (its own process
// group, so stopping it stops what it started), SQLite in `home`, on a free port.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort } from '../lib/free-port.mjs';

const CLI = fileURLToPath(new URL('../../packages/cli/bin/lathe.js', import.meta.url));

/**
 * Starts the server with LATHE_HOME = `home` and waits until `/health` answers. Returns
 * `{ url, home, dbFile, stop() }`; `stop` sends SIGTERM to the group, SIGKILL after 5 s.
 */
export async function startLatheServer(home, env = {}) {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const child = spawn(process.execPath, [CLI, 'server', 'start'], {
    env: { ...process.env, LATHE_HOME: home, LATHE_PORT: String(port), LATHE_HOST: '127.0.0.1', LATHE_LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'ignore', 'inherit'],
    detached: true,
  });
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    const signal = (name) => {
      try {
        process.kill(-child.pid, name);
      } catch {
        child.kill(name);
      }
    };
    signal('SIGTERM');
    await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 5000))]);
    if (child.exitCode === null && child.signalCode === null) signal('SIGKILL');
  };
  try {
    await waitHealthy(url, child, 60);
  } catch (error) {
    await stop();
    throw error;
  }
  return { url, home, dbFile: join(home, 'lathe.db'), stop };
}

async function waitHealthy(url, child, seconds) {
  const deadline = Date.now() + seconds * 1000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`lathe server exited with ${child.exitCode}`);
    try {
      if ((await fetch(`${url}/health`)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`${url} did not become healthy in ${seconds} s`);
}
