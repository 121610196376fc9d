import assert from 'node:assert/strict';
import { execFile, execFileSync } from 'node:child_process';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { after, before, describe, it } from 'node:test';
import type { ResolvedEnvironment } from '@lathe/spec';
import { TINY_WHEELS, startWheelIndex, type WheelIndex } from '@lathe/testing';
import { preparePythonEnvironment } from './python-environment.js';
import { UnmetRequirementsError } from './unmet-requirements-error.js';

const PYTHON = process.env.LATHE_PYTHON ?? '/usr/bin/python3';

function environment(requirements: string[], more: Partial<ResolvedEnvironment> = {}): ResolvedEnvironment {
  return { reference: 'azureml:test-env:1', source: 'workspace', name: 'test-env', version: '1', requirements, skipped: [], ...more };
}

/** pip's environment for the tests: the local index only, no pip.conf or PIP_* of this machine. */
function pipEnvFor(index: WheelIndex): NodeJS.ProcessEnv {
  const env = Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith('PIP_')));
  return { ...env, PIP_CONFIG_FILE: '/dev/null', PIP_INDEX_URL: index.url, PIP_DEFAULT_TIMEOUT: '5' };
}

describe('preparePythonEnvironment (real venvs)', () => {
  const roots: string[] = [];
  let index: WheelIndex;
  before(async () => {
    index = await startWheelIndex(TINY_WHEELS);
  });
  after(async () => {
    await index.close();
    for (const root of roots) await rm(root, { recursive: true, force: true });
  });
  const setup = async () => {
    const cacheDir = await mkdtemp(join(tmpdir(), 'lathe-envs-'));
    roots.push(cacheDir);
    const lines: string[] = [];
    return { cacheDir, lines, options: { python: PYTHON, cacheDir, log: (line: string) => lines.push(line), pipEnv: pipEnvFor(index) } };
  };

  it('leaves a job without environment, or without requirements, on the plain Python at no cost', async () => {
    const { cacheDir, lines, options } = await setup();
    assert.deepEqual(await preparePythonEnvironment(undefined, options), { python: PYTHON });
    assert.deepEqual(lines, []);
    assert.deepEqual(await preparePythonEnvironment(environment([], { image: 'python:3.11' }), options), { python: PYTHON });
    assert.match(lines.join('\n'), /no Python requirements: the job runs with/);
    assert.deepEqual(await readdir(cacheDir), [], 'no environment was built');
  });

  it('builds once over the system packages, reuses it, and builds anew when the requirements change', async () => {
    const { cacheDir, lines, options } = await setup();
    const first = await preparePythonEnvironment(environment(['scikit-learn', 'pandas', 'mlflow']), options);
    const key = /building environment ([0-9a-f]{16})/.exec(lines.join('\n'))?.[1];
    assert.ok(key, lines.join('\n'));
    assert.equal(first.virtualEnv, join(cacheDir, 'envs', key));
    assert.match(lines.join('\n'), /mlflow: (not installed; Lathe's shipped mlflow stands in|\d)/);
    // The environment's own interpreter: its prefix is the environment, the system's packages import.
    const out = execFileSync(first.python, ['-c', 'import sys, sklearn; print(sys.prefix)'], { encoding: 'utf8' });
    assert.equal(out.trim(), first.virtualEnv);

    lines.length = 0;
    const again = await preparePythonEnvironment(environment(['pandas', 'scikit-learn', 'mlflow']), options);
    assert.equal(again.virtualEnv, first.virtualEnv, 'the same requirements in another order are the same environment');
    assert.deepEqual(
      lines.filter((l) => /building|using cached/.test(l)),
      [`[lathe] using cached environment ${key} (${first.virtualEnv})`],
    );

    lines.length = 0;
    const changed = await preparePythonEnvironment(environment(['scikit-learn', 'pandas']), options);
    assert.notEqual(changed.virtualEnv, first.virtualEnv);
    assert.match(lines.join('\n'), /building environment/);
    assert.deepEqual((await readdir(join(cacheDir, 'envs'))).sort(), [key, changed.virtualEnv!.split('/').at(-1)].sort(), 'no lock or build folder left');
  });

  it('two jobs asking for the same new environment build it once', async () => {
    const { lines, options } = await setup();
    const [a, b] = await Promise.all([preparePythonEnvironment(environment(['numpy']), options), preparePythonEnvironment(environment(['numpy']), options)]);
    assert.equal(a.virtualEnv, b.virtualEnv);
    assert.equal(lines.filter((l) => /building environment/.test(l)).length, 1, lines.join('\n'));
    assert.equal(lines.filter((l) => /using cached environment .* built by another job meanwhile/.test(l)).length, 1, lines.join('\n'));
  });

  it('installs what the machine lacks from the configured index, as pinned, into the environment only', async () => {
    const { lines, options } = await setup();
    const requested = index.requests.length;
    const env = await preparePythonEnvironment(environment(['numpy', 'lathe-tiny-alpha==1.0.0']), options);
    const log = lines.join('\n');
    assert.ok(log.includes(`[lathe] installing 1 of 2 requirements with pip from ${index.url}: lathe-tiny-alpha==1.0.0`), log);
    assert.match(log, /\[lathe\] {3}pip: Successfully installed lathe-tiny-alpha-1\.0\.0/);
    const out = execFileSync(env.python, ['-c', 'import lathe_tiny_alpha as a, numpy; print(a.VERSION, a.__file__)'], { encoding: 'utf8' });
    assert.equal(out.trim(), `1.0.0 ${join(env.virtualEnv!, 'lib')}/python${/python(\d+\.\d+)/.exec(out)?.[1]}/site-packages/lathe_tiny_alpha/__init__.py`);
    assert.throws(() => execFileSync(PYTHON, ['-c', 'import lathe_tiny_alpha'], { stdio: 'ignore' }), 'the machine’s Python is left as it was');

    // The environment's own pip installs into it too, with the same index.
    // Not execFileSync: the index answers from this process.
    await promisify(execFile)(join(env.binDir!, 'pip'), ['install', '--disable-pip-version-check', '-q', 'lathe-tiny-beta'], { env: options.pipEnv });
    assert.equal(execFileSync(env.python, ['-c', 'import lathe_tiny_beta, sys; print(sys.prefix)'], { encoding: 'utf8' }).trim(), env.virtualEnv);

    lines.length = 0;
    const served = index.requests.length;
    assert.ok(served > requested, 'the wheel came from the index');
    const again = await preparePythonEnvironment(environment(['lathe-tiny-alpha==1.0.0', 'numpy']), options);
    assert.equal(again.virtualEnv, env.virtualEnv);
    assert.match(lines.join('\n'), /using cached environment/);
    assert.equal(index.requests.length, served, 'the cached environment asks the index for nothing');
  });

  it("installs from the index the conda file's pip list names, beside the configured one", async () => {
    const { lines, options } = await setup();
    // The configured index has nothing: the package comes from the conda file's extra index.
    const empty = await startWheelIndex([]);
    try {
      const env = await preparePythonEnvironment(environment(['lathe-tiny-alpha==2.0.0'], { pipOptions: ['--extra-index-url', index.url] }), { ...options, pipEnv: pipEnvFor(empty) });
      assert.ok(lines.join('\n').includes(`with pip from ${empty.url} and ${index.url}: lathe-tiny-alpha==2.0.0`), lines.join('\n'));
      assert.equal(execFileSync(env.python, ['-c', 'import lathe_tiny_alpha as a; print(a.VERSION)'], { encoding: 'utf8' }).trim(), '2.0.0');
    } finally {
      await empty.close();
    }
  });

  it('fails naming what is not met and the index tried, keeps nothing, and warns when the Python version differs', async () => {
    const { cacheDir, lines, options } = await setup();
    const error = await preparePythonEnvironment(environment(['numpy', 'definitely-not-installed-pkg==1.0', 'lathe-tiny-alpha==9.9']), options).then(
      () => assert.fail('expected the environment to be refused'),
      (e: unknown) => e,
    );
    assert.ok(error instanceof UnmetRequirementsError);
    assert.equal(
      error.headline.replace(/ by \/\S+ /, ' by PYTHON '),
      `environment test-env:1: 2 requirements are not met by PYTHON and could not be installed from ${index.url}: definitely-not-installed-pkg==1.0 (not installed), lathe-tiny-alpha==9.9 (not installed)`,
    );
    assert.match(error.message, /\npip: (Could not find a version|No matching distribution)/);
    assert.match(error.message, /PIP_INDEX_URL or pip\.conf/);
    assert.deepEqual(error.details.index, index.url);
    assert.deepEqual(await readdir(join(cacheDir, 'envs')), [], 'a failed build leaves nothing behind');

    const unreadable = await preparePythonEnvironment(environment(['numpy', 'not a requirement!']), options).then(
      () => assert.fail('expected the environment to be refused'),
      (e: unknown) => e,
    );
    assert.ok(unreadable instanceof UnmetRequirementsError);
    assert.match(unreadable.headline, /a requirement is not met by \S+: not a requirement! \(unreadable: /, 'an unreadable requirement is refused without asking pip');

    lines.length = 0;
    await preparePythonEnvironment(environment(['numpy'], { python: '2.7' }), options);
    assert.match(lines.join('\n'), /warning: the environment asks for Python 2\.7; it runs on Python 3\.\d+\.\d+/);
  });
});
