import { parseSearchSpace } from './parse-search-space.js';
import type { Sampler, TrialRecord } from './sampler.js';
import type { Parameters } from './search-space.js';

/** Runs `count` sequential trials, each scored by `f` before the next ask. For tests. @internal */
export function minimise(sampler: Sampler, f: (p: Parameters) => number, count: number): TrialRecord[] {
  const history: TrialRecord[] = [];
  for (let i = 0; i < count; i++) {
    const { parameters } = sampler.ask(history)!;
    history.push({ parameters, state: 'completed', score: f(parameters) });
  }
  return history;
}

/** The lowest score of a history. @internal */
export const best = (history: readonly TrialRecord[]): number => Math.min(...history.map((t) => t.score!));

/** One uniform parameter on [-10, 10], and a quadratic with its minimum at 3. @internal */
export const line = parseSearchSpace({ x: ['uniform', [-10, 10]] });
/** @internal */
export const quadratic = (p: Parameters): number => ((p['x'] as number) - 3) ** 2;
