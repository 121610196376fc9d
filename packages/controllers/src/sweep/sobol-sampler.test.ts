import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { describeSampler } from './describe-sampler.js';
import { parseSearchSpace } from './parse-search-space.js';
import type { TrialRecord } from './sampler.js';
import { SobolSampler } from './sobol-sampler.js';

describeSampler('SobolSampler', (space, options) => new SobolSampler(space, options));

describe('SobolSampler', () => {
  it('puts one of every 16 trials in each sixteenth of a uniform range', () => {
    const space = parseSearchSpace({ x: ['uniform', [0, 16]], y: ['uniform', [-1, 1]] });
    const sampler = new SobolSampler(space, { seed: 11 });
    const history: TrialRecord[] = [];
    for (let i = 0; i < 16; i++) history.push({ parameters: sampler.ask(history).parameters, state: 'completed' });
    const cells = history.map((t) => Math.floor(t.parameters['x'] as number)).sort((a, b) => a - b);
    assert.deepEqual(
      cells,
      Array.from({ length: 16 }, (_, i) => i),
    );
  });

  it('samples spaces with more expressions than it has direction numbers for', () => {
    const wide = Object.fromEntries(Array.from({ length: 45 }, (_, i) => [`p${i}`, ['uniform', [0, 1]]]));
    const sampler = new SobolSampler(parseSearchSpace(wide), { seed: 1 });
    const parameters = sampler.ask([]).parameters;
    assert.equal(Object.keys(parameters).length, 45);
    for (const value of Object.values(parameters)) assert.ok(typeof value === 'number' && value >= 0 && value < 1);
  });
});
