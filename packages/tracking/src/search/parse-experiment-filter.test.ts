import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { assertBadRequest } from '../assert-bad-request.js';
import { parseExperimentFilter } from './parse-experiment-filter.js';

describe('parseExperimentFilter', () => {
  it('an absent, empty or blank filter has no clauses', () => {
    assert.deepEqual(parseExperimentFilter(undefined), []);
    assert.deepEqual(parseExperimentFilter(''), []);
    assert.deepEqual(parseExperimentFilter('  '), []);
  });

  it('reads name, times and tags, with or without the attribute prefix', () => {
    assert.deepEqual(parseExperimentFilter("name = 'a' and attribute.creation_time >= 10 AND last_update_time < 20 and tags.`k.1` ilike '%v'"), [
      { type: 'attribute', key: 'name', comparator: '=', value: 'a' },
      { type: 'attribute', key: 'creation_time', comparator: '>=', value: 10 },
      { type: 'attribute', key: 'last_update_time', comparator: '<', value: 20 },
      { type: 'tag', key: 'k.1', comparator: 'ILIKE', value: '%v' },
    ]);
    assert.equal(parseExperimentFilter("tag.x = 'y'")[0]?.type, 'tag');
    assert.equal(parseExperimentFilter("attributes.name = 'y'")[0]?.type, 'attribute');
  });

  it('refuses entity prefixes experiments do not have', () => {
    const message = "Invalid entity type 'metrics'. Valid entity types are ('attribute', 'attributes', 'tag', 'tags')";
    assertBadRequest(() => parseExperimentFilter('metrics.a > 1'), message);
    assertBadRequest(() => parseExperimentFilter("params.a = 'x'"), /Invalid entity type 'params'/);
    assertBadRequest(() => parseExperimentFilter("run.name = 'x'"), /Invalid entity type 'run'/);
  });

  it('refuses attributes other than name, creation_time and last_update_time', () => {
    assertBadRequest(() => parseExperimentFilter("experiment_id = '1'"), "Invalid attribute key 'experiment_id' specified. Valid keys are '{'name', 'creation_time', 'last_update_time'}'");
    assertBadRequest(() => parseExperimentFilter("lifecycle_stage = 'active'"), /Invalid attribute key 'lifecycle_stage'/);
  });

  it('refuses values of the wrong kind', () => {
    assertBadRequest(() => parseExperimentFilter("creation_time > '1'"), "Expected numeric value type for numeric attribute: creation_time. Found '1'");
    assertBadRequest(() => parseExperimentFilter('name = 1'), 'Expected a quoted string value for attributes. Got value 1');
    assertBadRequest(() => parseExperimentFilter('tags.a = 1'), "Expected a quoted string value for tag (e.g. 'my-value'). Got value 1");
    assertBadRequest(() => parseExperimentFilter('name = x'), /not quoted or unidentified quote types used for string value x/);
    assertBadRequest(() => parseExperimentFilter("name IN ('a')"), "Only the 'run_id' attribute supports comparison with a list of quoted string values.");
    assertBadRequest(() => parseExperimentFilter("tags.a IN ('a')"), "Expected a quoted string value for tag (e.g. 'my-value'). Got value ('a')");
  });

  it('refuses comparators the field does not take', () => {
    assertBadRequest(() => parseExperimentFilter("name > 'a'"), 'Invalid comparator for string attribute: >');
    assertBadRequest(() => parseExperimentFilter('creation_time LIKE 1'), 'Invalid comparator for numeric attribute: LIKE');
    assertBadRequest(() => parseExperimentFilter("tags.a < 'x'"), 'Invalid comparator for tag: <');
    assertBadRequest(() => parseExperimentFilter('tags.a IS NULL'), 'Invalid comparator for tag: IS NULL');
    assertBadRequest(() => parseExperimentFilter("name NOT LIKE 'a'"), 'Invalid comparator for string attribute: NOT LIKE');
  });

  it('refuses OR, stray words and bad quoting as run filters do', () => {
    assertBadRequest(() => parseExperimentFilter("name = 'a' OR name = 'b'"), "Invalid clause(s) in filter string: 'OR'");
    assertBadRequest(() => parseExperimentFilter('name'), "Invalid clause(s) in filter string: 'name'");
    assertBadRequest(() => parseExperimentFilter("name = 'a"), /Could not be parsed: unterminated quote/);
    assertBadRequest(() => parseExperimentFilter([] as unknown as string), /for parameter 'filter' supplied/);
  });
});
