import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { assertBadRequest } from '../assert-bad-request.js';
import { validateExperimentTag, validateTag } from './validate-tag.js';

describe('validateTag', () => {
  it('returns the tag; system tags with dots are fine', () => {
    assert.deepEqual(validateTag({ key: 'mlflow.runName', value: 'r' }), { key: 'mlflow.runName', value: 'r' });
    assert.deepEqual(validateTag({ key: 'note' }), { key: 'note', value: '' });
  });

  it('cuts values over 8000 characters by default, or refuses them', () => {
    assert.equal(validateTag({ key: 'k', value: 'v'.repeat(9000) }).value.length, 8000);
    assert.equal(validateTag({ key: 'k', value: 'v'.repeat(8000) }).value.length, 8000);
    assertBadRequest(() => validateTag({ key: 'k', value: 'v'.repeat(8001) }, '', { truncate: false }), "'value' exceeds the maximum length of 8000 characters");
    assertBadRequest(() => validateTag({ key: 'k', value: 'v'.repeat(8001) }, 'tags[0]', { truncate: false }), "'tags[0].value' exceeds the maximum length of 8000 characters");
  });

  it('refuses missing, invalid and long keys, and non-string values', () => {
    assertBadRequest(() => validateTag({ value: 'v' }), "Missing value for required parameter 'key'.");
    assertBadRequest(() => validateTag({ value: 'v' }, 'tags[2]'), "Missing value for required parameter 'tags[2].key'.");
    assertBadRequest(() => validateTag({ key: 'a?', value: 'v' }), /^Invalid value "a\?" for parameter 'key' supplied: Names may only contain/);
    assertBadRequest(() => validateTag({ key: 'k'.repeat(251), value: 'v' }), "'key' exceeds the maximum length of 250 characters");
    assertBadRequest(() => validateTag({ key: 'k', value: true }), "Invalid value true for parameter 'value' supplied: Values must be strings.");
  });
});

describe('validateExperimentTag', () => {
  it('returns the tag', () => {
    assert.deepEqual(validateExperimentTag({ key: 'team', value: 'ml' }), { key: 'team', value: 'ml' });
  });

  it('refuses values over 5000 characters: they are never cut', () => {
    assert.equal(validateExperimentTag({ key: 'k', value: 'v'.repeat(5000) }).value.length, 5000);
    assertBadRequest(() => validateExperimentTag({ key: 'k', value: 'v'.repeat(5001) }), "'value' exceeds the maximum length of 5000 characters");
  });

  it('refuses missing, invalid and long keys', () => {
    assertBadRequest(() => validateExperimentTag({ value: 'v' }), "Missing value for required parameter 'key'.");
    assertBadRequest(() => validateExperimentTag({ key: '/k', value: 'v' }), /This name would resolve to '\/k'$/);
    assertBadRequest(() => validateExperimentTag({ key: 'k'.repeat(251) }), "'key' exceeds the maximum length of 250 characters");
  });
});
