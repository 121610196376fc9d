import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { assertBadRequest } from '../assert-bad-request.js';
import { parseModelVersionFilter, parseRegisteredModelFilter } from './parse-registry-filter.js';
import { parseModelVersionOrderBy, parseRegisteredModelOrderBy } from './parse-registry-order-by.js';

describe('parseRegisteredModelFilter', () => {
  it('reads name and tag clauses; an absent filter has none', () => {
    assert.deepEqual(parseRegisteredModelFilter(undefined), []);
    assert.deepEqual(parseRegisteredModelFilter("name ILIKE 'iris%' and tags.`mlflow.prompt.is_prompt` != 'true'"), [
      { type: 'attribute', key: 'name', comparator: 'ILIKE', value: 'iris%' },
      { type: 'tag', key: 'mlflow.prompt.is_prompt', comparator: '!=', value: 'true' },
    ]);
  });

  it('refuses other attributes, entity types, comparators and unquoted values', () => {
    assertBadRequest(() => parseRegisteredModelFilter("run_id = 'x'"), "Invalid attribute key 'run_id' specified. Valid keys are '{'name'}'");
    assertBadRequest(() => parseRegisteredModelFilter("params.a = 'x'"), /Invalid entity type 'params'/);
    assertBadRequest(() => parseRegisteredModelFilter("name > 'a'"), 'Invalid comparator for attribute: >');
    assertBadRequest(() => parseRegisteredModelFilter('tags.a = 1'), /Expected a quoted string value for tag/);
    assertBadRequest(() => parseRegisteredModelFilter("name = 'a' or name = 'b'"), /Invalid clause/);
  });
});

describe('parseModelVersionFilter', () => {
  it('reads name, version_number, run_id lists, source_path and tags', () => {
    assert.deepEqual(parseModelVersionFilter("name = 'm' and version_number >= 2 and run_id IN ('a', 'b') and source_path LIKE 'runs:/%' and tag.k = 'v'"), [
      { type: 'attribute', key: 'name', comparator: '=', value: 'm' },
      { type: 'attribute', key: 'version_number', comparator: '>=', value: 2 },
      { type: 'attribute', key: 'run_id', comparator: 'IN', value: ['a', 'b'] },
      { type: 'attribute', key: 'source_path', comparator: 'LIKE', value: 'runs:/%' },
      { type: 'tag', key: 'k', comparator: '=', value: 'v' },
    ]);
    assert.deepEqual(parseModelVersionFilter("version_number = '3'"), [{ type: 'attribute', key: 'version_number', comparator: '=', value: 3 }]);
  });

  it('refuses lists except for run_id, numbers except for version_number, and unknown keys', () => {
    assertBadRequest(() => parseModelVersionFilter("name IN ('a')"), "Only the 'run_id' attribute supports comparison with a list of quoted string values.");
    assertBadRequest(() => parseModelVersionFilter('name = 3'), /support comparison with numeric values/);
    assertBadRequest(() => parseModelVersionFilter("version_number LIKE '1%'"), 'Invalid comparator for attribute version_number: LIKE');
    assertBadRequest(() => parseModelVersionFilter("version_number = 'x'"), /Expected a numeric value/);
    assertBadRequest(() => parseModelVersionFilter("current_stage = 'None'"), /Invalid attribute key 'current_stage'/);
  });
});

describe('registry order_by', () => {
  it('reads attribute keys with a direction and refuses others and repeats', () => {
    assert.deepEqual(parseRegisteredModelOrderBy(['name DESC', 'attribute.last_updated_timestamp']), [
      { key: 'name', ascending: false },
      { key: 'last_updated_timestamp', ascending: true },
    ]);
    assert.deepEqual(parseModelVersionOrderBy(['version_number desc']), [{ key: 'version_number', ascending: false }]);
    assertBadRequest(() => parseRegisteredModelOrderBy(['version_number']), /Invalid order by key 'version_number'/);
    assertBadRequest(() => parseModelVersionOrderBy(['tags.a']), 'Invalid order_by entity: tag');
    assertBadRequest(() => parseModelVersionOrderBy(['name', 'name DESC']), /duplicate fields/);
  });
});
