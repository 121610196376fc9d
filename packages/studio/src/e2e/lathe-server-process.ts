import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

/** A Lathe server started as users start it, `lathe server start`, in a child process. */
export interface LatheServerProcess {
  /** The server's base URL, e.g. `http://127.0.0.1:41234`. */
  url: string;
  /** The access token printed at start, when the server asks for one. */
  accessToken?: string;
  /** Stops the server (SIGTERM, as Ctrl-C would) and waits for the process to end. */
  close(): Promise<void>;
}

/** How long the server may take to print its URL on a loaded 2-core machine. */
const START_TIMEOUT_MS = 60_000;

/**
 * Runs the `lathe` binary of `@lathe/cli` with `server start --port 0 --home <home>` and `env`
 * over this process's environment; resolves once it has printed its URL and token. Studio talks
 * to the server only over HTTP, so its tests do too: they load none of the server's code.
 */
export async function startLatheServerProcess(home: string, env: Record<string, string> = {}): Promise<LatheServerProcess> {
  const child = spawn(process.execPath, [latheBin(), 'server', 'start', '--port', '0', '--home', home], {
    env: { ...process.env, LATHE_LOG_LEVEL: 'silent', LATHE_JOB_RECONNECT_S: '10', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (text: string) => (stdout += text));
  child.stderr.setEncoding('utf8').on('data', (text: string) => (stderr += text));
  const exited = new Promise<void>((done) => child.once('exit', () => done()));
  const close = async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    await exited;
  };
  try {
    const url = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`lathe server start printed no URL in ${START_TIMEOUT_MS / 1000} s:\n${stdout}${stderr}`)), START_TIMEOUT_MS);
      // `Submit a job:` is the last line printed at start, after the URL and the token.
      child.stdout.on('data', () => {
        const found = /Lathe is running at (\S+)/.exec(stdout);
        if (found?.[1] === undefined || !stdout.includes('Submit a job:')) return;
        clearTimeout(timer);
        resolve(found[1]);
      });
      child.once('exit', (code, signal) => {
        clearTimeout(timer);
        reject(new Error(`lathe server start exited (${code ?? signal}) before listening:\n${stdout}${stderr}`));
      });
    });
    const token = /\/login\?token=(\S+)/.exec(stdout)?.[1];
    return { url, ...(token !== undefined ? { accessToken: token } : {}), close };
  } catch (error) {
    await close();
    throw error;
  }
}

/** The CLI's `lathe` script, found through `@lathe/cli`'s package.json as npm links it. */
function latheBin(): string {
  const manifest = createRequire(import.meta.url).resolve('@lathe/cli/package.json');
  const { bin } = JSON.parse(readFileSync(manifest, 'utf8')) as { bin: { lathe: string } };
  return join(dirname(manifest), bin.lathe);
}
