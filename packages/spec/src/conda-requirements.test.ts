import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { condaRequirements, normalizePackageName } from './conda-requirements.js';

describe('condaRequirements', () => {
  it('reads the conda file of Azure examples: python apart, pip list as written', () => {
    const conda = {
      name: 'sklearn-env',
      channels: ['conda-forge'],
      dependencies: ['python=3.10', 'pip=21.2.4', 'scikit-learn=1.0.2', { pip: ['mlflow', 'azureml-mlflow==1.42.0', 'pandas>=1.3'] }],
    };
    assert.deepEqual(condaRequirements(conda), {
      python: '3.10',
      requirements: ['scikit-learn==1.0.2.*', 'mlflow', 'azureml-mlflow==1.42.0', 'pandas>=1.3'],
      skipped: ['pip=21.2.4 (installer; not needed)'],
      pipOptions: [],
    });
  });

  it('maps conda names to pip names and drops channels and build strings', () => {
    const { requirements } = condaRequirements({
      dependencies: ['pytorch::pytorch=1.13', 'conda-forge::py-xgboost', 'matplotlib-base>=3.5', 'numpy=1.22=py39h_0', 'pyyaml 6.0', 'scipy 1.10.*'],
    });
    assert.deepEqual(requirements, ['torch==1.13.*', 'xgboost', 'matplotlib>=3.5', 'numpy==1.22.*', 'pyyaml==6.0', 'scipy==1.10.*']);
  });

  it('skips what is no Python package, installers, other pip options and Azure service packages, saying why', () => {
    const result = condaRequirements({
      dependencies: ['cudatoolkit=11.3', 'libgcc-ng', 'git', 'setuptools', { pip: ['-r requirements.txt', 'azureml-defaults', 'libcst', 'graphviz'] }],
    });
    assert.deepEqual(result.requirements, ['libcst', 'graphviz']);
    assert.deepEqual(result.skipped, [
      'cudatoolkit=11.3 (not a Python package)',
      'libgcc-ng (not a Python package)',
      'git (not a Python package)',
      'setuptools (installer; not needed)',
      '-r requirements.txt (pip option not applied: only index options are)',
      'azureml-defaults (Azure ML service package; not used by Lathe)',
    ]);
  });

  it('keeps the index options of the pip list for installing, in file order', () => {
    const result = condaRequirements({
      dependencies: [{ pip: ['--extra-index-url https://download.pytorch.org/whl/cpu', 'torch', '--index-url=http://127.0.0.1:3141/simple/', '--pre', '--trusted-host 127.0.0.1', '--find-links'] }],
    });
    assert.deepEqual(result.pipOptions, ['--extra-index-url', 'https://download.pytorch.org/whl/cpu', '--index-url', 'http://127.0.0.1:3141/simple/', '--pre', '--trusted-host', '127.0.0.1']);
    assert.deepEqual(result.requirements, ['torch']);
    assert.deepEqual(result.skipped, ['--find-links (pip option not applied: only index options are)'], 'an option without its value is left out');
  });

  it('accepts any version when a conda spec cannot be read, and says so', () => {
    const result = condaRequirements({ dependencies: ['numpy 1.21|1.22'] });
    assert.deepEqual(result.requirements, ['numpy']);
    assert.match(result.skipped[0] ?? '', /version '1\.21\|1\.22' is not understood/);
  });

  it('has nothing to ask of a file without dependencies', () => {
    assert.deepEqual(condaRequirements({ name: 'empty' }), { requirements: [], skipped: [], pipOptions: [] });
    assert.deepEqual(condaRequirements(null), { requirements: [], skipped: [], pipOptions: [] });
  });

  it('normalizes package names as PEP 503 does', () => {
    assert.equal(normalizePackageName('Scikit_Learn'), 'scikit-learn');
    assert.equal(normalizePackageName('zope.interface'), 'zope-interface');
  });
});
