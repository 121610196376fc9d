import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseExperimentFilter } from './parse-experiment-filter.js';
import { parseRunFilter } from './parse-run-filter.js';
import { parseRunOrderBy } from './parse-order-by.js';

/**
 * Every example filter on MLflow's "Search Runs" page (docs/classic-ml/search/search-runs, MLflow
 * 3.x, and the older search-syntax page), each with the clauses it must give.
 */
const RUN_FILTERS: Array<[string, Array<[string, string, string, unknown]>]> = [
  ['metrics.accuracy > 0.92', [['metric', 'accuracy', '>', 0.92]]],
  [
    'params.model = "LogisticRegression" and params.lambda = "0.001" and metrics.error <= 0.05',
    [
      ['param', 'model', '=', 'LogisticRegression'],
      ['param', 'lambda', '=', '0.001'],
      ['metric', 'error', '<=', 0.05],
    ],
  ],
  ['attributes.status = "FAILED"', [['attribute', 'status', '=', 'FAILED']]],
  ['metrics.loss > 0.8', [['metric', 'loss', '>', 0.8]]],
  ["tag.`test` = 'abc'", [['tag', 'test', '=', 'abc']]],
  ['tag.`test` = "abc"', [['tag', 'test', '=', 'abc']]],
  ['tag."test" = "abc"', [['tag', 'test', '=', 'abc']]],
  ['metrics.`cross-entropy-loss` < 0.5', [['metric', 'cross-entropy-loss', '<', 0.5]]],
  ['params.`1st_iteration_timestamp` = "2022-01-01"', [['param', '1st_iteration_timestamp', '=', '2022-01-01']]],
  [
    "attributes.run_id IN ('5984a3488161440f92de9847e846b342', 'babe221a676b4fa4b204f8240f2c4f14')",
    [['attribute', 'run_id', 'IN', ['5984a3488161440f92de9847e846b342', 'babe221a676b4fa4b204f8240f2c4f14']]],
  ],
  ['metrics.accuracy > 0.72', [['metric', 'accuracy', '>', 0.72]]],
  ['metrics.loss <= 0.15', [['metric', 'loss', '<=', 0.15]]],
  ['metrics.accuracy != 0.15', [['metric', 'accuracy', '!=', 0.15]]],
  ['params.model = "GPT-4o"', [['param', 'model', '=', 'GPT-4o']]],
  ['params.model LIKE "GPT%"', [['param', 'model', 'LIKE', 'GPT%']]],
  ['params.model ILIKE "gpt%"', [['param', 'model', 'ILIKE', 'gpt%']]],
  ["datasets.name IN ('custom', 'also custom', 'another custom name')", [['dataset', 'name', 'IN', ['custom', 'also custom', 'another custom name']]]],
  ["datasets.digest IN ('s8ds293b', 'jks834s2')", [['dataset', 'digest', 'IN', ['s8ds293b', 'jks834s2']]]],
  ["attributes.run_id IN ('5984a3488161440f92de9847e846b342')", [['attribute', 'run_id', 'IN', ['5984a3488161440f92de9847e846b342']]]],
  ['metrics."accuracy" > 0.72', [['metric', 'accuracy', '>', 0.72]]],
  ['metrics.`log-scale-loss` <= 0', [['metric', 'log-scale-loss', '<=', 0]]],
  ['metrics.`f1 score` >= 0.5', [['metric', 'f1 score', '>=', 0.5]]],
  [
    'metrics.accuracy > 0.72 AND metrics.loss <= 0.15',
    [
      ['metric', 'accuracy', '>', 0.72],
      ['metric', 'loss', '<=', 0.15],
    ],
  ],
  ['params.batch_size = "2"', [['param', 'batch_size', '=', '2']]],
  ['params.model ILIKE "gPt%"', [['param', 'model', 'ILIKE', 'gPt%']]],
  [
    'params.model LIKE "GPT%" AND params.batch_size = "2"',
    [
      ['param', 'model', 'LIKE', 'GPT%'],
      ['param', 'batch_size', '=', '2'],
    ],
  ],
  ['tags."environment" = "notebook"', [['tag', 'environment', '=', 'notebook']]],
  ['tags.environment = "notebook"', [['tag', 'environment', '=', 'notebook']]],
  ['tags.task = "Classification"', [['tag', 'task', '=', 'Classification']]],
  ['tags.task ILIKE "classif%"', [['tag', 'task', 'ILIKE', 'classif%']]],
  ['datasets.name LIKE "custom"', [['dataset', 'name', 'LIKE', 'custom']]],
  ['datasets.context = "train"', [['dataset', 'context', '=', 'train']]],
  ['attributes.status = "ACTIVE"', [['attribute', 'status', '=', 'ACTIVE']]],
  ['attributes.user_id LIKE "user1"', [['attribute', 'user_id', 'LIKE', 'user1']]],
  ['attributes.run_name = "my-run"', [['attribute', 'run_name', '=', 'my-run']]],
  ['attributes.run_id = "a1b2c3d4"', [['attribute', 'run_id', '=', 'a1b2c3d4']]],
  ["attributes.run_id IN ('a1b2c3d4', 'e5f6g7h8')", [['attribute', 'run_id', 'IN', ['a1b2c3d4', 'e5f6g7h8']]]],
  ['attributes.start_time >= 1664067852747', [['attribute', 'start_time', '>=', 1664067852747]]],
  ['attributes.end_time < 1664067852747', [['attribute', 'end_time', '<', 1664067852747]]],
  ['attributes.created > 1664067852747', [['attribute', 'start_time', '>', 1664067852747]]],
  ["datasets.name IN ('custom', 'also custom')", [['dataset', 'name', 'IN', ['custom', 'also custom']]]],
  [
    'metrics.accuracy > 0.72 AND metrics.batch_size != 0',
    [
      ['metric', 'accuracy', '>', 0.72],
      ['metric', 'batch_size', '!=', 0],
    ],
  ],
  [
    "metrics.accuracy > 0.72 AND metrics.batch_size != 0 AND attributes.run_id IN ('a1b2c3d4', 'e5f6g7h8')",
    [
      ['metric', 'accuracy', '>', 0.72],
      ['metric', 'batch_size', '!=', 0],
      ['attribute', 'run_id', 'IN', ['a1b2c3d4', 'e5f6g7h8']],
    ],
  ],
  [
    'metrics.loss <= 0.15 AND metrics.loss >= 0.1',
    [
      ['metric', 'loss', '<=', 0.15],
      ['metric', 'loss', '>=', 0.1],
    ],
  ],
  ['params.batch_size != "None"', [['param', 'batch_size', '!=', 'None']]],
  [
    `
attributes.run_id IN ('22db81f070f6413588641c8c343cdd72','c3680e37d0fa44eb9c9fb7828f6b5481')
  AND metrics.loss > 0.3
  AND metrics."f1 score" < 0.5
  AND params.model LIKE "GPT%"
`,
    [
      ['attribute', 'run_id', 'IN', ['22db81f070f6413588641c8c343cdd72', 'c3680e37d0fa44eb9c9fb7828f6b5481']],
      ['metric', 'loss', '>', 0.3],
      ['metric', 'f1 score', '<', 0.5],
      ['param', 'model', 'LIKE', 'GPT%'],
    ],
  ],
  ["params.model = 'GPT-4'", [['param', 'model', '=', 'GPT-4']]],
  [
    "metrics.rmse < 0.9 and tags.production = 'true'",
    [
      ['metric', 'rmse', '<', 0.9],
      ['tag', 'production', '=', 'true'],
    ],
  ],
];

