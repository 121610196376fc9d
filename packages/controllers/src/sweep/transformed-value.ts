import { quantize } from './quantize.js';
import type { Expression } from './search-space.js';

/** A numeric expression: every type but `choice`. */
export type NumericExpression = Exclude<Expression, { type: 'choice' }>;

/**
 * The space a model sees a numeric expression in: the log for the log types (where their
 * distributions are uniform or normal), the value itself otherwise, with bounds — a normal's
 * are mu ± 4 sigma, where a model may search, though random draws reach further — and the
 * prior a Parzen estimator starts from.
 */
export interface TransformedRange {
  readonly low: number;
  readonly high: number;
  readonly priorMu: number;
  readonly priorSigma: number;
}

/** The transformed range of a numeric expression. */
export function transformedRange(expression: NumericExpression): TransformedRange {
  if (expression.type === 'randint') return uniformRange(-0.5, expression.upper - 0.5);
  if ('minValue' in expression) return uniformRange(expression.minValue, expression.maxValue);
  return { low: expression.mu - 4 * expression.sigma, high: expression.mu + 4 * expression.sigma, priorMu: expression.mu, priorSigma: expression.sigma };
}

function uniformRange(low: number, high: number): TransformedRange {
  return { low, high, priorMu: (low + high) / 2, priorSigma: high - low };
}

/** The value at transformed coordinate t: exp for the log types, round(x / q)·q for the q types. */
export function fromTransformed(expression: NumericExpression, t: number): number {
  if (expression.type === 'randint') return Math.min(Math.max(Math.round(t), 0), expression.upper - 1);
  const value = expression.type.includes('log') ? Math.exp(t) : t;
  return expression.q === undefined ? value : quantize(value, expression.q);
}

/** The transformed coordinate of a trial's value, clamped into the range (a quantised 0 has no log). */
export function toTransformed(expression: NumericExpression, value: number, range: TransformedRange): number {
  const t = expression.type !== 'randint' && expression.type.includes('log') ? Math.log(value) : value;
  return Number.isNaN(t) ? range.low : Math.min(Math.max(t, range.low), range.high);
}
