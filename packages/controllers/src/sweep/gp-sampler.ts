import { maximizeExpectedImprovement, type AcquisitionOptions } from './gp-acquisition.js';
import { GaussianProcess } from './gaussian-process.js';
import { GpSpace } from './gp-space.js';
import { fitKernel } from './kernel-fit.js';
import type { KernelHyperparameters } from './matern-kernel.js';
import { warpOutputs } from './output-warping.js';
import type { Sampler, SamplerOptions, Suggestion, TrialRecord } from './sampler.js';
import type { SearchSpace } from './search-space.js';
import { SeededRandom } from './seeded-random.js';
import { SobolSampler } from './sobol-sampler.js';
import { trialSeed } from './trial-seed.js';

/** Options of {@link GpSampler}. */
export interface GpSamplerOptions extends SamplerOptions, AcquisitionOptions {
  /** Trials with a score needed before the model is used; until then Sobol points (10). */
  readonly startupTrials?: number;
  /** After 20 scores, the kernel is refitted when the count of scores reaches a multiple of this (4). */
  readonly refitEvery?: number;
  /** Most observations the GP is conditioned on: the best third and the most recent (200). */
  readonly maxObservations?: number;
  /** Most observations the kernel is fitted on, chosen the same way (100). */
  readonly maxFitObservations?: number;
}

/** One scored trial: its feature row and its loss (the score, negated when maximising). */
export interface GpObservation {
  readonly row: Float64Array;
  readonly loss: number;
}

/**
 * Gaussian-process Bayesian optimisation with expected improvement (`sampling_algorithm:
 * bayesian` on small numeric spaces): after the startup trials (Sobol points), a GP with a
 * Matérn-5/2 ARD kernel plus noise is conditioned on the scored trials (inputs in [0, 1] per
 * {@link GpSpace}, losses warped by {@link warpOutputs}) and the suggestion is the candidate of
 * largest log EI per {@link maximizeExpectedImprovement}.
 *
 * The kernel's hyperparameters are fitted by maximum a posteriori (L-BFGS, analytic gradients,
 * one random restart) on the first r scored trials in history order, r the count of scores up
 * to 20 and then rounded down to a multiple of `refitEvery` (of m/25 once that is larger), so most
 * suggestions reuse a fit: fits are cached by their data, and a fit depends on those trials and
 * the seed alone, so `ask` stays a function of the options and the history.
 *
 * Running and pending trials enter as a kriging believer whose belief is capped at the best
 * warped loss: each gets the GP's mean there, but never better than the best seen, so EI near
 * it drops and concurrent suggestions spread. Trials without a score are left out; a failed or
 * canceled one that logged a score counts. Expressions in conditional sub-spaces are drawn at
 * random when their choice is picked. Each suggestion draws from its own stream seeded by
 * (seed, history length).
 */
export class GpSampler implements Sampler {
  private readonly space: GpSpace;
  private readonly startup: SobolSampler;
  private readonly fits = new Map<string, KernelHyperparameters>();

  constructor(
    space: SearchSpace,
    private readonly options: GpSamplerOptions,
  ) {
    this.space = new GpSpace(space);
    this.startup = new SobolSampler(space, options);
  }

  ask(history: readonly TrialRecord[]): Suggestion {
    const { scored, running } = this.observe(history);
    if (scored.length < Math.max(this.options.startupTrials ?? 10, 2)) return this.startup.ask(history);
    const train = keepForModel(scored, this.options.maxObservations ?? 200);
    const targets = warpOutputs(train.map((o) => o.loss));
    const best = Math.min(...targets);
    const { model, rows } = this.condition(train, targets, best, running, this.hyperparameters(scored));
    const random = new SeededRandom(trialSeed(this.options.seed, history.length));
    const origins = [...train.keys()]
      .sort((a, b) => targets[a]! - targets[b]! || a - b)
      .slice(0, 5)
      .map((i) => train[i]!.row);
    const pick = maximizeExpectedImprovement(this.space, model, best, origins, rows, train.length + running.length, random, this.options);
    return { parameters: this.space.decode(pick, () => random.next()) };
  }

