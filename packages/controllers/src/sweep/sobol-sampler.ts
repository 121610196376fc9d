import { dimensionsOf, drawParameters } from './draw-parameters.js';
import type { Sampler, SamplerOptions, Suggestion, TrialRecord } from './sampler.js';
import type { SearchSpace } from './search-space.js';
import { SeededRandom } from './seeded-random.js';
import { SOBOL_MAX_DIMENSIONS, SobolSequence } from './sobol-sequence.js';
import { trialSeed } from './trial-seed.js';

/**
 * Azure's `rule: sobol`: trial n takes point n of a scrambled Sobol sequence seeded by the
 * sweep's seed, each coordinate mapped through its expression's inverse CDF (and quantised),
 * so the trials fill the space more evenly than independent draws. Every expression, sub-space
 * ones included, owns one coordinate; a space needing more coordinates than there are direction
 * numbers for draws the rest at random from (seed, n). Never exhausted.
 */
export class SobolSampler implements Sampler {
  private readonly sequence: SobolSequence;
  private readonly covered: number;

  constructor(
    private readonly space: SearchSpace,
    private readonly options: Pick<SamplerOptions, 'seed'>,
  ) {
    this.covered = Math.min(dimensionsOf(space), SOBOL_MAX_DIMENSIONS);
    this.sequence = new SobolSequence(Math.max(this.covered, 1), options.seed);
  }

  ask(history: readonly TrialRecord[]): Suggestion {
    const point = this.sequence.point(history.length);
    const rest = new SeededRandom(trialSeed(this.options.seed, history.length));
    return { parameters: drawParameters(this.space, (d) => (d < this.covered ? point[d]! : rest.next())) };
  }
}
