import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';

/** Options for {@link pipInstall}. */
export interface PipInstallOptions {
  /** Receives pip's output line by line as it comes (without the newline), for the job's log. */
  log: (line: string) => void;
  /** pip's environment: where it reads `PIP_INDEX_URL`, `PIP_CONFIG_FILE` and `HOME` (for `pip.conf`). */
  env?: NodeJS.ProcessEnv;
  /** Index options from the environment's conda file (`--extra-index-url URL`), before the requirements. */
  indexOptions?: readonly string[];
  /** The index named in a {@link PipInstallError}: {@link pipIndex} of the same `env` and options, found once by the caller. */
  index: string;
}

/** What a failed install tried. */
export class PipInstallError extends Error {
  constructor(
    readonly requirements: readonly string[],
    /** The package index pip used, its password hidden. */
    readonly index: string,
    /** pip's last error line. */
    readonly reason: string,
  ) {
    super(`installing ${requirements.join(', ')} from ${index} failed: ${reason}`);
    this.name = 'PipInstallError';
  }
}

/**
 * Installs `requirements` into the environment of `python` (a virtual environment's
 * interpreter) with that Python's pip, from the index the user configured: `PIP_INDEX_URL`
 * and `pip.conf` are pip's own settings, read by pip from `env`. pip's output reaches `log` as
 * it is printed, so a long download shows its progress in the job's log. Throws
 * {@link PipInstallError} naming the requirements and the index when pip fails.
 */
export async function pipInstall(python: string, requirements: readonly string[], options: PipInstallOptions): Promise<void> {
  // No progress bars (they redraw one line) and no version nag; pip's own config decides the rest.
  const indexOptions = options.indexOptions ?? [];
  const args = ['-m', 'pip', 'install', '--disable-pip-version-check', '--no-input', '--progress-bar', 'off', ...indexOptions, ...requirements];
  const env = { ...(options.env ?? process.env), PYTHONUNBUFFERED: '1' };
  const lines: string[] = [];
  const code = await new Promise<number | null>((resolve, reject) => {
    const child = spawn(python, args, { stdio: ['ignore', 'pipe', 'pipe'], env });
    for (const stream of [child.stdout, child.stderr]) {
      createInterface({ input: stream, crlfDelay: Infinity }).on('line', (line) => {
        if (line.trim() === '') return;
        lines.push(line);
        options.log(line);
      });
    }
    child.on('error', reject);
    child.on('close', resolve);
  });
  if (code === 0) return;
  const reason =
    lines
      .filter((l) => /^ERROR:/.test(l))
      .at(-1)
      ?.replace(/^ERROR:\s*/, '') ??
    lines.at(-1) ??
    `pip exited with code ${code}`;
  throw new PipInstallError(requirements, options.index, reason);
}

/**
 * The index pip reads packages from with `env` and `indexOptions`: an `--index-url` among the
 * options, else `PIP_INDEX_URL` or `index-url` in a `pip.conf`, as `pip config list` reports
 * them, else PyPI; followed by the options' extra indexes. Passwords are hidden.
 */
export async function pipIndex(python: string, env: NodeJS.ProcessEnv, indexOptions: readonly string[] = []): Promise<string> {
  const optionValues = (names: string[]) => indexOptions.flatMap((option, i) => (names.includes(option) && indexOptions[i + 1] !== undefined ? [indexOptions[i + 1]!] : []));
  const extra = optionValues(['--extra-index-url', '--find-links', '-f']).map(hidePassword);
  const main = optionValues(['--index-url', '-i']).at(-1) ?? (await configuredIndex(python, env));
  return extra.length === 0 ? main : `${main} and ${extra.join(', ')}`;
}

async function configuredIndex(python: string, env: NodeJS.ProcessEnv): Promise<string> {
  const listed = await new Promise<string>((resolve) => {
    const child = spawn(python, ['-m', 'pip', 'config', 'list'], { stdio: ['ignore', 'pipe', 'ignore'], env });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.on('error', () => resolve(''));
    child.on('close', () => resolve(out));
  });
  // `:env:.index-url='…'` wins over `global.index-url='…'` and `install.index-url='…'`.
  const entries = [...listed.matchAll(/^(:env:|global|install)\.index-url='(.*)'$/gm)].sort((a, b) => rank(a[1]!) - rank(b[1]!));
  const url = env.PIP_INDEX_URL ?? entries[0]?.[2];
  return url === undefined ? 'https://pypi.org/simple (pip’s default)' : hidePassword(url);
}

function rank(scope: string): number {
  return scope === ':env:' ? 0 : scope === 'install' ? 1 : 2;
}

/** `https://user:secret@host/simple` → `https://user:****@host/simple`, as pip prints it. */
export function hidePassword(url: string): string {
  return url.replace(/^([a-z][a-z0-9+.-]*:\/\/[^/:@]*):[^/@]*@/i, '$1:****@');
}
