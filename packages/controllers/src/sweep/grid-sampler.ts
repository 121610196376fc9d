import { gridOptions } from './grid-options.js';
import type { Sampler, Suggestion, TrialRecord } from './sampler.js';
import type { ParameterValue, SearchSpace } from './search-space.js';

/**
 * Azure's `grid` sampling: every combination of the choices once, in a fixed order (the first
 * parameter varies slowest, values in the order listed, sub-spaces expanded in place), then
 * exhausted. Trial n is combination n, so the sweep runs `size` trials at most; a
 * `max_total_trials` below that stops it early. Throws LATHE_INVALID_SPEC for a space with any
 * expression that is not a choice.
 */
export class GridSampler implements Sampler {
  private readonly names: string[];
  private readonly options: ParameterValue[][];
  /** How many trials the grid holds: the product of the parameters' option counts. */
  readonly size: number;

  constructor(space: SearchSpace, field = 'search_space') {
    this.names = Object.keys(space);
    this.options = this.names.map((name) => gridOptions(space[name]!, `${field}.${name}`));
    this.size = this.options.reduce((total, options) => total * options.length, 1);
  }

  ask(history: readonly TrialRecord[]): Suggestion | undefined {
    let index = history.length;
    if (index >= this.size) return undefined;
    const parameters: Record<string, ParameterValue> = {};
    for (let i = this.names.length - 1; i >= 0; i--) {
      const options = this.options[i]!;
      parameters[this.names[i]!] = options[index % options.length]!;
      index = Math.floor(index / options.length);
    }
    return { parameters: Object.fromEntries(this.names.map((name) => [name, parameters[name]!])) };
  }
}
