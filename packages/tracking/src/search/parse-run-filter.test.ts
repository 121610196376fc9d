import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { assertBadRequest } from '../assert-bad-request.js';
import { parseRunFilter } from './parse-run-filter.js';

const STRING_SET = "'{'=', '!=', 'LIKE', 'ILIKE'}'";
const NUMERIC_SET = "'{'=', '!=', '>', '>=', '<', '<='}'";

describe('parseRunFilter: accepted filters', () => {
  it('an absent, empty or blank filter has no clauses', () => {
    assert.deepEqual(parseRunFilter(undefined), []);
    assert.deepEqual(parseRunFilter(''), []);
    assert.deepEqual(parseRunFilter(' \n\t '), []);
  });

  it('reads one clause of each entity type', () => {
    assert.deepEqual(parseRunFilter('metrics.acc > 0.9'), [{ type: 'metric', key: 'acc', comparator: '>', value: 0.9 }]);
    assert.deepEqual(parseRunFilter("params.lr = '0.1'"), [{ type: 'param', key: 'lr', comparator: '=', value: '0.1' }]);
    assert.deepEqual(parseRunFilter('tags.team != "ml"'), [{ type: 'tag', key: 'team', comparator: '!=', value: 'ml' }]);
    assert.deepEqual(parseRunFilter("attributes.status = 'FAILED'"), [{ type: 'attribute', key: 'status', comparator: '=', value: 'FAILED' }]);
    assert.deepEqual(parseRunFilter("datasets.context = 'train'"), [{ type: 'dataset', key: 'context', comparator: '=', value: 'train' }]);
  });

  it('joins clauses with AND in any case', () => {
    const clauses = parseRunFilter("metrics.a >= 1 and metrics.b < 2 AND params.c LIKE 'x%' And tags.d ILIKE '%Y'");
    assert.deepEqual(
      clauses.map((c) => [c.type, c.key, c.comparator]),
      [
        ['metric', 'a', '>='],
        ['metric', 'b', '<'],
        ['param', 'c', 'LIKE'],
        ['tag', 'd', 'ILIKE'],
      ],
    );
  });

  it('accepts every alias of every entity prefix', () => {
    const types = (prefixes: string[], rhs: string) => prefixes.map((p) => parseRunFilter(`${p}.k ${rhs}`)[0]?.type);
    assert.deepEqual(types(['metric', 'metrics'], '> 1'), ['metric', 'metric']);
    assert.deepEqual(types(['param', 'params', 'parameter', 'parameters'], "= 'v'"), ['param', 'param', 'param', 'param']);
    assert.deepEqual(types(['tag', 'tags'], "= 'v'"), ['tag', 'tag']);
    assert.deepEqual(
      ['attribute', 'attributes', 'attr', 'run'].map((p) => parseRunFilter(`${p}.status = 'v'`)[0]?.type),
      ['attribute', 'attribute', 'attribute', 'attribute'],
    );
    assert.deepEqual(
      ['dataset', 'datasets'].map((p) => parseRunFilter(`${p}.name = 'v'`)[0]?.type),
      ['dataset', 'dataset'],
    );
    assert.equal(parseRunFilter('`metrics`.k > 1')[0]?.type, 'metric');
  });

  it('reads keys quoted with backticks or double quotes, and dotted bare keys', () => {
    assert.equal(parseRunFilter('metrics."my metric" > 1')[0]?.key, 'my metric');
    assert.equal(parseRunFilter("tags.`mlflow.runName` = 'x'")[0]?.key, 'mlflow.runName');
    assert.equal(parseRunFilter('metrics.`cross-entropy-loss` < 0.5')[0]?.key, 'cross-entropy-loss');
    assert.equal(parseRunFilter("params.`1st_iteration_timestamp` = '2022-01-01'")[0]?.key, '1st_iteration_timestamp');
    assert.equal(parseRunFilter("tags.mlflow.source.name = 'x'")[0]?.key, 'mlflow.source.name');
    assert.equal(parseRunFilter('metrics.précision > 0')[0]?.key, 'précision');
  });

  it('normalises attribute aliases to canonical names', () => {
    const key = (f: string) => parseRunFilter(f)[0]?.key;
    assert.equal(key('created > 1'), 'start_time');
    assert.equal(key('attributes.Created > 1'), 'start_time');
    assert.equal(key("attributes.`run name` = 'x'"), 'run_name');
    assert.equal(key("`Run name` = 'x'"), 'run_name');
    assert.equal(key('"Run Name" = \'x\''), 'run_name');
    assert.equal(key("run_name = 'x'"), 'run_name');
  });

  it('a lone name is an attribute', () => {
    assert.deepEqual(parseRunFilter('start_time >= 1664067852747'), [{ type: 'attribute', key: 'start_time', comparator: '>=', value: 1664067852747 }]);
    assert.deepEqual(parseRunFilter("user_id LIKE 'user1'")[0]?.type, 'attribute');
  });

  it('upper-cases LIKE, ILIKE, IN and NOT IN', () => {
    assert.equal(parseRunFilter("params.a like 'x'")[0]?.comparator, 'LIKE');
    assert.equal(parseRunFilter("params.a ilike 'x'")[0]?.comparator, 'ILIKE');
    assert.equal(parseRunFilter("run_id in ('a')")[0]?.comparator, 'IN');
    assert.equal(parseRunFilter("run_id not in ('a')")[0]?.comparator, 'NOT IN');
  });

  it('takes run_id and dataset fields IN or NOT IN a list of quoted strings', () => {
    assert.deepEqual(parseRunFilter('attributes.run_id IN (\'a1\', "b2",)'), [{ type: 'attribute', key: 'run_id', comparator: 'IN', value: ['a1', 'b2'] }]);
    assert.deepEqual(parseRunFilter("run_id NOT IN ('a')")[0]?.value, ['a']);
    for (const key of ['name', 'digest', 'context']) {
      assert.deepEqual(parseRunFilter(`datasets.${key} IN ('x', 'y')`)[0]?.value, ['x', 'y'], key);
    }
  });

  it('reads numbers for metrics and numeric attributes, negative and exponent forms included', () => {
    assert.equal(parseRunFilter('metrics.loss < -1.5')[0]?.value, -1.5);
    assert.equal(parseRunFilter('metrics.loss<=1e-3')[0]?.value, 0.001);
    assert.equal(parseRunFilter('end_time < 5')[0]?.value, 5);
  });

  it('keeps the text between quotes as MLflow does, without unescaping', () => {
    assert.equal(parseRunFilter("tags.note = 'it''s'")[0]?.value, "it''s");
    assert.equal(parseRunFilter(`tags.note = "it's"`)[0]?.value, "it's");
    assert.equal(parseRunFilter("tags.note = ''")[0]?.value, '');
  });

  it('allows whitespace and newlines anywhere between tokens', () => {
    assert.equal(parseRunFilter('\n  metrics.a>1\n  AND\tmetrics.b<2\n').length, 2);
  });
});

