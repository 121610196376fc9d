import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { assertBadRequest } from '../assert-bad-request.js';
import { validateExperimentId, validateRunId } from './validate-ids.js';

describe('run and experiment IDs', () => {
  it('accepts MLflow-shaped IDs', () => {
    assert.equal(validateRunId('5984a3488161440f92de9847e846b342'), '5984a3488161440f92de9847e846b342');
    assert.equal(validateRunId('run_1-a'), 'run_1-a');
    assert.equal(validateExperimentId('0'), '0');
    assert.equal(validateExperimentId('exp-12_a'), 'exp-12_a');
  });

  it('refuses IDs that start badly, hold other characters or are too long', () => {
    for (const id of ['', '_a', '-a', 'a b', 'a/b', 'a.b', 'r'.repeat(257), 5]) {
      assertBadRequest(() => validateRunId(id), `Invalid value ${JSON.stringify(id)} for parameter 'run_id' supplied.`);
    }
    assert.equal(validateRunId('r'.repeat(256)).length, 256);
    assertBadRequest(() => validateRunId('a b', 'run_uuid'), `Invalid value "a b" for parameter 'run_uuid' supplied.`);
    for (const id of ['', '-1', 'a b', 'e'.repeat(65)]) assertBadRequest(() => validateExperimentId(id), `Invalid experiment ID: '${id}'`);
    assertBadRequest(() => validateExperimentId(3), "Invalid experiment ID: '3'");
  });
});
