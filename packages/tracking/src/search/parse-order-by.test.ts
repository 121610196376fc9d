import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { assertBadRequest } from '../assert-bad-request.js';
import { parseExperimentOrderBy, parseRunOrderBy } from './parse-order-by.js';

describe('parseRunOrderBy', () => {
  it('absent or empty order_by has no keys', () => {
    assert.deepEqual(parseRunOrderBy(undefined), []);
    assert.deepEqual(parseRunOrderBy([]), []);
  });

  it('reads each entity type, ascending unless DESC (any case)', () => {
    assert.deepEqual(parseRunOrderBy(['metrics.acc DESC', 'params.lr', 'tags.z ASC', 'attributes.end_time desc', 'run_name asc']), [
      { type: 'metric', key: 'acc', ascending: false },
      { type: 'param', key: 'lr', ascending: true },
      { type: 'tag', key: 'z', ascending: true },
      { type: 'attribute', key: 'end_time', ascending: false },
      { type: 'attribute', key: 'run_name', ascending: true },
    ]);
  });

  it('reads quoted keys and aliases', () => {
    assert.deepEqual(parseRunOrderBy(['metrics.`f1 score` DESC', 'tags."mlflow.runName"', 'param.x', 'metric.y']), [
      { type: 'metric', key: 'f1 score', ascending: false },
      { type: 'tag', key: 'mlflow.runName', ascending: true },
      { type: 'param', key: 'x', ascending: true },
      { type: 'metric', key: 'y', ascending: true },
    ]);
  });

  it('normalises created to start_time and accepts every orderable attribute', () => {
    assert.deepEqual(parseRunOrderBy(['Created DESC']), [{ type: 'attribute', key: 'start_time', ascending: false }]);
    for (const key of ['run_id', 'run_name', 'status', 'user_id', 'artifact_uri', 'start_time', 'end_time']) {
      assert.deepEqual(parseRunOrderBy([`attribute.${key}`]), [{ type: 'attribute', key, ascending: true }], key);
    }
  });

  it('refuses the same field twice, aliases included', () => {
    assertBadRequest(() => parseRunOrderBy(['start_time', 'created DESC']), "`order_by` contains duplicate fields: ['start_time', 'created DESC']");
    assertBadRequest(() => parseRunOrderBy(['metrics.a', 'metric.a DESC']), /^`order_by` contains duplicate fields/);
    assert.equal(parseRunOrderBy(['metrics.a', 'params.a', 'tags.a']).length, 3);
  });

  it('refuses unparsable items and unknown directions', () => {
    assertBadRequest(() => parseRunOrderBy(['']), "Invalid order_by clause ''. Could not be parsed.");
    assertBadRequest(() => parseRunOrderBy(['metrics.a DESC extra']), "Invalid order_by clause 'metrics.a DESC extra'. Could not be parsed.");
    assertBadRequest(() => parseRunOrderBy(["'metrics.a'"]), "Invalid order_by clause ''metrics.a''. Could not be parsed.");
    assertBadRequest(() => parseRunOrderBy(['metrics.a-b']), "Invalid order_by clause 'metrics.a-b'. Could not be parsed.");
    assertBadRequest(() => parseRunOrderBy(['metrics.a DESCENDING']), "Invalid ordering key in order_by clause 'metrics.a DESCENDING'.");
    assertBadRequest(() => parseRunOrderBy(['metrics.a 1']), "Invalid ordering key in order_by clause 'metrics.a 1'.");
    assertBadRequest(() => parseRunOrderBy([5 as unknown as string]), "Invalid order_by clause '5'. Could not be parsed.");
    assertBadRequest(() => parseRunOrderBy('metrics.a' as unknown as string[]), /for parameter 'order_by' supplied/);
  });

  it('refuses unknown entities and attributes, datasets and the run name aliases', () => {
    assertBadRequest(() => parseRunOrderBy(['foo.a']), "Invalid entity type 'foo'. Valid values are ['metric', 'parameter', 'tag', 'attribute', 'dataset']");
    assertBadRequest(() => parseRunOrderBy(['datasets.name']), "Invalid identifier type 'dataset'");
    assertBadRequest(() => parseRunOrderBy(['lifecycle_stage']), /^Invalid attribute key 'lifecycle_stage' specified. Valid keys are/);
    assertBadRequest(() => parseRunOrderBy(['`run name`']), /^Invalid attribute key 'run name'/);
  });
});

describe('parseExperimentOrderBy', () => {
  it('reads the four orderable attributes, with or without the prefix', () => {
    assert.deepEqual(parseExperimentOrderBy(['name', 'experiment_id DESC', 'attribute.creation_time asc', 'attributes.last_update_time DESC']), [
      { type: 'attribute', key: 'name', ascending: true },
      { type: 'attribute', key: 'experiment_id', ascending: false },
      { type: 'attribute', key: 'creation_time', ascending: true },
      { type: 'attribute', key: 'last_update_time', ascending: false },
    ]);
    assert.deepEqual(parseExperimentOrderBy(undefined), []);
  });

  it('refuses tags, other entities and other attributes', () => {
    assertBadRequest(() => parseExperimentOrderBy(['tags.a']), 'Invalid order_by entity: tag');
    assertBadRequest(() => parseExperimentOrderBy(['metrics.a']), /^Invalid entity type 'metrics'/);
    assertBadRequest(
      () => parseExperimentOrderBy(['artifact_location']),
      "Invalid attribute key 'artifact_location' specified. Valid keys are '{'name', 'experiment_id', 'creation_time', 'last_update_time'}'",
    );
    assertBadRequest(() => parseExperimentOrderBy(['name up']), "Invalid ordering key in order_by clause 'name up'.");
  });
});
