// Shared by the benchmarks: the server under test as a child process (`lathe server start` on a
// fresh LATHE_HOME), and the clean-up of any job it leaves running.
import { spawn } from 'node:child_process';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const CLI = join(ROOT, 'packages', 'cli', 'bin', 'lathe.js');
const LAUNCHER = join(ROOT, 'packages', 'launcher', 'bin', 'lathe-launch.js');
const sleep = (ms) => new Promise((done) => setTimeout(done, ms));
const now = () => performance.now();

/** `lathe server start` on `home` and `port`; `options`: `python`, `concurrency`. */
export class ServerProcess {
  constructor(home, port, options) {
    this.home = home;
    this.port = port;
    this.url = `http://127.0.0.1:${port}`;
    this.output = '';
    this.child = spawn(process.execPath, [CLI, 'server', 'start'], {
      cwd: ROOT,
      env: {
        ...process.env,
        LATHE_HOME: home,
        LATHE_HOST: '127.0.0.1',
        LATHE_PORT: String(port),
        LATHE_PYTHON: options.python,
        LATHE_LOG_LEVEL: process.env.LATHE_LOG_LEVEL || 'warn',
        LATHE_CONCURRENCY: String(options.concurrency),
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const keep = (chunk) => {
      this.output = (this.output + chunk.toString()).slice(-64 * 1024);
    };
    this.child.stdout.on('data', keep);
    this.child.stderr.on('data', keep);
    this.exited = new Promise((done) => this.child.once('exit', (code, signal) => done({ code, signal })));
    this.exitedAlready = false;
    void this.exited.then(() => (this.exitedAlready = true));
  }

  /** Resolves when GET /api/v1/health answers; throws when the server exits or takes too long. */
  async waitHealthy(client, limitMs = 30_000) {
    const start = now();
    while (now() - start < limitMs) {
      if (this.exitedAlready) throw new Error(`the server exited before answering:\n${this.output}`);
      try {
        await client.health();
        return now() - start;
      } catch {
        await sleep(20);
      }
    }
    throw new Error(`the server did not answer /api/v1/health within ${limitMs} ms:\n${this.output}`);
  }

  /** SIGTERM, then SIGKILL after 5 s; also kills any launcher or command left under its home. */
  async stop() {
    if (!this.exitedAlready) {
      this.child.kill('SIGTERM');
      const timer = setTimeout(() => this.child.kill('SIGKILL'), 5000);
      await this.exited;
      clearTimeout(timer);
    }
    await killLeftovers(this.home);
  }
}

/**
 * Jobs still running when the bench stops early (timeout, error) are killed: each launcher is a
 * process-group leader whose command line names its job folder under `home`, and each command's
 * group id is in the job folder's `child.pgid`.
 */
export async function killLeftovers(home) {
  const runs = join(home, 'runs');
  for (const ws of await readdir(runs).catch(() => [])) {
    for (const job of await readdir(join(runs, ws)).catch(() => [])) {
      const pgid = Number(await readFile(join(runs, ws, job, 'child.pgid'), 'utf8').catch(() => ''));
      if (pgid > 1) signalGroup(pgid);
    }
  }
  for (const pid of await readdir('/proc').catch(() => [])) {
    if (!/^\d+$/.test(pid) || Number(pid) === process.pid) continue;
    const cmdline = await readFile(`/proc/${pid}/cmdline`, 'utf8').catch(() => '');
    if (cmdline.includes(LAUNCHER) && cmdline.includes(runs)) signalGroup(Number(pid));
  }
}

function signalGroup(pgid) {
  try {
    process.kill(-pgid, 'SIGKILL');
  } catch {
    // Already gone.
  }
}
