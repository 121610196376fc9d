import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseSearchSpace } from './parse-search-space.js';

describe('parseSearchSpace', () => {
  it('reads the YAML form and the REST form the SDK sends into the same model', () => {
    const yaml = {
      opt: { type: 'choice', values: ['sgd', 'adam'] },
      seed: { type: 'randint', upper: 5 },
      lr: { type: 'uniform', min_value: 0.01, max_value: 0.9 },
      layers: { type: 'quniform', min_value: 1, max_value: 8, q: 1 },
      decay: { type: 'loguniform', min_value: -9.21, max_value: 0 },
      width: { type: 'qloguniform', min_value: 2, max_value: 6, q: 8 },
      bias: { type: 'normal', mu: 0, sigma: 1 },
      shift: { type: 'qnormal', mu: 10, sigma: 2, q: 0.5 },
      scale: { type: 'lognormal', mu: 1, sigma: 0.5 },
      units: { type: 'qlognormal', mu: 3, sigma: 1, q: 4 },
      model: { type: 'choice', values: [1, { depth: { type: 'randint', upper: 3 }, name: 'tree' }] },
    };
    const rest = {
      opt: ['choice', [['sgd', 'adam']]],
      seed: ['randint', [5]],
      lr: ['uniform', [0.01, 0.9]],
      layers: ['quniform', [1, 8, 1]],
      decay: ['loguniform', [-9.21, 0]],
      width: ['qloguniform', [2, 6, 8]],
      bias: ['normal', [0, 1]],
      shift: ['qnormal', [10, 2, 0.5]],
      scale: ['lognormal', [1, 0.5]],
      units: ['qlognormal', [3, 1, 4]],
      model: ['choice', [[1, { depth: ['randint', [3]], name: 'tree' }]]],
    };
    const parsed = parseSearchSpace(yaml);
    assert.deepEqual(parseSearchSpace(rest), parsed);
    assert.deepEqual(parsed['lr'], { type: 'uniform', minValue: 0.01, maxValue: 0.9 });
    assert.deepEqual(parsed['units'], { type: 'qlognormal', mu: 3, sigma: 1, q: 4 });
    assert.deepEqual(parsed['model'], { type: 'choice', values: [1, { kind: 'subspace', entries: { depth: { type: 'randint', upper: 3 }, name: 'tree' } }] });
  });

  const cases: [string, unknown, string][] = [
    ['bounds in the wrong order', { lr: { type: 'uniform', min_value: 1, max_value: 0.5 } }, 'search_space.lr.min_value: expected a number below max_value'],
    ['equal bounds', { lr: ['loguniform', [-2, -2]] }, 'search_space.lr.min_value: expected a number below max_value'],
    ['a log bound whose exp overflows', { lr: { type: 'loguniform', min_value: 0, max_value: 1000 } }, 'search_space.lr.max_value: expected at most 709 (the bound is a natural log'],
    ['an unknown type', { lr: { type: 'beta', a: 1 } }, 'search_space.lr.type: expected one of choice, randint'],
    ['a REST type unknown', { lr: ['beta', [1, 2]] }, 'search_space.lr[0]: expected one of'],
    ['a missing bound', { lr: { type: 'uniform', min_value: 0 } }, 'search_space.lr.max_value: expected a number, got undefined'],
    ['an unknown key', { lr: { type: 'uniform', min_value: 0, max_value: 1, q: 1 } }, 'search_space.lr.q: unknown key for uniform (it takes min_value, max_value)'],
    ['a REST argument count', { lr: ['quniform', [0, 1]] }, 'search_space.lr[1]: quniform takes 3 argument(s)'],
    ['a zero q', { n: { type: 'quniform', min_value: 0, max_value: 9, q: 0 } }, 'search_space.n.q: expected a number above 0, got 0'],
    ['a negative sigma', { n: ['normal', [0, -1]] }, 'search_space.n.sigma: expected a number above 0'],
    ['a fractional randint upper', { n: { type: 'randint', upper: 2.5 } }, 'search_space.n.upper: expected an integer of at least 1, got 2.5'],
    ['an empty choice', { n: { type: 'choice', values: [] } }, 'search_space.n.values: expected a list of at least one value'],
    ['a boolean choice value', { n: { type: 'choice', values: [true] } }, 'search_space.n.values[0]: expected a number, a string or a mapping'],
    ['a bad nested expression', { m: ['choice', [[{ lr: ['uniform', [1, 0]] }]]] }, 'search_space.m.values[0].lr.min_value: expected a number below max_value'],
    ['a bad parameter name', { 'learning-rate': ['uniform', [0, 1]] }, 'search_space.learning-rate: a parameter name is letters, digits and underscores'],
    ['no parameters', {}, 'search_space: expected a mapping of parameter names to expressions'],
    ['a bare number', { lr: 0.1 }, 'search_space.lr: expected an expression such as'],
  ];
  for (const [what, raw, message] of cases) {
    it(`rejects ${what}, naming the field`, () => {
      assert.throws(
        () => parseSearchSpace(raw),
        (error: { code: string; message: string; details: { field: string } }) => {
          assert.equal(error.code, 'LATHE_INVALID_SPEC');
          assert.ok(error.message.startsWith(message), error.message);
          assert.equal(error.details.field, message.split(':')[0]);
          return true;
        },
      );
    });
  }
});
