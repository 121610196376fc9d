import { ParzenEstimator } from './parzen-estimator.js';
import type { Sampler, SamplerOptions, Suggestion, TrialRecord } from './sampler.js';
import type { SearchSpace } from './search-space.js';
import { SeededRandom } from './seeded-random.js';
import { SobolSampler } from './sobol-sampler.js';
import { TpeSpace } from './tpe-space.js';
import { trialSeed } from './trial-seed.js';

/**
 * Options of {@link TpeSampler}. The defaults are Optuna's except the split and the bandwidth:
 * Optuna's (gamma min(ceil(0.1·n), 25), factor 0.2) measured 0.27 of random search's regret on
 * hpo-bench, a larger good group with narrower kernels 0.12–0.15 (bench/sweep/README.md).
 */
export interface TpeSamplerOptions extends SamplerOptions {
  /** Trials with a score needed before the model is used; until then Sobol points (10). */
  readonly startupTrials?: number;
  /** Candidates drawn from l(x) and scored by l(x)/g(x) per suggestion (24). */
  readonly eiCandidates?: number;
  /** Weight of the prior component of each estimator (1). */
  readonly priorWeight?: number;
  /** How many of n observations form the good group l(x): min(ceil(0.25·n), 25); Optuna's is min(ceil(0.1·n), 25). */
  readonly gamma?: (n: number) => number;
  /** Scott's-rule factor of the kernel widths, times n^(-1/(d+4)) · range (0.1; Optuna's is 0.2). */
  readonly bandwidth?: number;
}

/** One observation: a point and its loss (the score, negated when the goal is maximize). */
interface Observation {
  readonly point: number[];
  readonly loss: number;
}

/**
 * Multivariate Tree-structured Parzen Estimator for `sampling_algorithm: bayesian`. After the
 * startup trials (Sobol points), the scored trials are split by loss into the best gamma(n) and
 * the rest, a Parzen estimator is fitted to each (l and g, joint over the top-level parameters),
 * and of `eiCandidates` points drawn from l the one with the largest l(x)/g(x) is suggested.
 *
 * Running and pending trials count as having the worst observed loss (constant liar), so
 * concurrent suggestions move away from points already being tried rather than repeat the
 * best one. Trials without a score are left out; a failed or canceled trial that logged one
 * counts with it (Azure scores a trial by its best value). Each suggestion draws from its own
 * stream seeded by (seed, history length), so it depends on the options and the history alone.
 */
export class TpeSampler implements Sampler {
  private readonly model: TpeSpace;
  private readonly startup: SobolSampler;

  constructor(
    space: SearchSpace,
    private readonly options: TpeSamplerOptions,
  ) {
    this.model = new TpeSpace(space);
    this.startup = new SobolSampler(space, options);
  }

  ask(history: readonly TrialRecord[]): Suggestion {
    const observations = this.observe(history);
    const scored = history.filter((trial) => trial.score !== undefined && trial.state !== 'running' && trial.state !== 'pending').length;
    if (scored < (this.options.startupTrials ?? 10) || observations.length === 0) return this.startup.ask(history);
    const random = new SeededRandom(trialSeed(this.options.seed, history.length));
    const best = this.bestCandidate(observations, random);
    return { parameters: this.model.decode(best, () => random.next()) };
  }

  /** Draws candidates from l and keeps the one with the largest log l − log g. */
  private bestCandidate(observations: readonly Observation[], random: SeededRandom): number[] {
    const sorted = [...observations.entries()].sort(([i, a], [j, b]) => a.loss - b.loss || i - j);
    const below = Math.max(1, Math.min((this.options.gamma ?? defaultGamma)(observations.length), observations.length - 1));
    const good = sorted.slice(0, below).sort(([i], [j]) => i - j);
    const bad = sorted.slice(below).sort(([i], [j]) => i - j);
    const priorWeight = this.options.priorWeight ?? 1;
    const bandwidth = this.options.bandwidth ?? 0.1;
    const l = new ParzenEstimator(
      this.model.dimensions,
      good.map(([, o]) => o.point),
      trialWeights(good.length),
      priorWeight,
      bandwidth,
    );
    const g = new ParzenEstimator(
      this.model.dimensions,
      bad.map(([, o]) => o.point),
      trialWeights(bad.length),
      priorWeight,
      bandwidth,
    );
    let best: number[] = [];
    let bestScore = -Infinity;
    for (let i = 0; i < (this.options.eiCandidates ?? 24); i++) {
      const candidate = l.sample(random);
      const score = l.logPdf(candidate) - g.logPdf(candidate);
      if (score > bestScore || best.length === 0) [best, bestScore] = [candidate, score];
    }
    return best;
  }

  /** Scored trials, plus running and pending ones at the worst loss seen (constant liar). */
  private observe(history: readonly TrialRecord[]): Observation[] {
    const sign = this.options.goal === 'maximize' ? -1 : 1;
    const seen: { point: number[]; loss?: number }[] = [];
    for (const trial of history) {
      const point = this.model.encode(trial.parameters);
      if (point === undefined) continue;
      if (trial.state === 'running' || trial.state === 'pending') seen.push({ point });
      else if (trial.score !== undefined && Number.isFinite(trial.score)) seen.push({ point, loss: sign * trial.score });
    }
    const losses = seen.flatMap((o) => (o.loss === undefined ? [] : [o.loss]));
    if (losses.length === 0) return [];
    const worst = Math.max(...losses);
    return seen.map((o) => ({ point: o.point, loss: o.loss ?? worst }));
  }
}

/** The default split: the best quarter of the observations, at most 25 (the caller keeps one on each side). */
function defaultGamma(n: number): number {
  return Math.min(Math.ceil(0.25 * n), 25);
}

/**
 * Optuna's default observation weights, oldest first: equal for up to 25, otherwise a ramp from
 * 1/n up to 1 for the older ones and 1 for the newest 25, so old points fade without vanishing.
 */
export function trialWeights(n: number): number[] {
  if (n < 25) return Array.from({ length: n }, () => 1);
  const ramp = n - 25;
  return Array.from({ length: n }, (_, i) => (i >= ramp ? 1 : ramp === 1 ? 1 / n : 1 / n + ((1 - 1 / n) * i) / (ramp - 1)));
}
