import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import type { ResolvedEnvironment } from '@lathe/spec';
import { preparePythonEnvironment } from './python-environment.js';
import { UnmetRequirementsError } from './unmet-requirements-error.js';

const PYTHON = process.env.LATHE_PYTHON ?? '/usr/bin/python3';

function environment(requirements: string[], more: Partial<ResolvedEnvironment> = {}): ResolvedEnvironment {
  return { reference: 'azureml:test-env:1', source: 'workspace', name: 'test-env', version: '1', requirements, skipped: [], ...more };
}

describe('preparePythonEnvironment (real venvs)', () => {
  const roots: string[] = [];
  after(async () => {
    for (const root of roots) await rm(root, { recursive: true, force: true });
  });
  const setup = async () => {
    const cacheDir = await mkdtemp(join(tmpdir(), 'lathe-envs-'));
    roots.push(cacheDir);
    const lines: string[] = [];
    return { cacheDir, lines, options: { python: PYTHON, cacheDir, log: (line: string) => lines.push(line) } };
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

  it('fails naming what is not met, keeps nothing, and warns when the Python version differs', async () => {
    const { cacheDir, lines, options } = await setup();
    const error = await preparePythonEnvironment(environment(['numpy', 'definitely-not-installed-pkg==1.0', 'numpy<0.1']), options).then(
      () => assert.fail('expected the environment to be refused'),
      (e: unknown) => e,
    );
    assert.ok(error instanceof UnmetRequirementsError);
    assert.match(error.headline, /^environment test-env:1: 2 requirements are not met by \/\S+: definitely-not-installed-pkg==1\.0 \(not installed\), numpy<0\.1 \(\S+ is installed\)$/);
    assert.match(error.message, /PyPI is not reached/);
    assert.match(error.message, /apt-get install python3-definitely-not-installed-pkg python3-numpy/);
    assert.deepEqual(await readdir(join(cacheDir, 'envs')), [], 'a failed build leaves nothing behind');

    lines.length = 0;
    await preparePythonEnvironment(environment(['numpy'], { python: '2.7' }), options);
    assert.match(lines.join('\n'), /warning: the environment asks for Python 2\.7; it runs on Python 3\.\d+\.\d+/);
  });
});
