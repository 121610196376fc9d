import { spawn } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { mkdir, readFile, readdir, realpath, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
// The subpath, not the package root: the launcher boots on every job and must not load the schemas.
import { environmentLabel, type ResolvedEnvironment } from '@lathe/spec/resolved-environment';
import { findExecutable } from '../find-executable.js';
import { withLock } from './environment-lock.js';
import { PipInstallError, pipIndex, pipInstall } from './pip-install.js';
import { UNMET, checkRequirements, describeResult, type RequirementCheck, type RequirementResult } from './requirement-check.js';
import { UnmetRequirementsError, type InstallAttempt } from './unmet-requirements-error.js';

/** The Python a job runs with. */
export interface PythonRuntime {
  /** The interpreter `python` and `python3` resolve to. */
  python: string;
  /** A virtual environment's `bin`, put first on PATH; absent: the job links `python` itself. */
  binDir?: string;
  /** The virtual environment (`VIRTUAL_ENV`), when there is one. */
  virtualEnv?: string;
}

/** Options for {@link preparePythonEnvironment}. */
export interface PrepareEnvironmentOptions {
  /** `LATHE_PYTHON`: the base interpreter. */
  python: string;
  /** Environments live in `<cacheDir>/envs/<key>`. */
  cacheDir: string;
  /** Receives whole lines for the job's log (without the newline). */
  log: (line: string) => void;
  /** PEP 503 names met by Lathe's shipped stand-ins when not installed (default: `mlflow`, `mltable` and kin). */
  provided?: readonly string[];
  /** The environment pip installs with: its index settings (`PIP_INDEX_URL`, `HOME` for `pip.conf`). Default: this process's. */
  pipEnv?: NodeJS.ProcessEnv;
}

/** What is kept beside a built environment (`lathe-environment.json`). */
export interface EnvironmentInfo {
  key: string;
  interpreter: string;
  /** The version of the base Python. */
  python: string;
  requirements: string[];
  results: RequirementResult[];
  builtAt: string;
}

/** Lathe's shipped Python packages, which stand in for these when they are not installed. */
export const SHIPPED_STAND_INS = ['mlflow', 'mlflow-skinny', 'azureml-mlflow', 'mltable'];
const INFO_FILE = 'lathe-environment.json';

/**
 * Makes the job's Python from its resolved environment. None, or one without Python
 * requirements: `LATHE_PYTHON` as it is, at no cost. Otherwise a virtual environment over
 * `LATHE_PYTHON` with `--system-site-packages` (packages on the machine satisfy requirements
 * offline), keyed by a hash of the base interpreter and the requirements: built once under a
 * lock, checked, the requirements the machine does not meet installed into it with pip from the
 * user's index (or {@link UnmetRequirementsError} naming them and the index), renamed into
 * place, and reused by later jobs. A changed spec is a new key, so a new build. Its `bin` has
 * `pip` and `pip3`, which install into the environment.
 */
export async function preparePythonEnvironment(env: ResolvedEnvironment | undefined, options: PrepareEnvironmentOptions): Promise<PythonRuntime> {
  if (env === undefined) return { python: options.python };
  const { log } = options;
  log(`[lathe] environment: ${describeEnvironment(env)}`);
  for (const skipped of env.skipped) log(`[lathe]   skipped ${skipped}`);
  if (env.requirements.length === 0) {
    log(`[lathe] no Python requirements: the job runs with ${options.python}`);
    return { python: options.python };
  }
  const interpreter = await realpath(await findExecutable(options.python));
  const key = environmentKey(interpreter, env.requirements, env.pipOptions);
  const dir = join(options.cacheDir, 'envs', key);
  let info = await readInfo(dir);
  if (info !== undefined) log(`[lathe] using cached environment ${key} (${dir})`);
  else {
    await mkdir(join(options.cacheDir, 'envs'), { recursive: true });
    info = await withLock(`${dir}.lock`, () => buildOnce(env, interpreter, key, dir, options), {
      onWait: () => log(`[lathe] waiting for environment ${key}: another job is building it`),
    });
  }
  if (env.python !== undefined && !`${info.python}.`.startsWith(`${env.python}.`)) {
    log(
      `[lathe] warning: the environment asks for Python ${env.python}; it runs on Python ${info.python} (${interpreter}, set by LATHE_PYTHON): ` +
        `start the server with LATHE_PYTHON set to a Python ${env.python} interpreter to meet the pin`,
    );
  }
  return { python: join(dir, 'bin', 'python'), binDir: join(dir, 'bin'), virtualEnv: dir };
}

/** The cache key: the base interpreter, the requirements in any order, and the index options. */
export function environmentKey(interpreter: string, requirements: readonly string[], pipOptions: readonly string[] = []): string {
  const canonical = JSON.stringify({ format: 2, interpreter, requirements: [...new Set(requirements)].sort(), pipOptions });
  return createHash('sha256').update(canonical).digest('hex').slice(0, 16);
}

function describeEnvironment(env: ResolvedEnvironment): string {
  const label = environmentLabel(env);
  // The job's warnings already say that an image is not run; this line does not say it again.
  const image = env.image === undefined ? '' : env.source === 'curated' ? `, Lathe's local equivalent of ${env.image}` : `, image ${env.image}`;
  const reference = env.source === 'inline' ? '' : ` (${env.reference})`;
  return `${label}${reference}${image}; requires ${env.requirements.join(', ') || 'no Python packages'}`;
}

async function readInfo(dir: string): Promise<EnvironmentInfo | undefined> {
  const text = await readFile(join(dir, INFO_FILE), 'utf8').catch(() => undefined);
  return text === undefined ? undefined : (JSON.parse(text) as EnvironmentInfo);
}

// Under the lock: another job may have finished it while this one waited.
async function buildOnce(env: ResolvedEnvironment, interpreter: string, key: string, dir: string, options: PrepareEnvironmentOptions): Promise<EnvironmentInfo> {
  const built = await readInfo(dir);
  if (built !== undefined) {
    options.log(`[lathe] using cached environment ${key} (${dir}), built by another job meanwhile`);
    return built;
  }
  return build(env, interpreter, key, dir, options);
}

async function build(env: ResolvedEnvironment, interpreter: string, key: string, dir: string, options: PrepareEnvironmentOptions): Promise<EnvironmentInfo> {
  const { log } = options;
  const started = Date.now();
  const envs = join(dir, '..');
  // Leftovers of a build that died, and a folder without its info file, are rebuilt.
  for (const name of await readdir(envs)) if (name.startsWith(`.build-${key}-`)) await rm(join(envs, name), { recursive: true, force: true });
  await rm(dir, { recursive: true, force: true });
  const temp = join(envs, `.build-${key}-${randomBytes(4).toString('hex')}`);
  log(`[lathe] building environment ${key}: ${interpreter} -m venv --system-site-packages --without-pip`);
  try {
    // Without pip: the build takes a fraction of a second instead of seconds, and the system's
    // pip (a system site package) still works inside the environment.
    await run(interpreter, ['-m', 'venv', '--system-site-packages', '--without-pip', temp], log);
    const python = join(temp, 'bin', 'python');
    await providePip(temp, log);
    const check = await checkAndInstall(env, python, interpreter, options);
    const info: EnvironmentInfo = { key, interpreter, python: check.python, requirements: [...env.requirements], results: check.results, builtAt: new Date().toISOString() };
    await writeFile(join(temp, INFO_FILE), JSON.stringify(info, null, 2));
    await retarget(temp, dir);
    await rename(temp, dir);
    log(`[lathe] environment ${key} built in ${((Date.now() - started) / 1000).toFixed(1)} s (${dir})`);
    return info;
  } finally {
    await rm(temp, { recursive: true, force: true });
  }
}

/**
 * Checks the requirements in the new environment and installs those the machine does not meet
 * with pip. Unreadable requirements fail at once; after an install every requirement is checked
 * again, so what pip left unmet still fails the build.
 */
async function checkAndInstall(env: ResolvedEnvironment, python: string, interpreter: string, options: PrepareEnvironmentOptions): Promise<RequirementCheck> {
  const { log } = options;
  const provided = options.provided ?? SHIPPED_STAND_INS;
  const refuse = (unmet: RequirementResult[], attempt?: InstallAttempt): never => {
    const error = new UnmetRequirementsError(environmentLabel(env), interpreter, unmet, attempt);
    log(`[lathe] ${error.advice}`);
    throw error;
  };
  const check = await checkRequirements(python, env.requirements, provided);
  for (const result of check.results) log(`[lathe]   ${describeResult(result)}`);
  const invalid = check.results.filter((r) => r.status === 'invalid');
  if (invalid.length > 0) refuse(invalid);
  const install = check.results.filter((r) => UNMET.has(r.status));
  if (install.length === 0) return check;

  const pipEnv = options.pipEnv ?? process.env;
  const started = Date.now();
  const indexOptions = env.pipOptions ?? [];
  // `pip config list` is a Python start: asked once, for the log line and for any error.
  const index = await pipIndex(python, pipEnv, indexOptions);
  log(`[lathe] installing ${install.length} of ${check.results.length} requirements with pip from ${index}: ${install.map((r) => r.requirement).join(', ')}`);
  try {
    await pipInstall(
      python,
      install.map((r) => r.requirement),
      { log: (line) => log(`[lathe]   pip: ${line}`), env: pipEnv, indexOptions, index },
    );
  } catch (error) {
    if (!(error instanceof PipInstallError)) throw error;
    refuse(install, { index, reason: error.reason });
  }
  log(`[lathe] installed in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  const after = await checkRequirements(python, env.requirements, provided);
  const unmet = after.results.filter((r) => UNMET.has(r.status));
  if (unmet.length > 0) refuse(unmet, { index, reason: 'pip finished, but these are still not met' });
  return after;
}

/**
 * Makes `pip` and `pip3` in the environment's `bin` the environment's own: the system's pip (a
 * system site package) run by the environment's Python, which installs into the environment.
 * A machine without pip gets one from `ensurepip`, which ships with Python (no download).
 */
async function providePip(dir: string, log: (line: string) => void): Promise<void> {
  const python = join(dir, 'bin', 'python');
  const hasPip = await run(python, ['-c', 'import pip'], () => undefined).then(
    () => true,
    () => false,
  );
  if (!hasPip) {
    log(`[lathe] ${python} has no pip: adding one with ensurepip`);
    await run(python, ['-m', 'ensurepip', '--default-pip'], log);
  }
  // Scripts instead of pip's own entry points, which name the build folder that is renamed.
  for (const name of await readdir(join(dir, 'bin'))) if (/^pip3\.\d+$/.test(name)) await rm(join(dir, 'bin', name));
  await writePipScripts(join(dir, 'bin'), '"$(dirname -- "$0")/python"');
}

/**
 * Writes `pip` and `pip3` into `binDir` as scripts that run `python -m pip` with the given
 * interpreter (a shell word), so the job's `pip` installs into the Python the job runs.
 */
export async function writePipScripts(binDir: string, python: string): Promise<void> {
  for (const name of ['pip', 'pip3']) {
    await writeFile(join(binDir, name), `#!/bin/sh\nexec ${python} -m pip "$@"\n`, { mode: 0o755 });
  }
}

// venv writes its own path into the activation scripts and pyvenv.cfg; after the rename that
// path is `dir`. (The interpreter itself finds its environment relative to where it runs.)
async function retarget(temp: string, dir: string): Promise<void> {
  const files = ['pyvenv.cfg', ...(await readdir(join(temp, 'bin'))).filter((f) => f.toLowerCase().startsWith('activate')).map((f) => join('bin', f))];
  for (const file of files) {
    const text = await readFile(join(temp, file), 'utf8');
    if (text.includes(temp)) await writeFile(join(temp, file), text.split(temp).join(dir));
  }
}

function run(command: string, args: string[], log: (line: string) => void): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      for (const line of output.split('\n').filter((l) => l.trim() !== '')) log(`[lathe]   ${line}`);
      if (code === 0) resolve();
      else reject(new Error(`${command} ${args.join(' ')} exited with code ${code}${output.trim() ? `: ${output.trim().split('\n').at(-1)}` : ''}`));
    });
  });
}
