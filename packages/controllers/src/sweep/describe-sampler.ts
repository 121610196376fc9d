import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parameterProblems } from './parameter-problems.js';
import { parseSearchSpace } from './parse-search-space.js';
import type { Sampler, SamplerOptions, TrialRecord } from './sampler.js';
import type { Parameters, SearchSpace } from './search-space.js';

/** Options for {@link describeSampler}. */
export interface DescribeSamplerOptions {
  /** The sampler accepts only `choice` expressions (grid): it is given choice-only spaces. */
  readonly choiceOnly?: boolean;
  /** The sampler enumerates its space and then returns undefined (grid). */
  readonly exhausts?: boolean;
  /** The sampler ignores the seed (grid): different seeds need not differ. */
  readonly unseeded?: boolean;
}

/** Every expression type, with a conditional sub-space holding more of them. */
const MIXED = {
  lr: { type: 'loguniform', min_value: -9.21, max_value: 0 },
  layers: ['quniform', [1, 8, 1]],
  dropout: { type: 'uniform', min_value: 0, max_value: 0.5 },
  seed: { type: 'randint', upper: 5 },
  momentum: { type: 'qloguniform', min_value: 0, max_value: 2, q: 0.5 },
  bias: ['normal', [0, 2]],
  shift: { type: 'qnormal', mu: 10, sigma: 3, q: 2 },
  scale: { type: 'lognormal', mu: 0, sigma: 1 },
  width: ['qlognormal', [3, 0.5, 4]],
  model: {
    type: 'choice',
    values: [
      'linear',
      { kind: 'tree', depth: ['randint', [10]], criterion: { type: 'choice', values: ['gini', 'entropy'] } },
      { kind: 'net', units: { type: 'quniform', min_value: 8, max_value: 64, q: 8 } },
    ],
  },
};

/** Choices only, one of them conditional: 2 · 3 · (1 + 2·2 + 1) = 36 points. */
const CHOICES = {
  optimizer: { type: 'choice', values: ['sgd', 'adam'] },
  batch: ['choice', [[16, 32, 64]]],
  model: { type: 'choice', values: ['linear', { kind: 'tree', depth: ['choice', [[2, 4]]], criterion: { type: 'choice', values: ['gini', 'entropy'] } }, { kind: 'net' }] },
};

/**
 * The contract every {@link Sampler} keeps, run on a build function: suggestions lie in the
 * space (types, bounds, quantisation, sub-spaces only where picked), a seed repeats its
 * sequence, suggestions differ, `ask` depends on the history alone, and exhaustion (grid) or
 * its absence. Each sampler's test file calls it, listing what does not apply with a reason.
 */
export function describeSampler(name: string, make: (space: SearchSpace, options: SamplerOptions) => Sampler, options: DescribeSamplerOptions = {}): void {
  const space = parseSearchSpace(options.choiceOnly ? CHOICES : MIXED);
  const build = (seed = 7): Sampler => make(space, { seed, goal: 'minimize' });

  describe(`Sampler contract: ${name}`, () => {
    it('suggests only points inside the space, sub-spaces only where their choice picks them', () => {
      for (const parameters of run(build(), 200)) assert.deepEqual(parameterProblems(space, parameters), [], JSON.stringify(parameters));
    });

    it('reaches every value of a conditional choice, with its sub-space drawn', () => {
      const models = run(build(), 200).map((p) => p['model']);
      assert.ok(models.includes('linear'), 'the constant value was never picked');
      for (const kind of ['tree', 'net'])
        assert.ok(
          models.some((m) => typeof m === 'object' && m['kind'] === kind),
          `the ${kind} sub-space was never picked`,
        );
    });

    it('repeats its sequence for the same seed', () => {
      assert.deepEqual(run(build(3), 30), run(build(3), 30));
    });

    // A sampler without randomness (grid) has one sequence; the check does not apply to it.
    if (!options.unseeded) {
      it('gives a different sequence for another seed', () => {
        assert.notDeepEqual(run(build(3), 10), run(build(4), 10));
      });
    }

    it('suggests different points', () => {
      const seen = new Set(run(build(), 20).map((p) => JSON.stringify(p)));
      assert.ok(seen.size >= 18, `only ${seen.size} distinct points among 20`);
    });

    it('answers from the history alone, whatever was asked before', () => {
      const history = trials(run(build(), 12));
      const fresh = build();
      const first = fresh.ask(history);
      fresh.ask(history.slice(0, 3));
      assert.deepEqual(fresh.ask(history), first);
      assert.deepEqual(build().ask(history), first);
    });

    if (options.exhausts) {
      it('suggests every point once, then returns undefined', () => {
        const points = run(build(), 1000);
        assert.equal(points.length, 36);
        assert.equal(new Set(points.map((p) => JSON.stringify(p))).size, 36);
        assert.equal(build().ask(trials(points)), undefined);
      });
    } else {
      it('never runs out of suggestions', () => {
        assert.equal(run(build(), 500).length, 500);
      });
    }
  });
}

/** Asks up to `count` times, each trial told completed with a score before the next ask. */
function run(sampler: Sampler, count: number): Parameters[] {
  const history: TrialRecord[] = [];
  for (let i = 0; i < count; i++) {
    const suggestion = sampler.ask(history);
    if (suggestion === undefined) break;
    const trial: TrialRecord = { parameters: suggestion.parameters, state: i % 5 === 4 ? 'failed' : 'completed', score: i % 5 === 4 ? undefined : Math.sin(i) };
    history.push(trial);
    sampler.tell?.(trial);
  }
  return history.map((trial) => trial.parameters);
}

function trials(points: Parameters[]): TrialRecord[] {
  return points.map((parameters, i) => ({ parameters, state: i % 2 === 0 ? 'completed' : 'running', score: i }));
}
