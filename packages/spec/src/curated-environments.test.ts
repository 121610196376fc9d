import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { condaRequirements } from './conda-requirements.js';
import { CURATED_ENVIRONMENTS, curatedEnvironmentSpec, findCuratedEnvironment } from './curated-environments.js';
import { resolveEnvironmentSpec } from './resolved-environment.js';
import { expectInvalidSpec } from './expect-invalid-spec.test-support.js';

describe('curated environments', () => {
  it('covers the names Azure/azureml-examples use, in registry and workspace form', () => {
    for (const name of [
      'sklearn-1.5',
      'sklearn-1.0',
      'sklearn-1.1',
      'lightgbm-3.3',
      'tensorflow-2.16-cuda12',
      'acpt-pytorch-2.8-cuda12.6',
      'acpt-pytorch-2.2-cuda12.1',
      'responsibleai-tabular',
      'minimal-py311-inference',
    ]) {
      assert.equal(findCuratedEnvironment(name)?.name, name);
    }
    assert.equal(findCuratedEnvironment('AzureML-sklearn-1.5')?.name, 'sklearn-1.5');
    assert.equal(findCuratedEnvironment('AzureML-ACPT-pytorch-1.12-py39-cuda11.6-gpu')?.name, 'acpt-pytorch-1.12-py39-cuda11.6-gpu');
    assert.equal(findCuratedEnvironment('AzureML-Minimal')?.name, 'minimal');
    assert.equal(findCuratedEnvironment('no-such-environment'), undefined);
  });

  it('has unique names, an image each and pip names only', () => {
    const names = CURATED_ENVIRONMENTS.map((e) => e.name.toLowerCase());
    assert.equal(new Set(names).size, names.length);
    for (const env of CURATED_ENVIRONMENTS) {
      assert.match(env.image, /^mcr\.microsoft\.com\/azureml\/curated\//);
      for (const pkg of env.packages) assert.match(pkg, /^[a-z0-9][a-z0-9-]*$/, `${env.name}: ${pkg}`);
    }
  });

  it('reads as an environment spec whose conda file lists its packages', () => {
    const sklearn = findCuratedEnvironment('sklearn-1.5');
    assert.ok(sklearn);
    const spec = curatedEnvironmentSpec(sklearn);
    assert.deepEqual(condaRequirements(spec.conda_file).requirements, ['scikit-learn', 'pandas', 'numpy', 'scipy', 'joblib', 'mlflow']);
    const resolved = resolveEnvironmentSpec(spec, { reference: 'azureml:AzureML-sklearn-1.5@latest', source: 'curated', name: 'sklearn-1.5', version: 'curated' }, 'environment');
    assert.equal(resolved.image, 'mcr.microsoft.com/azureml/curated/sklearn-1.5:latest');
    assert.equal(resolved.python, undefined, 'the host Python is not second-guessed for curated ones');
  });
});

describe('resolveEnvironmentSpec', () => {
  it('refuses a conda file the server cannot read, naming the field', () => {
    const error = expectInvalidSpec(() => resolveEnvironmentSpec({ conda_file: 'conda.yml' }, { reference: 'inline', source: 'inline' }, 'environment'));
    assert.match(error.message, /^spec: environment\.conda_file: 'conda\.yml' cannot be read by the server/);
  });

  it('keeps an image and a build context for messages, with no requirements', () => {
    const resolved = resolveEnvironmentSpec({ image: 'python:3.11' }, { reference: 'inline', source: 'inline' }, 'environment');
    assert.deepEqual(resolved, { reference: 'inline', source: 'inline', image: 'python:3.11', requirements: [], skipped: [] });
  });
});
