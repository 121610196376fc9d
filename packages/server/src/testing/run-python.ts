import { spawn } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Debian's Python, which has azure-ai-ml, azure-identity and azure-storage-blob (`python3-azure`). */
export const TEST_PYTHON = process.env.LATHE_PYTHON ?? '/usr/bin/python3';

/**
 * `packages/server/test-fixtures`: the pydash stand-in azure-ai-ml imports (Debian lacks pydash)
 * and the SDK scenario scripts. Put it on `PYTHONPATH` for `import azure.ai.ml`.
 */
export const TEST_FIXTURES = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'test-fixtures');

/** What {@link runPython} saw: the exit code, and stdout and stderr interleaved as they came. */
export interface PythonRun {
  code: number | null;
  out: string;
}

/**
 * Runs {@link TEST_PYTHON} with `args` in `cwd`, with only `PATH`, `HOME` (= `cwd`), the fixtures
 * on `PYTHONPATH` and `env` (for the SDK: the variables `lathe sdk env` prints). Asynchronous on
 * purpose: the server under test answers from this process. `watch` sees stdout as it grows.
 * @internal
 */
export function runPython(args: string[], cwd: string, env: Record<string, string>, watch: (out: string) => void = () => {}): Promise<PythonRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(TEST_PYTHON, args, { cwd, env: { PATH: process.env.PATH ?? '/usr/bin', HOME: cwd, PYTHONPATH: TEST_FIXTURES, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      out += chunk;
      watch(out);
    });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (out += chunk));
    child.on('error', reject).on('close', (code) => resolve({ code, out }));
  });
}

/** The last line of `out` as JSON: what a test script printed last. */
export function lastJsonLine<T = any>(out: string): T {
  return JSON.parse(out.trim().split('\n').at(-1) ?? 'null') as T;
}
