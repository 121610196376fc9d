import type { SeededRandom } from './seeded-random.js';
import type { TpeDimension } from './tpe-space.js';
import { TruncatedNormal } from './truncated-normal.js';

/** One mixture component: a kernel per numeric coordinate, log probabilities per categorical one. */
type Component = readonly (TruncatedNormal | readonly number[])[];

/**
 * A multivariate Parzen estimator (Optuna's `multivariate=True` TPE): a weighted mixture with
 * one component per observed point plus a prior component, each a product over coordinates of
 * a truncated normal (numeric) or a categorical distribution (choice). Bandwidths follow Scott's
 * rule as Optuna does, `bandwidth` · n^(-1/(d+4)) · range (Optuna's factor is 0.2), clipped to
 * [range / min(100, n + 1), range] (the "magic clip", so a cluster of points never collapses
 * the kernel). A categorical
 * component puts `priorWeight / size` on every value and 1 on the observed one, so no value
 * ever has probability zero.
 */
export class ParzenEstimator {
  private readonly components: Component[] = [];
  private readonly logWeights: number[];
  private readonly cumulative: number[] = [];

  constructor(dimensions: readonly TpeDimension[], points: readonly (readonly number[])[], weights: readonly number[], priorWeight: number, bandwidthFactor: number) {
    const bandwidth = bandwidthFactor * Math.max(points.length, 1) ** (-1 / (dimensions.length + 4));
    for (const point of points) this.components.push(dimensions.map((dimension, d) => observedKernel(dimension, point[d]!, bandwidth, points.length, priorWeight)));
    this.components.push(dimensions.map(priorKernel));
    const all = [...weights, priorWeight];
    const total = all.reduce((a, b) => a + b, 0);
    this.logWeights = all.map((w) => Math.log(w / total));
    let sum = 0;
    for (const w of all) this.cumulative.push((sum += w / total));
  }

  /** A point drawn from the mixture: a component by weight, then every coordinate from it. */
  sample(random: SeededRandom): number[] {
    const u = random.next();
    const index = Math.min(
      this.cumulative.findIndex((c) => u < c),
      this.components.length - 1,
    );
    const component = this.components[index < 0 ? this.components.length - 1 : index]!;
    return component.map((kernel) => (kernel instanceof TruncatedNormal ? kernel.sample(random.next()) : drawIndex(kernel, random.next())));
  }

  /** The mixture's log density at a point (log-sum-exp over components). */
  logPdf(point: readonly number[]): number {
    const terms = this.components.map(
      (component, k) => this.logWeights[k]! + component.reduce((sum, kernel, d) => sum + (kernel instanceof TruncatedNormal ? kernel.logPdf(point[d]!) : kernel[point[d]!]!), 0),
    );
    const max = Math.max(...terms);
    return max + Math.log(terms.reduce((sum, term) => sum + Math.exp(term - max), 0));
  }
}

function observedKernel(dimension: TpeDimension, x: number, bandwidth: number, n: number, priorWeight: number): TruncatedNormal | number[] {
  if (dimension.kind === 'categorical') {
    const total = priorWeight + 1;
    return Array.from({ length: dimension.size }, (_, i) => Math.log((priorWeight / dimension.size + (i === x ? 1 : 0)) / total));
  }
  const { low, high } = dimension.range;
  const width = high - low;
  const sigma = Math.min(Math.max(bandwidth * width, width / Math.min(100, n + 1)), width);
  return new TruncatedNormal(x, sigma, low, high);
}

function priorKernel(dimension: TpeDimension): TruncatedNormal | number[] {
  if (dimension.kind === 'categorical') return Array.from({ length: dimension.size }, () => -Math.log(dimension.size));
  const { low, high, priorMu, priorSigma } = dimension.range;
  return new TruncatedNormal(priorMu, priorSigma, low, high);
}

/** An index drawn from log probabilities by inverse CDF. */
function drawIndex(logProbabilities: readonly number[], u: number): number {
  let sum = 0;
  for (const [i, lp] of logProbabilities.entries()) if (u < (sum += Math.exp(lp))) return i;
  return logProbabilities.length - 1;
}
