import type { Parameters } from './search-space.js';

/** Where a trial stands, as a sampler sees it. */
export type TrialState = 'pending' | 'running' | 'completed' | 'failed' | 'canceled';

/**
 * One trial of the sweep as the sampler sees it, in the order the trials were asked for.
 * `score` is the trial's best logged primary-metric value per the goal (Azure scores a trial by
 * its best value, not its last), absent until it logs one; a trial stopped early is `canceled`
 * and keeps the score it reached.
 */
export interface TrialRecord {
  readonly parameters: Parameters;
  readonly state: TrialState;
  readonly score?: number;
}

/** What {@link Sampler.ask} returns: the next trial's parameters. */
export interface Suggestion {
  readonly parameters: Parameters;
}

/**
 * Chooses the next trial's parameters from the history of the sweep.
 *
 * Contract:
 * - `ask(history)` receives every trial asked for so far (pending and running ones included,
 *   so a sampler can spread concurrent trials) and returns the next suggestion, or `undefined`
 *   when the space is exhausted (grid); it never returns a point outside the space.
 * - `ask` is a function of the sampler's options (seed, goal) and `history` alone: the same
 *   history gives the same suggestion, so a sweep resumed after a restart asks for exactly what
 *   it would have asked. Random, Sobol and grid use only `history.length`; a model-based
 *   sampler (TPE, GP) reads parameters, states and scores.
 * - `tell`, when present, is a hint that a trial changed (for caches); a sampler must give the
 *   same answers whether or not it was called.
 */
export interface Sampler {
  ask(history: readonly TrialRecord[]): Suggestion | undefined;
  tell?(trial: TrialRecord): void;
}

/** Options every sampler is built with. */
export interface SamplerOptions {
  /**
   * The seed of every draw. A sweep without `seed` gets one chosen once and stored with the
   * sweep, so a restart repeats it.
   */
  readonly seed: number;
  /** The objective's goal; model-based samplers read scores through it. */
  readonly goal: 'maximize' | 'minimize';
}
