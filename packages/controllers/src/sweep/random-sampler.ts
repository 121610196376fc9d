import { drawParameters } from './draw-parameters.js';
import type { Sampler, SamplerOptions, Suggestion, TrialRecord } from './sampler.js';
import type { SearchSpace } from './search-space.js';
import { SeededRandom } from './seeded-random.js';
import { trialSeed } from './trial-seed.js';

/**
 * Azure's `random` rule: every expression drawn independently from its distribution. Trial n
 * draws from its own stream seeded by (seed, n), so the n-th suggestion does not depend on how
 * many were asked before a restart. Never exhausted.
 */
export class RandomSampler implements Sampler {
  constructor(
    private readonly space: SearchSpace,
    private readonly options: Pick<SamplerOptions, 'seed'>,
  ) {}

  ask(history: readonly TrialRecord[]): Suggestion {
    const random = new SeededRandom(trialSeed(this.options.seed, history.length));
    return { parameters: drawParameters(this.space, () => random.next()) };
  }
}
