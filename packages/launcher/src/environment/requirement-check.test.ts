import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { checkRequirements, describeResult } from './requirement-check.js';

const PYTHON = process.env.LATHE_PYTHON ?? '/usr/bin/python3';

describe('checkRequirements (real Python)', () => {
  it('tells installed, missing, mismatched, unreadable, excluded and provided requirements apart', async () => {
    const check = await checkRequirements(
      PYTHON,
      ['Scikit_Learn', 'pandas>=0.1', 'definitely-not-installed-pkg==1.0', 'numpy<0.1', 'not a requirement!', 'numpy; python_version < "3"', 'mlflow'],
      ['mlflow'],
    );
    assert.match(check.python, /^3\.\d+\.\d+$/);
    const status = Object.fromEntries(check.results.map((r) => [r.requirement, r.status]));
    assert.deepEqual(status, {
      Scikit_Learn: 'ok',
      'pandas>=0.1': 'ok',
      'definitely-not-installed-pkg==1.0': 'missing',
      'numpy<0.1': 'mismatch',
      'not a requirement!': 'invalid',
      'numpy; python_version < "3"': 'skipped',
      mlflow: check.results.find((r) => r.requirement === 'mlflow')?.version === undefined ? 'provided' : 'ok',
    });
    const sklearn = check.results[0];
    assert.equal(sklearn?.name, 'scikit-learn');
    assert.match(describeResult(sklearn!), /^Scikit_Learn: \d+\.\d+/);
    assert.match(describeResult(check.results[3]!), /^numpy<0\.1: NOT MET, \d+\.\d+\.\d+ is installed$/);
  });

  it('rejects when the interpreter cannot run', async () => {
    await assert.rejects(checkRequirements('/nonexistent/python', ['numpy']), /ENOENT/);
  });
});
