import type { SweepTrialResource } from '@lathe/api';
import { scoreOf } from './trial-parameters.js';

/** A scored trial on the best-so-far curve: its own score and the best of it and every trial before it. */
export interface BestSoFarPoint {
  trial: string;
  index: number;
  score: number;
  best: number;
}

/**
 * The best score per `goal` after each scored trial, the trials taken in the order the sampler
 * asked for them (`index`): the curve a sweep's progress is judged by. Trials without a score
 * are left out; the list is in index order.
 */
export function bestSoFar(trials: readonly SweepTrialResource[], goal: 'maximize' | 'minimize'): BestSoFarPoint[] {
  const scored = trials.flatMap((t) => {
    const score = scoreOf(t);
    return score === null || !Number.isFinite(t.index) ? [] : [{ trial: t.name, index: t.index, score }];
  });
  scored.sort((a, b) => a.index - b.index);
  const better = (a: number, b: number) => (goal === 'minimize' ? a < b : a > b);
  let best: number | undefined;
  return scored.map((p) => {
    if (best === undefined || better(p.score, best)) best = p.score;
    return { ...p, best };
  });
}
