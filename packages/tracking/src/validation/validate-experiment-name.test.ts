import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { assertBadRequest } from '../assert-bad-request.js';
import { validateExperimentName } from './validate-experiment-name.js';

describe('validateExperimentName', () => {
  it('accepts any non-empty string up to 500 characters', () => {
    for (const name of ['Default', '/Users/me/exp', 'a b:c!', 'x'.repeat(500), '実験']) assert.equal(validateExperimentName(name), name);
  });

  it('refuses an empty or missing name', () => {
    assertBadRequest(() => validateExperimentName(''), "Invalid experiment name: ''");
    assertBadRequest(() => validateExperimentName(undefined), "Invalid experiment name: 'None'");
    assertBadRequest(() => validateExperimentName(null), "Invalid experiment name: 'None'");
  });

  it('refuses a name that is not a string', () => {
    assertBadRequest(() => validateExperimentName(5), 'Invalid experiment name: 5. Expects a string.');
  });

  it('refuses a name over 500 characters', () => {
    assertBadRequest(() => validateExperimentName('x'.repeat(501)), "'name' exceeds the maximum length of 500 characters");
  });
});
