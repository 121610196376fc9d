import type { Goal, TrialRecord } from './trial-history.js';

/** True when `a` is strictly worse than `b` under `goal`. */
export function isWorse(a: number, b: number, goal: Goal): boolean {
  return goal === 'maximize' ? a < b : a > b;
}

/**
 * True when `value` is worse than a computed `threshold` by more than a rounding error (a
 * relative 1e-12), so a bar written in decimals gives the decimal answer: with a leader of 0.8
 * and `slack_amount: 0.2`, 0.8 - 0.2 is 0.6000000000000001 and a trial at 0.6 must continue.
 */
export function isWorseThanThreshold(value: number, threshold: number, goal: Goal): boolean {
  const tolerance = 1e-12 * Math.abs(threshold);
  return goal === 'maximize' ? value < threshold - tolerance : value > threshold + tolerance;
}

/** The finite values among the first `n` intervals of a trial. */
export function finiteValuesUpTo(trial: TrialRecord, n: number): number[] {
  return trial.metrics.slice(0, n).filter(Number.isFinite);
}

/** The best (per `goal`) finite value of the first `n` intervals; undefined when there is none. */
export function bestUpTo(trial: TrialRecord, n: number, goal: Goal): number | undefined {
  const values = finiteValuesUpTo(trial, n);
  if (values.length === 0) return undefined;
  return goal === 'maximize' ? Math.max(...values) : Math.min(...values);
}

/** The mean of the finite values of the first `n` intervals; undefined when there is none. */
export function averageUpTo(trial: TrialRecord, n: number): number | undefined {
  const values = finiteValuesUpTo(trial, n);
  if (values.length === 0) return undefined;
  return values.reduce((sum, x) => sum + x, 0) / values.length;
}

/** The trials, in any state, that have logged at least `n` values. */
export function trialsReaching(trials: readonly TrialRecord[], n: number): TrialRecord[] {
  return trials.filter((trial) => trial.metrics.length >= n);
}

/**
 * A metric value for a reason line: four significant digits, trailing zeros dropped but at least
 * two decimals kept, so 0.8 reads `0.80` and 0.72727… reads `0.7273`.
 */
export function formatMetric(x: number): string {
  const text = x.toPrecision(4);
  if (text.includes('e')) return text;
  const [whole, fraction = ''] = text.split('.');
  return `${whole}.${fraction.replace(/0+$/, '').padEnd(2, '0')}`;
}
