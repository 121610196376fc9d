import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { describeSampler } from './describe-sampler.js';
import { best, line, minimise, quadratic } from './minimise.test-support.js';
import { GpSampler, keepForModel, refitCount } from './gp-sampler.js';
import { parameterProblems } from './parameter-problems.js';
import { parseSearchSpace } from './parse-search-space.js';
import { RandomSampler } from './random-sampler.js';
import type { Sampler, TrialRecord } from './sampler.js';
import type { Parameters } from './search-space.js';

// The contract (valid points, determinism) does not depend on how many observations the GP keeps;
// smaller caps than the defaults keep its ~1,000 asks on a 12-column space quick.
describeSampler('GpSampler', (space, options) => new GpSampler(space, { ...options, maxObservations: 40, maxFitObservations: 30 }));

const plane = parseSearchSpace({ x0: ['uniform', [-5, 10]], x1: ['uniform', [0, 15]] });
const branin = (p: Parameters): number => {
  const [x, y] = [p['x0'] as number, p['x1'] as number];
  return (y - (5.1 / (4 * Math.PI ** 2)) * x * x + (5 / Math.PI) * x - 6) ** 2 + 10 * (1 - 1 / (8 * Math.PI)) * Math.cos(x) + 10 - 0.397887;
};

describe('GpSampler', () => {
  it('finds the minimum of a 1-D quadratic to 1e-4 in 30 trials, far better than random search', () => {
    for (const seed of [1, 2, 3]) {
      const gp = best(minimise(new GpSampler(line, { seed, goal: 'minimize' }), quadratic, 30));
      const random = best(minimise(new RandomSampler(line, { seed }), quadratic, 30));
      assert.ok(gp < 1e-4 && gp < random / 10, `seed ${seed}: gp ${gp} vs random ${random}`);
    }
  });

  it('gets within 0.05 of the minimum of Branin in 40 trials, for each of three seeds', () => {
    for (const seed of [0, 1, 2]) {
      const gp = best(minimise(new GpSampler(plane, { seed, goal: 'minimize' }), branin, 40));
      const random = best(minimise(new RandomSampler(plane, { seed }), branin, 40));
      assert.ok(gp < 0.05 && gp < random / 10, `seed ${seed}: gp regret ${gp} vs random ${random}`);
    }
  });

  it('reads scores through the goal: maximising -f asks what minimising f asks', () => {
    const down = minimise(new GpSampler(line, { seed: 2, goal: 'minimize' }), quadratic, 16);
    const up = minimise(new GpSampler(line, { seed: 2, goal: 'maximize' }), (p) => -quadratic(p), 16);
    assert.deepEqual(
      up.map((t) => t.parameters),
      down.map((t) => t.parameters),
    );
  });

  it('spreads concurrent suggestions over the basins of a multimodal function, where without running trials they would pile up', () => {
    const wavy = (p: Parameters): number => Math.sin(3 * (p['x'] as number)) + 0.05 * ((p['x'] as number) - 2) ** 2;
    for (const seed of [1, 2, 3, 4]) {
      const sampler = new GpSampler(line, { seed, goal: 'minimize' });
      const history = minimise(sampler, wavy, 15);
      // The same four asks, the earlier ones in the history as running, or as failed without a score (not modelled).
      const concurrent = (state: 'running' | 'failed'): number[] => {
        const asked = [...history];
        for (let i = 0; i < 4; i++) asked.push({ parameters: sampler.ask(asked).parameters, state });
        return asked.slice(15).map((t) => t.parameters['x'] as number);
      };
      const gap = (xs: number[]): number => Math.min(...xs.flatMap((a, i) => xs.slice(i + 1).map((b) => Math.abs(a - b))));
      const [spread, piled] = [gap(concurrent('running')), gap(concurrent('failed'))];
      assert.ok(spread > 0.05 && spread > 20 * piled, `seed ${seed}: closest pair ${spread} apart with running trials, ${piled} without`);
    }
  });

  it('keeps quantised, integer and log parameters on their grid and in their range', () => {
    const space = parseSearchSpace({ lr: ['loguniform', [-9.21, 0]], layers: ['quniform', [1, 8, 1]], width: ['qloguniform', [0, 5, 4]], seed: ['randint', [6]] });
    const f = (p: Parameters): number => (Math.log(p['lr'] as number) + 4) ** 2 + ((p['layers'] as number) - 3) ** 2 + (p['width'] as number) / 100 + Math.abs((p['seed'] as number) - 2);
    const history = minimise(new GpSampler(space, { seed: 4, goal: 'minimize' }), f, 50);
    for (const { parameters } of history) {
      assert.deepEqual(parameterProblems(space, parameters), [], JSON.stringify(parameters));
      assert.ok(Number.isInteger(parameters['layers']) && Number.isInteger(parameters['seed']), JSON.stringify(parameters));
      assert.equal((parameters['width'] as number) % 4, 0);
    }
    const found = history.reduce((a, b) => (b.score! < a.score! ? b : a));
    assert.ok(found.parameters['layers'] === 3 && found.parameters['seed'] === 2 && found.score! < 0.05, `best found ${JSON.stringify(found)}`);
  });

  it('finds the better choice and the best value beside it', () => {
    const space = parseSearchSpace({ opt: ['choice', [['sgd', 'adam', 'rmsprop', 'adagrad']]], x: ['uniform', [0, 1]] });
    const f = (p: Parameters): number => (p['opt'] === 'rmsprop' ? 0 : 1) + ((p['x'] as number) - 0.37) ** 2;
    for (const seed of [3, 4]) {
      const found = minimise(new GpSampler(space, { seed, goal: 'minimize' }), f, 30).reduce((a, b) => (b.score! < a.score! ? b : a));
      assert.ok(found.parameters['opt'] === 'rmsprop' && found.score! < 1e-3, `seed ${seed}: best found ${JSON.stringify(found)}`);
    }
  });
});

describe('refitCount and keepForModel', () => {
  it('refits on every score up to 20, then every 4th, then every m/25th', () => {
    assert.deepEqual(
      [5, 20, 21, 23, 24, 99, 100, 499, 500].map((m) => refitCount(m, 4)),
      [5, 20, 20, 20, 24, 96, 100, 494, 500],
    );
  });

  it('keeps the best third and the most recent, in order', () => {
    const observations = [5, 1, 9, 8, 7, 2, 6].map((loss) => ({ row: new Float64Array(0), loss }));
    assert.deepEqual(
      keepForModel(observations, 4).map((o) => o.loss),
      [1, 7, 2, 6],
    );
  });
});
