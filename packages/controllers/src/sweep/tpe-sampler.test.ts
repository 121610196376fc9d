import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { describeSampler } from './describe-sampler.js';
import { best, line, minimise, quadratic } from './minimise.test-support.js';
import { parseSearchSpace } from './parse-search-space.js';
import { RandomSampler } from './random-sampler.js';
import type { Sampler, TrialRecord } from './sampler.js';
import type { Parameters } from './search-space.js';
import { TpeSampler } from './tpe-sampler.js';

describeSampler('TpeSampler', (space, options) => new TpeSampler(space, options));

describe('TpeSampler', () => {
  for (const [settings, options] of [
    ['its defaults', {}],
    ["Optuna's split and bandwidth", { gamma: (n: number) => Math.min(Math.ceil(0.1 * n), 25), bandwidth: 0.2 }],
  ] as const) {
    it(`finds a better minimum of a 1-D quadratic in 40 trials than random search with the same seed, with ${settings}`, () => {
      const tpe = best(minimise(new TpeSampler(line, { seed: 5, goal: 'minimize', ...options }), quadratic, 40));
      const random = best(minimise(new RandomSampler(line, { seed: 5 }), quadratic, 40));
      assert.ok(tpe < random / 10, `tpe ${tpe} vs random ${random}`);
    });
  }

  it('reads scores through the goal: maximising -f asks what minimising f asks', () => {
    const down = minimise(new TpeSampler(line, { seed: 2, goal: 'minimize' }), quadratic, 25);
    const up = minimise(new TpeSampler(line, { seed: 2, goal: 'maximize' }), (p) => -quadratic(p), 25);
    assert.deepEqual(
      up.map((t) => t.parameters),
      down.map((t) => t.parameters),
    );
  });

  it('counts a running trial as the worst score seen (constant liar)', () => {
    const sampler = new TpeSampler(line, { seed: 9, goal: 'minimize' });
    const history = minimise(sampler, quadratic, 20);
    const worst = Math.max(...history.map((t) => t.score!));
    const parameters = sampler.ask(history).parameters;
    const lied = sampler.ask([...history, { parameters, state: 'running' }]);
    assert.deepEqual(sampler.ask([...history, { parameters, state: 'completed', score: worst }]), lied);
    assert.notDeepEqual(sampler.ask([...history, { parameters, state: 'completed', score: 0 }]), lied);
  });

  it('spreads four concurrent trials that, without the liar, would all repeat the best point', () => {
    // On a grid the narrow kernels of l put every candidate on the best value seen; a running
    // trial counted as the worst score raises g there, so the next suggestions move off it.
    const grid = parseSearchSpace({ x: ['quniform', [0, 20, 1]] });
    for (const seed of [1, 2, 3, 4]) {
      const sampler = new TpeSampler(grid, { seed, goal: 'minimize' });
      const history = minimise(sampler, quadratic, 30);
      for (let i = 0; i < 4; i++) history.push({ parameters: sampler.ask(history).parameters, state: 'running' });
      const running = history.slice(30).map((t) => t.parameters['x']);
      assert.ok(new Set(running).size >= 2, `seed ${seed}: ${JSON.stringify(running)}`);
    }
  });

  it('picks a clearly better choice most of the time after the startup trials', () => {
    const space = parseSearchSpace({ opt: ['choice', [['sgd', 'adam', 'rmsprop', 'adagrad']]], x: ['uniform', [0, 1]] });
    const f = (p: Parameters): number => (p['opt'] === 'rmsprop' ? 0 : 1) + 0.1 * (p['x'] as number);
    const history = minimise(new TpeSampler(space, { seed: 3, goal: 'minimize' }), f, 60);
    const picks = history.slice(10).filter((t) => t.parameters['opt'] === 'rmsprop').length;
    assert.ok(picks > 30, `rmsprop picked ${picks} times of 50`);
  });

  it('keeps quantised and log parameters on their grid and in their range', () => {
    const space = parseSearchSpace({ lr: ['loguniform', [-9.21, 0]], layers: ['quniform', [1, 8, 1]], width: ['qloguniform', [0, 5, 4]] });
    const f = (p: Parameters): number => (Math.log(p['lr'] as number) + 4) ** 2 + ((p['layers'] as number) - 3) ** 2 + (p['width'] as number) / 100;
    for (const { parameters: p } of minimise(new TpeSampler(space, { seed: 1, goal: 'minimize' }), f, 40)) {
      assert.ok((p['lr'] as number) >= Math.exp(-9.21) && (p['lr'] as number) <= 1, String(p['lr']));
      assert.ok(Number.isInteger(p['layers']) && (p['layers'] as number) >= 1 && (p['layers'] as number) <= 8, String(p['layers']));
      assert.equal((p['width'] as number) % 4, 0);
    }
  });
});