/** Filters the same page shows as wrong; MLflow refuses them and so does Lathe. */
const RUN_FILTERS_REFUSED = ['metrics.cross-entropy-loss < 0.5', "tag.'test' = 'abc'", 'tag.`test` = `abc`', 'tag.`test` = abc', 'metrics.accuracy != "None"'];

/** The examples on MLflow's "Search Experiments" page. */
const EXPERIMENT_FILTERS: Array<[string, Array<[string, string, string, unknown]>]> = [
  ["attributes.name = 'x'", [['attribute', 'name', '=', 'x']]],
  ["name = 'x'", [['attribute', 'name', '=', 'x']]],
  ["attributes.name LIKE 'x%'", [['attribute', 'name', 'LIKE', 'x%']]],
  ["tags.group != 'x'", [['tag', 'group', '!=', 'x']]],
  ["tags.group ILIKE '%x%'", [['tag', 'group', 'ILIKE', '%x%']]],
  [
    "attributes.name LIKE 'x%' AND tags.group = 'y'",
    [
      ['attribute', 'name', 'LIKE', 'x%'],
      ['tag', 'group', '=', 'y'],
    ],
  ],
];

const asTuples = (clauses: Array<{ type: string; key: string; comparator: string; value: unknown }>) => clauses.map((c) => [c.type, c.key, c.comparator, c.value]);

describe("MLflow's documented search examples", () => {
  for (const [filter, expected] of RUN_FILTERS) {
    it(`runs filter parses: ${filter.trim().replace(/\s+/g, ' ')}`, () => {
      assert.deepEqual(asTuples(parseRunFilter(filter)), expected);
    });
  }

  for (const filter of RUN_FILTERS_REFUSED) {
    it(`runs filter the docs call wrong is refused: ${filter}`, () => {
      assert.throws(() => parseRunFilter(filter), { code: 'LATHE_BAD_REQUEST' });
    });
  }

  for (const [filter, expected] of EXPERIMENT_FILTERS) {
    it(`experiments filter parses: ${filter}`, () => {
      assert.deepEqual(asTuples(parseExperimentFilter(filter)), expected);
    });
  }

  it('the documented order_by examples parse', () => {
    assert.deepEqual(parseRunOrderBy(['metrics.accuracy DESC']), [{ type: 'metric', key: 'accuracy', ascending: false }]);
    assert.deepEqual(parseRunOrderBy(['params.lr DESC']), [{ type: 'param', key: 'lr', ascending: false }]);
    assert.deepEqual(parseRunOrderBy(['metrics.acc DESC']), [{ type: 'metric', key: 'acc', ascending: false }]);
  });
});
