import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { describeSampler } from './describe-sampler.js';
import { GridSampler } from './grid-sampler.js';
import { parseSearchSpace } from './parse-search-space.js';
import type { Sampler, TrialRecord } from './sampler.js';
import type { Parameters } from './search-space.js';

describeSampler('GridSampler', (space) => new GridSampler(space), { choiceOnly: true, exhausts: true, unseeded: true });

function all(sampler: Sampler): Parameters[] {
  const history: TrialRecord[] = [];
  for (let s = sampler.ask(history); s !== undefined; s = sampler.ask(history)) history.push({ parameters: s.parameters, state: 'completed', score: 0 });
  return history.map((t) => t.parameters);
}

describe('GridSampler', () => {
  it('runs the six samples of the documented 2 × 3 space, first parameter slowest', () => {
    const sampler = new GridSampler(parseSearchSpace({ a: { type: 'choice', values: [1, 2] }, b: { type: 'choice', values: ['x', 'y', 'z'] } }));
    assert.equal(sampler.size, 6);
    assert.deepEqual(all(sampler), [
      { a: 1, b: 'x' },
      { a: 1, b: 'y' },
      { a: 1, b: 'z' },
      { a: 2, b: 'x' },
      { a: 2, b: 'y' },
      { a: 2, b: 'z' },
    ]);
  });

  it('expands a conditional sub-space into its own combinations, constants kept', () => {
    const space = parseSearchSpace({ model: ['choice', [['linear', { kind: 'tree', depth: ['choice', [[2, 4]]] }]]] });
    assert.deepEqual(
      all(new GridSampler(space)),
      ['linear', { kind: 'tree', depth: 2 }, { kind: 'tree', depth: 4 }].map((model) => ({ model })),
    );
  });

  it('refuses a space with an expression other than choice, naming it', () => {
    const space = parseSearchSpace({ a: ['choice', [[1, { b: ['uniform', [0, 1]] }]]] });
    assert.throws(() => new GridSampler(space), { code: 'LATHE_INVALID_SPEC', message: /^search_space\.a\.values\[1\]\.b: grid sampling supports only choice/ });
  });
});
