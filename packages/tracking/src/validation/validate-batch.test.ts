import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { assertBadRequest } from '../assert-bad-request.js';
import { validateBatchLimits, validateBatchRequestSize, validateLogBatch, validateParamKeysUnique } from './validate-batch.js';

const metric = (i: number) => ({ key: `m${i}`, value: i, timestamp: 1 });

describe('log-batch limits', () => {
  it('accepts batches at the limits, as counts or arrays', () => {
    validateBatchLimits({ metrics: 1000 });
    validateBatchLimits({ params: 100, tags: 100, metrics: 800 });
    validateBatchLimits({ metrics: new Array(1000), params: [], tags: undefined });
    validateBatchLimits({});
  });

  it("refuses more than 1000 metrics with MLflow's message", () => {
    assertBadRequest(
      () => validateBatchLimits({ metrics: 1001 }),
      'A batch logging request can contain at most 1000 metrics. Got 1001 metrics. Please split up metrics across multiple requests and try again.',
    );
  });

  it('refuses more than 100 params or 100 tags', () => {
    assertBadRequest(
      () => validateBatchLimits({ params: 101 }),
      'A batch logging request can contain at most 100 params. Got 101 params. Please split up params across multiple requests and try again.',
    );
    assertBadRequest(
      () => validateBatchLimits({ tags: new Array(101) }),
      'A batch logging request can contain at most 100 tags. Got 101 tags. Please split up tags across multiple requests and try again.',
    );
  });

  it('refuses more than 1000 entities together', () => {
    assertBadRequest(
      () => validateBatchLimits({ metrics: 900, params: 100, tags: 1 }),
      'A batch logging request can contain at most 1000 metrics, params, and tags. Got 1001 metrics, params, and tags. Please split up metrics, params, and tags across multiple requests and try again.',
    );
  });

  it('refuses request bodies over 1 MB', () => {
    validateBatchRequestSize(1_000_000);
    assertBadRequest(() => validateBatchRequestSize(1_000_001), 'Batched logging API requests must be at most 1000000 bytes, got a request of size 1000001.');
  });
});

describe('param keys in a batch', () => {
  it('accepts distinct keys and refuses repeats, listing each repeat', () => {
    validateParamKeysUnique([{ key: 'a' }, { key: 'b' }]);
    assertBadRequest(
      () => validateParamKeysUnique([{ key: 'a' }, { key: 'b' }, { key: 'a' }, { key: 'a' }]),
      "Duplicate parameter keys have been submitted: ['a', 'a']. Please ensure the request contains only one param value per param key.",
    );
  });
});

describe('validateLogBatch', () => {
  it('checks and returns every item; missing arrays are empty', () => {
    const batch = validateLogBatch({
      metrics: [{ key: 'acc', value: '0.5', timestamp: 3, step: 1 }],
      params: [{ key: 'lr', value: 'v'.repeat(7000) }],
    });
    assert.deepEqual(batch.metrics, [{ key: 'acc', value: 0.5, timestamp: 3, step: 1 }]);
    assert.equal(batch.params[0]?.value.length, 6000);
    assert.deepEqual(batch.tags, []);
    assert.deepEqual(validateLogBatch({}), { metrics: [], params: [], tags: [] });
  });

  it('names the failing item by its path', () => {
    assertBadRequest(() => validateLogBatch({ metrics: [metric(0), { key: 'm', timestamp: 1 }] }), "Missing value for required parameter 'metrics[1].value'.");
    assertBadRequest(() => validateLogBatch({ params: [{ key: 'ok' }, { key: '/bad' }] }), /parameter 'params\[1\].key'/);
    assertBadRequest(() => validateLogBatch({ tags: [{ value: 'v' }] }), "Missing value for required parameter 'tags[0].key'.");
    assertBadRequest(() => validateLogBatch({ tags: ['x'] }), `Invalid value "x" for parameter 'tags[0]' supplied: Expected an object.`);
  });

  it('refuses a long value when told not to cut', () => {
    assertBadRequest(() => validateLogBatch({ tags: [{ key: 't', value: 'v'.repeat(8001) }] }, { truncate: false }), /'tags\[0\].value' exceeds/);
  });

  it('checks limits before items, and param keys after', () => {
    const many = Array.from({ length: 1001 }, () => ({}));
    assertBadRequest(() => validateLogBatch({ metrics: many }), /at most 1000 metrics\. Got 1001/);
    assertBadRequest(() => validateLogBatch({ params: [{ key: 'a' }, { key: 'a' }] }), /^Duplicate parameter keys have been submitted: \['a'\]/);
  });

  it('refuses fields that are not arrays', () => {
    assertBadRequest(() => validateLogBatch({ metrics: {} }), "Invalid value {} for parameter 'metrics' supplied: Expected an array.");
  });
});
