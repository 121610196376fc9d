import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { assertBadRequest } from '../assert-bad-request.js';
import { canonicalStage } from './model-stages.js';
import { validateAliasName, validateModelVersionNumber, validateRegistryTag } from './validate-registry.js';

describe('registry validation', () => {
  it('reads versions as Python int() does, in canonical form', () => {
    assert.equal(validateModelVersionNumber('3'), '3');
    assert.equal(validateModelVersionNumber(' 03 '), '3');
    assert.equal(validateModelVersionNumber('+1_0'), '10');
    assertBadRequest(() => validateModelVersionNumber('v1'), "Parameter 'version' must be an integer, got 'v1'.");
    assertBadRequest(() => validateModelVersionNumber('1.5'), /must be an integer/);
  });

  it('checks alias names, and reserved ones when setting', () => {
    assert.equal(validateAliasName('champion-2_x'), 'champion-2_x');
    assert.equal(validateAliasName('latest'), 'latest', 'latest may be read');
    assertBadRequest(() => validateAliasName('latest', true), "'latest' alias name (case insensitive) is reserved.");
    assertBadRequest(() => validateAliasName('V12', true), "Version alias name 'V12' is reserved.");
    assertBadRequest(() => validateAliasName('a.b'), /Invalid alias name: 'a.b'/);
    assertBadRequest(() => validateAliasName(''), 'Registered model alias name cannot be empty.');
    assertBadRequest(() => validateAliasName('a'.repeat(256)), /exceeds the maximum length of 255/);
  });

  it('canonicalises stages and checks tags', () => {
    assert.equal(canonicalStage('production'), 'Production');
    assertBadRequest(() => canonicalStage('live'), 'Invalid Model Version stage: live. Value must be one of None, Staging, Production, Archived.');
    assert.deepEqual(validateRegistryTag({ key: 'k' }), { key: 'k', value: '' });
    assertBadRequest(() => validateRegistryTag({ value: 'v' }), "Missing value for required parameter 'key'.");
    assertBadRequest(() => validateRegistryTag({ key: 'k', value: 'x'.repeat(100_001) }), /exceeds the maximum length of 100000/);
  });
});
