import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parameterProblems } from './parameter-problems.js';
import { parseSearchSpace } from './parse-search-space.js';

const space = parseSearchSpace({
  n: ['randint', [3]],
  q: ['quniform', [1, 9, 2]],
  lr: ['loguniform', [-2, 0]],
  model: ['choice', [['linear', { depth: ['randint', [4]], kind: 'tree' }]]],
});

describe('parameterProblems', () => {
  it('finds nothing wrong with a point in the space', () => {
    assert.deepEqual(parameterProblems(space, { n: 2, q: 8, lr: 0.5, model: { depth: 3, kind: 'tree' } }), []);
    assert.deepEqual(parameterProblems(space, { n: 0, q: 0, lr: Math.exp(-2), model: 'linear' }), []);
  });

  it('names each problem: bounds, steps, types, names and sub-spaces', () => {
    assert.deepEqual(parameterProblems(space, { n: 3, q: 3, lr: 2, model: { depth: 1 }, extra: 1 }), [
      'parameters.extra: not in the space',
      'parameters.n: 3 is outside [0, 2]',
      'parameters.q: 3 is not a multiple of 2',
      'parameters.lr: 2 is outside [0.1353352832366127, 1]',
      'parameters.model: {"depth":1} matches none of the choice\'s sub-spaces',
    ]);
    assert.deepEqual(parameterProblems(space, { n: 'a', q: 2, model: 'tree' }), [
      'parameters.n: expected a finite number, got "a"',
      'parameters.lr: missing',
      'parameters.model: "tree" is not one of the choice\'s values',
    ]);
  });
});
