import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { assertBadRequest } from '../assert-bad-request.js';
import { parseMetricValue, validateMetric } from './validate-metric.js';

describe('parseMetricValue', () => {
  it('reads JSON numbers and the special strings protobuf uses for doubles', () => {
    assert.equal(parseMetricValue(0.5), 0.5);
    assert.equal(parseMetricValue(-3), -3);
    assert.ok(Number.isNaN(parseMetricValue('NaN')));
    assert.equal(parseMetricValue('Infinity'), Number.POSITIVE_INFINITY);
    assert.equal(parseMetricValue('-Infinity'), Number.NEGATIVE_INFINITY);
  });

  it('reads decimal numbers written as strings', () => {
    assert.equal(parseMetricValue('1.5'), 1.5);
    assert.equal(parseMetricValue('-2e3'), -2000);
    assert.equal(parseMetricValue('.5'), 0.5);
  });

  it('refuses booleans, null, objects and other strings', () => {
    const message = (v: string) => `Invalid value ${v} for parameter 'value' supplied: Please specify value as a valid double (64-bit floating point)`;
    assertBadRequest(() => parseMetricValue(true), message('true'));
    assertBadRequest(() => parseMetricValue(null), message('null'));
    assertBadRequest(() => parseMetricValue({}), message('{}'));
    for (const s of ['nan', 'inf', 'NAN', 'abc', '', ' 1', '1,5', '0x10']) assertBadRequest(() => parseMetricValue(s), message(JSON.stringify(s)));
    assertBadRequest(() => parseMetricValue('x', 'metrics[2].value'), /parameter 'metrics\[2\].value'/);
  });
});

describe('validateMetric', () => {
  it('returns the checked point, step defaulting to 0', () => {
    assert.deepEqual(validateMetric({ key: 'acc', value: 0.5, timestamp: 1700000000000 }), { key: 'acc', value: 0.5, timestamp: 1700000000000, step: 0 });
    assert.deepEqual(validateMetric({ key: 'loss', value: 'NaN', timestamp: '12', step: '-3' }).step, -3);
    assert.deepEqual(validateMetric({ key: 'l', value: 1, timestamp: 0, step: null }).step, 0);
  });

  it('refuses a missing or invalid key, naming the metric name field', () => {
    assertBadRequest(() => validateMetric({ value: 1, timestamp: 1 }), "Invalid value null for parameter 'name' supplied: Metric name cannot be None. A key name must be provided.");
    assertBadRequest(
      () => validateMetric({ key: 'a!b', value: 1, timestamp: 1 }),
      `Invalid value "a!b" for parameter 'name' supplied: Names may only contain alphanumerics, underscores (_), dashes (-), periods (.), spaces ( ), colon(:) and slashes (/).`,
    );
    assertBadRequest(
      () => validateMetric({ key: 'a/../b', value: 1, timestamp: 1 }),
      `Invalid value "a/../b" for parameter 'name' supplied: Names may be treated as files in certain cases, and must not resolve to other names when treated as such. This name would resolve to 'b'`,
    );
    assertBadRequest(() => validateMetric({ key: '', value: 1, timestamp: 1 }), /This name would resolve to '\.'$/);
    assertBadRequest(() => validateMetric({ key: 5, value: 1, timestamp: 1 }), "Invalid value 5 for parameter 'name' supplied: Names must be strings.");
    assertBadRequest(() => validateMetric({ key: 'k'.repeat(251), value: 1, timestamp: 1 }), "'Metric name' exceeds the maximum length of 250 characters");
    assert.equal(validateMetric({ key: 'k'.repeat(250), value: 1, timestamp: 1 }).key.length, 250);
  });

  it('refuses a missing or non-numeric value', () => {
    assertBadRequest(() => validateMetric({ key: 'a', timestamp: 1 }), "Missing value for required parameter 'value'.");
    assertBadRequest(
      () => validateMetric({ key: 'a', value: 'x', timestamp: 7 }),
      `Invalid value "x" for parameter 'value' supplied: (timestamp=7). Please specify value as a valid double (64-bit floating point)`,
    );
    assertBadRequest(() => validateMetric({ key: 'a', value: false, timestamp: 7 }), /Invalid value false for parameter 'value'/);
  });

  it('refuses a missing, negative or fractional timestamp', () => {
    assertBadRequest(() => validateMetric({ key: 'a', value: 1 }), "Missing value for required parameter 'timestamp'.");
    assertBadRequest(
      () => validateMetric({ key: 'a', value: 1, timestamp: -1 }),
      "Invalid value -1 for parameter 'timestamp' supplied: metric 'a' (value=1.0). Timestamp must be a nonnegative long (64-bit integer) ",
    );
    assertBadRequest(() => validateMetric({ key: 'a', value: 1, timestamp: 1.5 }), /parameter 'timestamp' supplied/);
    assertBadRequest(() => validateMetric({ key: 'a', value: 1, timestamp: 'soon' }), /parameter 'timestamp' supplied/);
  });

  it('refuses a fractional or non-integer step', () => {
    assertBadRequest(
      () => validateMetric({ key: 'a', value: 0.5, timestamp: 1, step: 1.5 }),
      "Invalid value 1.5 for parameter 'step' supplied: metric 'a' (value=0.5). Step must be a valid long (64-bit integer).",
    );
    assertBadRequest(() => validateMetric({ key: 'a', value: 1, timestamp: 1, step: '1e3' }), /parameter 'step' supplied/);
    assertBadRequest(() => validateMetric({ key: 'a', value: 1, timestamp: 1, step: 2 ** 60 }), /parameter 'step' supplied/);
  });

  it('prefixes field names with the path of the item in a batch', () => {
    assertBadRequest(() => validateMetric({ key: 'a', timestamp: 1 }, 'metrics[3]'), "Missing value for required parameter 'metrics[3].value'.");
    assertBadRequest(() => validateMetric({ key: '/a', value: 1, timestamp: 1 }, 'metrics[0]'), /parameter 'metrics\[0\].name'/);
  });
});