describe('parseRunFilter: refused filters', () => {
  it('refuses OR, as MLflow does', () => {
    assertBadRequest(() => parseRunFilter('metrics.a > 1 OR metrics.b < 2'), "Invalid clause(s) in filter string: 'OR'");
    assertBadRequest(() => parseRunFilter('metrics.a > 1 or metrics.b < 2'), "Invalid clause(s) in filter string: 'or'");
  });

  it('refuses a lone value, a lone identifier and a clause missing its value', () => {
    assertBadRequest(() => parseRunFilter('abc'), "Invalid clause(s) in filter string: 'abc'");
    assertBadRequest(() => parseRunFilter("'abc'"), "Invalid clause(s) in filter string: ''abc''");
    assertBadRequest(() => parseRunFilter('42'), "Invalid clause(s) in filter string: '42'");
    assertBadRequest(() => parseRunFilter('metrics.a'), "Invalid clause(s) in filter string: 'metrics.a'");
    assertBadRequest(() => parseRunFilter('metrics.a >'), "Invalid clause(s) in filter string: 'metrics.a >'");
    assertBadRequest(() => parseRunFilter('metrics.a > 1 2'), "Invalid clause(s) in filter string: 'metrics.a > 1 2'");
    assertBadRequest(() => parseRunFilter('metrics.a > 1 metrics.b < 2'), /Invalid clause\(s\) in filter string: 'metrics.a > 1 metrics.b < 2'/);
  });

  it('refuses a dangling or doubled AND', () => {
    assertBadRequest(() => parseRunFilter('metrics.a > 1 AND'), "Invalid clause(s) in filter string: 'AND'");
    assertBadRequest(() => parseRunFilter('and metrics.a > 1'), "Invalid clause(s) in filter string: 'and'");
    assertBadRequest(() => parseRunFilter('metrics.a > 1 AND AND metrics.b > 1'), "Invalid clause(s) in filter string: 'AND'");
  });

  it('refuses parentheses around clauses', () => {
    assertBadRequest(() => parseRunFilter('(metrics.a > 1)'), "Invalid clause(s) in filter string: '(metrics.a > 1)'");
  });

  it('refuses unbalanced quotes and characters outside the grammar', () => {
    assertBadRequest(() => parseRunFilter("params.x = 'abc"), "Invalid filter 'params.x = 'abc'. Could not be parsed: unterminated quote ' starting at position 11.");
    assertBadRequest(() => parseRunFilter('params.x = "abc'), /unterminated quote " starting at position 11/);
    assertBadRequest(() => parseRunFilter('tags.`abc = 1'), /unterminated backtick/);
    assertBadRequest(() => parseRunFilter('metrics.cross-entropy < 1'), /Could not be parsed: unexpected character "-" at position 13/);
    assertBadRequest(() => parseRunFilter('metrics.a > 1; metrics.b > 1'), /unexpected character ";"/);
  });

  it('refuses an unknown entity prefix, naming it', () => {
    assertBadRequest(() => parseRunFilter("foo.bar = 'x'"), "Invalid entity type 'foo'. Valid values are ['metric', 'parameter', 'tag', 'attribute', 'dataset']");
    assertBadRequest(() => parseRunFilter('Metrics.a > 1'), /Invalid entity type 'Metrics'/);
    assertBadRequest(() => parseRunFilter('constructor.a > 1'), /Invalid entity type 'constructor'/);
  });

  it('refuses an unknown attribute or dataset key, naming it', () => {
    assertBadRequest(() => parseRunFilter("attributes.foo = 'x'"), /^Invalid attribute key 'foo' specified. Valid keys are '\{'run_id', /);
    assertBadRequest(() => parseRunFilter("foo = 'x'"), /^Invalid attribute key 'foo' specified/);
    assertBadRequest(() => parseRunFilter("attributes.experiment_id = '1'"), /^Invalid attribute key 'experiment_id'/);
    assertBadRequest(() => parseRunFilter("datasets.schema = 'x'"), "Invalid dataset key 'schema' specified. Valid keys are '{'name', 'digest', 'context'}'");
  });

  it('refuses malformed identifiers', () => {
    assertBadRequest(() => parseRunFilter('tags."a".b = \'x\''), /^Invalid identifier 'tags."a".b'/);
    assertBadRequest(() => parseRunFilter('metrics.`` > 1'), /^Invalid identifier 'metrics.``'/);
    assertBadRequest(() => parseRunFilter("`` = 'x'"), /^Invalid identifier '``'/);
  });

  it('refuses a metric or numeric attribute compared with anything but a number', () => {
    assertBadRequest(() => parseRunFilter("metrics.a > 'x'"), "Expected numeric value type for metric. Found 'x'");
    assertBadRequest(() => parseRunFilter('metrics.a > "1"'), 'Expected numeric value type for metric. Found "1"');
    assertBadRequest(() => parseRunFilter('metrics.a > abc'), 'Expected numeric value type for metric. Found abc');
    assertBadRequest(() => parseRunFilter("metrics.a IN ('1')"), "Expected numeric value type for metric. Found ('1')");
    assertBadRequest(() => parseRunFilter("start_time > '1'"), "Expected numeric value type for numeric attribute: start_time. Found '1'");
    assertBadRequest(() => parseRunFilter("created > 'x'"), "Expected numeric value type for numeric attribute: created. Found 'x'");
  });

  it('refuses a string field compared with anything but a quoted string', () => {
    assertBadRequest(() => parseRunFilter('params.a = 1'), "Expected a quoted string value for parameter (e.g. 'my-value'). Got value 1");
    assertBadRequest(() => parseRunFilter('tags.a = NULL'), "Expected a quoted string value for tag (e.g. 'my-value'). Got value NULL");
    assertBadRequest(() => parseRunFilter("tags.a = ('x')"), "Expected a quoted string value for tag (e.g. 'my-value'). Got value ('x')");
    assertBadRequest(() => parseRunFilter('attributes.status = 5'), 'Expected a quoted string value for attributes. Got value 5');
    assertBadRequest(() => parseRunFilter('datasets.name = 5'), 'Expected a quoted string value for dataset attributes. Got value 5');
    assertBadRequest(() => parseRunFilter('params.a = abc'), 'Parameter value is either not quoted or unidentified quote types used for string value abc. Use either single or double quotes.');
    assertBadRequest(() => parseRunFilter('tags.`test` = `abc`'), /not quoted or unidentified quote types used for string value `abc`/);
  });

  it('refuses comparators the field type does not take', () => {
    assertBadRequest(() => parseRunFilter('metrics.a LIKE 1'), `Invalid comparator 'LIKE' not one of ${NUMERIC_SET}`);
    assertBadRequest(() => parseRunFilter('metrics.a == 1'), `Invalid comparator '==' not one of ${NUMERIC_SET}`);
    assertBadRequest(() => parseRunFilter('metrics.a <> 1'), `Invalid comparator '<>' not one of ${NUMERIC_SET}`);
    assertBadRequest(() => parseRunFilter("params.a > '1'"), `Invalid comparator '>' not one of ${STRING_SET}`);
    assertBadRequest(() => parseRunFilter("tags.a NOT LIKE 'x'"), `Invalid comparator 'NOT LIKE' not one of ${STRING_SET}`);
    assertBadRequest(() => parseRunFilter("tags.a RLIKE 'x'"), `Invalid comparator 'RLIKE' not one of ${STRING_SET}`);
    assertBadRequest(() => parseRunFilter('start_time LIKE 1'), `Invalid comparator 'LIKE' not one of ${NUMERIC_SET}`);
    assertBadRequest(() => parseRunFilter("status >= 'x'"), /^Invalid comparator '>=' not one of '\{'=', '!=', 'LIKE', 'ILIKE', 'IN', 'NOT IN'\}'$/);
    assertBadRequest(() => parseRunFilter("datasets.name < 'x'"), /^Invalid comparator '<' not one of/);
  });

  it('refuses IS NULL and IS NOT NULL, which MLflow does not support', () => {
    assertBadRequest(() => parseRunFilter('tags.a IS NULL'), `Invalid comparator 'IS NULL' not one of ${STRING_SET}`);
    assertBadRequest(() => parseRunFilter('params.a IS NOT NULL'), `Invalid comparator 'IS NOT NULL' not one of ${STRING_SET}`);
    assertBadRequest(() => parseRunFilter('end_time IS NULL'), `Invalid comparator 'IS NULL' not one of ${NUMERIC_SET}`);
    assertBadRequest(() => parseRunFilter('tags.a IS NULL 1'), "Invalid clause(s) in filter string: 'tags.a IS NULL 1'");
  });

  it('refuses lists except for run_id and dataset fields with IN or NOT IN', () => {
    assertBadRequest(() => parseRunFilter("status IN ('a')"), "Only the 'run_id' attribute supports comparison with a list of quoted string values.");
    assertBadRequest(() => parseRunFilter("run_id = ('a')"), "Invalid comparator '=' for the list ('a'): a list needs IN or NOT IN");
    assertBadRequest(() => parseRunFilter("run_id IN 'a'"), "Invalid clause(s) in filter string: 'run_id IN 'a''");
    assertBadRequest(() => parseRunFilter("run_id NOT 'a'"), "Invalid clause(s) in filter string: 'run_id NOT 'a''");
    assertBadRequest(() => parseRunFilter("run_id IN ('a'"), "Invalid clause(s) in filter string: 'run_id IN ('a''");
  });

  it("refuses empty, non-string and ill-formed lists with MLflow's messages", () => {
    assertBadRequest(() => parseRunFilter('run_id IN ()'), 'While parsing a list in the query, expected a non-empty list of string values, but got empty list');
    assertBadRequest(() => parseRunFilter('run_id IN (1, 2)'), 'While parsing a list in the query, expected string value, punctuation, or whitespace, but got different type in list: (1, 2)');
    const illFormed = 'While parsing a list in the query, expected a non-empty list of string values, but got ill-formed list.';
    assertBadRequest(() => parseRunFilter("run_id IN ('a' 'b')"), illFormed);
    assertBadRequest(() => parseRunFilter("run_id IN ('a',,'b')"), illFormed);
    assertBadRequest(() => parseRunFilter("run_id IN (('a'))"), illFormed);
    assertBadRequest(() => parseRunFilter('run_id IN (a)'), illFormed);
  });

  it('refuses a filter that is not a string', () => {
    assertBadRequest(() => parseRunFilter(5 as unknown as string), "Invalid value 5 for parameter 'filter' supplied: Expected a string.");
    assert.deepEqual(parseRunFilter(null as unknown as string), []);
  });
});
