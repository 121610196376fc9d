import { GridSampler } from './grid-sampler.js';
import { RandomSampler } from './random-sampler.js';
import type { Sampler, SamplerOptions } from './sampler.js';
import { validateSamplingAlgorithm, type SamplingAlgorithm } from './sampling-algorithm.js';
import type { SearchSpace } from './search-space.js';
import { SobolSampler } from './sobol-sampler.js';
import { TpeSampler } from './tpe-sampler.js';

/**
 * The sampler for a sweep's `sampling_algorithm`, after {@link validateSamplingAlgorithm}. The
 * algorithm's own `seed` wins over `options.seed`. `bayesian` builds what {@link bayesianSampler}
 * picks.
 */
export function buildSampler(algorithm: SamplingAlgorithm, space: SearchSpace, options: SamplerOptions): Sampler {
  validateSamplingAlgorithm(space, algorithm);
  switch (algorithm.type) {
    case 'grid':
      return new GridSampler(space);
    case 'random': {
      const seeded = { ...options, seed: algorithm.seed ?? options.seed };
      return algorithm.rule === 'sobol' ? new SobolSampler(space, seeded) : new RandomSampler(space, seeded);
    }
    case 'bayesian':
      return bayesianSampler(space, options);
  }
}

/**
 * The model-based sampler of `sampling_algorithm: bayesian` (Azure does not document its model):
 * a {@link TpeSampler}, the standard one for these spaces. No check of the expression types.
 */
export function bayesianSampler(space: SearchSpace, options: SamplerOptions): Sampler {
  return new TpeSampler(space, options);
}
