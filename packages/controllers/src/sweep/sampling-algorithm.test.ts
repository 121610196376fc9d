import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { GP_MAX_COLUMNS, buildSampler } from './build-sampler.js';
import { GpSampler } from './gp-sampler.js';
import { parseSearchSpace } from './parse-search-space.js';
import { parseSamplingAlgorithm, validateSamplingAlgorithm } from './sampling-algorithm.js';
import { SobolSampler } from './sobol-sampler.js';
import { TpeSampler } from './tpe-sampler.js';

const mixed = parseSearchSpace({
  opt: ['choice', [['sgd', { lr: ['loguniform', [-5, 0]] }]]],
  lr: ['uniform', [0, 1]],
  layers: ['quniform', [1, 8, 1]],
});

describe('parseSamplingAlgorithm', () => {
  it('reads the YAML string, the YAML mapping and the REST form', () => {
    assert.deepEqual(parseSamplingAlgorithm('grid'), { type: 'grid' });
    assert.deepEqual(parseSamplingAlgorithm({ type: 'random' }), { type: 'random', rule: 'random' });
    assert.deepEqual(parseSamplingAlgorithm({ type: 'random', seed: 3, rule: 'sobol' }), { type: 'random', rule: 'sobol', seed: 3 });
    assert.deepEqual(parseSamplingAlgorithm({ samplingAlgorithmType: 'Random', rule: 'Sobol', seed: 9, logbase: null }), { type: 'random', rule: 'sobol', seed: 9 });
    assert.deepEqual(parseSamplingAlgorithm({ samplingAlgorithmType: 'Bayesian' }), { type: 'bayesian' });
  });

  it('names the field it rejects', () => {
    assert.throws(() => parseSamplingAlgorithm('hyperband'), { code: 'LATHE_INVALID_SPEC', message: /^sampling_algorithm\.type: expected one of random, grid, bayesian/ });
    assert.throws(() => parseSamplingAlgorithm({ type: 'random', rule: 'halton' }), { message: /^sampling_algorithm\.rule: expected random or sobol/ });
    assert.throws(() => parseSamplingAlgorithm({ type: 'random', seed: 1.5 }), { message: /^sampling_algorithm\.seed: expected an integer/ });
  });
});

describe('validateSamplingAlgorithm', () => {
  it('accepts every expression for random', () => {
    validateSamplingAlgorithm(mixed, 'random');
  });

  it('refuses grid with anything but choice, nested expressions included', () => {
    assert.throws(() => validateSamplingAlgorithm(mixed, 'grid'), {
      code: 'LATHE_INVALID_SPEC',
      message: 'search_space.opt.values[1].lr: grid sampling supports only choice expressions, got loguniform',
    });
  });

  it('refuses bayesian with anything but choice, uniform and quniform', () => {
    assert.throws(() => validateSamplingAlgorithm(mixed, { type: 'bayesian' }), {
      message: 'search_space.opt.values[1].lr: bayesian sampling supports only choice, uniform, quniform expressions, got loguniform',
    });
    validateSamplingAlgorithm(parseSearchSpace({ a: ['choice', [[1, 2]]], b: ['uniform', [0, 1]], c: ['quniform', [0, 9, 3]] }), 'bayesian');
  });
});

describe('buildSampler', () => {
  it('builds the rule asked for, the algorithm seed winning', () => {
    const sobol = buildSampler({ type: 'random', rule: 'sobol', seed: 5 }, mixed, { seed: 1, goal: 'maximize' });
    assert.ok(sobol instanceof SobolSampler);
    assert.deepEqual(sobol.ask([]), new SobolSampler(mixed, { seed: 5 }).ask([]));
  });

  it('builds a GP for bayesian on a small space, and refuses a space bayesian cannot take', () => {
    const space = parseSearchSpace({ a: ['uniform', [0, 1]], b: ['choice', [['x', 'y', 'z']]] });
    assert.ok(buildSampler({ type: 'bayesian' }, space, { seed: 1, goal: 'maximize' }) instanceof GpSampler);
    assert.throws(() => buildSampler({ type: 'bayesian' }, mixed, { seed: 1, goal: 'maximize' }), { code: 'LATHE_INVALID_SPEC' });
  });

  it('builds a TPE for bayesian once the space has more feature columns than a GP is used for', () => {
    const columns = (n: number) => parseSearchSpace({ ...Object.fromEntries(Array.from({ length: n - 3 }, (_, i) => [`x${i}`, ['uniform', [0, 1]]])), c: ['choice', [['a', 'b', 'c']]] });
    assert.ok(buildSampler({ type: 'bayesian' }, columns(GP_MAX_COLUMNS), { seed: 1, goal: 'maximize' }) instanceof GpSampler);
    assert.ok(buildSampler({ type: 'bayesian' }, columns(GP_MAX_COLUMNS + 1), { seed: 1, goal: 'maximize' }) instanceof TpeSampler);
  });
});
