import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { assertBadRequest } from '../assert-bad-request.js';
import { parseLoggedModelFilter } from './parse-logged-model-filter.js';
import { parseLoggedModelOrderBy } from './parse-logged-model-order-by.js';

describe('parseLoggedModelFilter', () => {
  it('an absent or blank filter has no clauses', () => {
    assert.deepEqual(parseLoggedModelFilter(undefined), []);
    assert.deepEqual(parseLoggedModelFilter(' '), []);
  });

  it('reads what the MLflow client sends to resolve runs:/<run>/<name> and set_active_model', () => {
    assert.deepEqual(parseLoggedModelFilter("source_run_id='abc' AND name='first'"), [
      { type: 'attribute', key: 'source_run_id', comparator: '=', value: 'abc' },
      { type: 'attribute', key: 'name', comparator: '=', value: 'first' },
    ]);
  });

  it('reads attributes, aliases, metrics, params and tags', () => {
    assert.deepEqual(parseLoggedModelFilter("attributes.creation_time >= 5 and metrics.acc > 0.5 and params.`a.b` = 'x' and tags.t LIKE 'v%' and status = 'READY'"), [
      { type: 'attribute', key: 'creation_timestamp', comparator: '>=', value: 5 },
      { type: 'metric', key: 'acc', comparator: '>', value: 0.5 },
      { type: 'param', key: 'a.b', comparator: '=', value: 'x' },
      { type: 'tag', key: 't', comparator: 'LIKE', value: 'v%' },
      { type: 'attribute', key: 'status', comparator: '=', value: 'LOGGED_MODEL_READY' },
    ]);
  });

  it('refuses unknown entities and attributes, wrong operators and values of the wrong kind', () => {
    assertBadRequest(() => parseLoggedModelFilter('metric.acc > 1'), "Invalid entity type: 'metric'. Expected one of ['attributes', 'metrics', 'params', 'tags'].");
    assertBadRequest(() => parseLoggedModelFilter("colour = 'red'"), /Invalid attribute key 'colour'/);
    assertBadRequest(() => parseLoggedModelFilter("name > 'a'"), /Invalid comparison operator for attributes.name: '>'/);
    assertBadRequest(() => parseLoggedModelFilter('metrics.acc LIKE 1'), /Invalid comparison operator for metrics.acc/);
    assertBadRequest(() => parseLoggedModelFilter("metrics.acc > 'high'"), /Expected a numeric value for metrics.acc/);
    assertBadRequest(() => parseLoggedModelFilter('params.a = 1'), /Expected a quoted string value for params.a/);
    assertBadRequest(() => parseLoggedModelFilter("name IN ('a')"), /Invalid comparison operator/);
    assertBadRequest(() => parseLoggedModelFilter("name = 'a' OR name = 'b'"), /Invalid clause/);
    assertBadRequest(() => parseLoggedModelFilter("name = 'a"), /Could not be parsed/);
  });
});

describe('parseLoggedModelOrderBy', () => {
  it('reads attributes and metrics with their datasets, ascending by default', () => {
    assert.deepEqual(parseLoggedModelOrderBy([{ field_name: 'creation_time' }, { field_name: 'metrics.acc', ascending: false, dataset_name: 'test', dataset_digest: 'd1' }]), [
      { type: 'attribute', key: 'creation_timestamp', ascending: true },
      { type: 'metric', key: 'acc', ascending: false, datasetName: 'test', datasetDigest: 'd1' },
    ]);
    assert.deepEqual(parseLoggedModelOrderBy(undefined), []);
  });

  it("refuses what MLflow refuses, in MLflow's words", () => {
    assertBadRequest(() => parseLoggedModelOrderBy(['name']), '`order_by` must be a list of dictionaries.');
    assertBadRequest(() => parseLoggedModelOrderBy({ field_name: 'name' }), /'order_by'/);
    assertBadRequest(() => parseLoggedModelOrderBy([{ ascending: true }]), '`field_name` in the `order_by` clause must be specified.');
    assertBadRequest(() => parseLoggedModelOrderBy([{ field_name: 'params.a' }]), 'Invalid order by field name: params, only `metrics.<name>` is allowed.');
    assertBadRequest(() => parseLoggedModelOrderBy([{ field_name: 'colour' }]), 'Invalid order by field name: colour.');
    assertBadRequest(() => parseLoggedModelOrderBy([{ field_name: 'name', ascending: 'yes' }]), /must be a boolean, got string/);
    assertBadRequest(() => parseLoggedModelOrderBy([{ field_name: 'metrics.a', dataset_digest: 'd' }]), '`dataset_digest` can only be specified if `dataset_name` is also specified.');
  });
});
