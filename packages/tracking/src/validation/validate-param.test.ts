import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { assertBadRequest } from '../assert-bad-request.js';
import { validateParam } from './validate-param.js';

describe('validateParam', () => {
  it('returns the param; a missing value is the empty string', () => {
    assert.deepEqual(validateParam({ key: 'lr', value: '0.1' }), { key: 'lr', value: '0.1' });
    assert.deepEqual(validateParam({ key: 'lr' }), { key: 'lr', value: '' });
  });

  it('cuts values over 6000 characters by default, counting code points', () => {
    assert.equal(validateParam({ key: 'k', value: 'v'.repeat(6000) }).value.length, 6000);
    assert.equal(validateParam({ key: 'k', value: 'v'.repeat(7000) }).value.length, 6000);
    const emoji = '😀'.repeat(6000);
    assert.equal(validateParam({ key: 'k', value: emoji }).value, emoji);
    assert.equal(Array.from(validateParam({ key: 'k', value: emoji + 'x' }).value).length, 6000);
  });

  it('refuses long values when told not to cut', () => {
    assertBadRequest(() => validateParam({ key: 'k', value: 'v'.repeat(6001) }, '', { truncate: false }), "'Param value' exceeds the maximum length of 6000 characters");
  });

  it('refuses missing, invalid and long keys', () => {
    assertBadRequest(() => validateParam({ value: 'v' }), `Invalid value "" for parameter 'key' supplied: A key name must be provided.`);
    assertBadRequest(() => validateParam({ key: 'a*b', value: 'v' }), /^Invalid value "a\*b" for parameter 'key' supplied: Names may only contain/);
    assertBadRequest(() => validateParam({ key: './a', value: 'v' }), /This name would resolve to 'a'$/);
    assertBadRequest(() => validateParam({ key: 'k'.repeat(251), value: 'v' }), "'Param key' exceeds the maximum length of 250 characters");
  });

  it('refuses values that are not strings', () => {
    assertBadRequest(() => validateParam({ key: 'k', value: 3 }), "Invalid value 3 for parameter 'value' supplied: Values must be strings.");
    assertBadRequest(() => validateParam({ key: 'k', value: 3 }, 'params[1]'), /parameter 'params\[1\].value'/);
  });
});