  /**
   * The GP on the observations and, when trials are running, on those too at the believer's
   * value: its mean there, but no better than `best`. `rows` holds both, observations first.
   */
  private condition(
    train: readonly GpObservation[],
    targets: Float64Array,
    best: number,
    running: readonly Float64Array[],
    hyper: KernelHyperparameters,
  ): { model: GaussianProcess; rows: Float64Array } {
    const width = this.space.width;
    const rows = new Float64Array((train.length + running.length) * width);
    train.forEach((o, i) => rows.set(o.row, i * width));
    running.forEach((row, i) => rows.set(row, (train.length + i) * width));
    const observed = new GaussianProcess(rows.subarray(0, train.length * width), train.length, hyper, targets);
    if (running.length === 0) return { model: observed, rows };
    const beliefs = running.map((_, i) => Math.max(observed.predict(rows, train.length + i).mean, best));
    return { model: new GaussianProcess(rows, train.length + running.length, hyper, [...targets, ...beliefs]), rows };
  }

  /** The kernel fitted on the first r scored trials (see the class comment), from the cache when it holds them. */
  private hyperparameters(scored: readonly GpObservation[]): KernelHyperparameters {
    const r = refitCount(scored.length, this.options.refitEvery ?? 4);
    const data = keepForModel(scored.slice(0, r), this.options.maxFitObservations ?? 100);
    const key = data.map((o) => `${o.loss}:${o.row.join(',')}`).join(';');
    const cached = this.fits.get(key);
    if (cached !== undefined) return cached;
    const rows = new Float64Array(data.length * this.space.width);
    data.forEach((o, i) => rows.set(o.row, i * this.space.width));
    const fit = fitKernel(rows, data.length, this.space.width, warpOutputs(data.map((o) => o.loss)), new SeededRandom(trialSeed(this.options.seed, -1 - r)));
    if (this.fits.size >= 8) this.fits.delete(this.fits.keys().next().value!);
    this.fits.set(key, fit);
    return fit;
  }

  /** Scored trials in history order, and the feature rows of running and pending ones. */
  private observe(history: readonly TrialRecord[]): { scored: GpObservation[]; running: Float64Array[] } {
    const sign = this.options.goal === 'maximize' ? -1 : 1;
    const scored: GpObservation[] = [];
    const running: Float64Array[] = [];
    for (const trial of history) {
      const row = this.space.encode(trial.parameters);
      if (row === undefined) continue;
      if (trial.state === 'running' || trial.state === 'pending') running.push(row);
      else if (trial.score !== undefined && Number.isFinite(trial.score)) scored.push({ row, loss: sign * trial.score });
    }
    return { scored, running };
  }
}

/**
 * How many of m scores the kernel is fitted on: all up to 20, then m rounded down to a multiple
 * of `every`, or of m/25 once that is larger, so a sweep of 1000 trials refits every 40.
 */
export function refitCount(m: number, every: number): number {
  if (m <= 20) return m;
  const step = Math.max(every, Math.floor(m / 25));
  return m - (m % step);
}

/**
 * At most `cap` observations, in their order: the best third by loss and the most recent for
 * the rest, so a long sweep keeps both what it learned about the optimum and where it is now.
 */
export function keepForModel(observations: readonly GpObservation[], cap: number): GpObservation[] {
  if (observations.length <= cap) return [...observations];
  const best = [...observations.keys()].sort((a, b) => observations[a]!.loss - observations[b]!.loss || a - b).slice(0, Math.floor(cap / 3));
  const kept = new Set(best);
  for (let i = observations.length - 1; kept.size < cap; i--) kept.add(i);
  return [...kept].sort((a, b) => a - b).map((i) => observations[i]!);
}
