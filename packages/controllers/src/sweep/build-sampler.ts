import { GridSampler } from './grid-sampler.js';
import { invalidSpec } from './invalid-spec.js';
import { RandomSampler } from './random-sampler.js';
import type { Sampler, SamplerOptions } from './sampler.js';
import { validateSamplingAlgorithm, type SamplingAlgorithm } from './sampling-algorithm.js';
import type { SearchSpace } from './search-space.js';
import { SobolSampler } from './sobol-sampler.js';

/**
 * The sampler for a sweep's `sampling_algorithm`, after {@link validateSamplingAlgorithm}. The
 * algorithm's own `seed` wins over `options.seed`. `bayesian` is not built yet and is refused
 * with LATHE_INVALID_SPEC rather than quietly sampled at random.
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
    default:
      throw invalidSpec('sampling_algorithm.type', 'bayesian sampling is not available yet; use random (rule: sobol spreads trials evenly) or grid');
  }
}
