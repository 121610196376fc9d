import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { assertBadRequest } from '../assert-bad-request.js';
import { validateMaxResults } from './validate-max-results.js';

describe('validateMaxResults', () => {
  it('defaults to 1000, or to the given default', () => {
    assert.equal(validateMaxResults(undefined), 1000);
    assert.equal(validateMaxResults(null), 1000);
    assert.equal(validateMaxResults(undefined, { defaultValue: 100 }), 100);
  });

  it('accepts integers from 1 to 50000, as numbers or strings', () => {
    assert.equal(validateMaxResults(1), 1);
    assert.equal(validateMaxResults(50000), 50000);
    assert.equal(validateMaxResults('250'), 250);
  });

  it("refuses zero, negatives and non-integers with MLflow's message", () => {
    assertBadRequest(() => validateMaxResults(0), "Invalid value 0 for parameter 'max_results' supplied. It must be a positive integer");
    assertBadRequest(() => validateMaxResults(-5), "Invalid value -5 for parameter 'max_results' supplied. It must be a positive integer");
    assertBadRequest(() => validateMaxResults(2.5), /Invalid value 2.5 for parameter 'max_results' supplied/);
    assertBadRequest(() => validateMaxResults('ten'), `Invalid value "ten" for parameter 'max_results' supplied. It must be a positive integer`);
    assertBadRequest(() => validateMaxResults(true), /Invalid value true/);
  });

  it('refuses more than the maximum', () => {
    assertBadRequest(() => validateMaxResults(50001), "Invalid value 50001 for parameter 'max_results' supplied. It must be at most 50000");
    assertBadRequest(() => validateMaxResults(11, { max: 10 }), "Invalid value 11 for parameter 'max_results' supplied. It must be at most 10");
  });
});
