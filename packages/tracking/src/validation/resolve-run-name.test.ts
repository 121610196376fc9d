import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { assertBadRequest } from '../assert-bad-request.js';
import { resolveRunName, validateRunName } from './resolve-run-name.js';

describe('validateRunName', () => {
  it('returns the name, or undefined when absent or empty', () => {
    assert.equal(validateRunName('brave-fig-7'), 'brave-fig-7');
    assert.equal(validateRunName(undefined), undefined);
    assert.equal(validateRunName(null), undefined);
    assert.equal(validateRunName(''), undefined);
    assert.equal(validateRunName('r'.repeat(250)), 'r'.repeat(250));
  });

  it('refuses names that are not strings or are over 250 characters', () => {
    assertBadRequest(() => validateRunName(7), "Invalid value 7 for parameter 'run_name' supplied: Run names must be strings.");
    assertBadRequest(() => validateRunName('r'.repeat(251)), "'run_name' exceeds the maximum length of 250 characters");
  });
});

describe('resolveRunName', () => {
  it('takes the run_name field, else the mlflow.runName tag, else nothing', () => {
    assert.equal(resolveRunName('a'), 'a');
    assert.equal(resolveRunName(undefined, [{ key: 'mlflow.runName', value: 't' }]), 't');
    assert.equal(resolveRunName('', [{ key: 'mlflow.runName', value: 't' }]), 't');
    assert.equal(resolveRunName(undefined, [{ key: 'mlflow.runName', value: '' }]), undefined);
    assert.equal(resolveRunName(undefined, [{ key: 'other', value: 'x' }]), undefined);
  });

  it('accepts field and tag when they agree, and refuses them when they differ', () => {
    assert.equal(resolveRunName('same', [{ key: 'mlflow.runName', value: 'same' }]), 'same');
    assertBadRequest(
      () => resolveRunName('a', [{ key: 'mlflow.runName', value: 'b' }]),
      "Both 'run_name' argument and 'mlflow.runName' tag are specified, but with different values (run_name='a', mlflow.runName='b').",
    );
  });
});
