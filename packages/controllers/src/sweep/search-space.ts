/**
 * The typed model of an Azure ML sweep `search_space`, whichever form it arrived in (the YAML
 * mapping or the REST `[type, [args]]` lists the SDK sends): see {@link parseSearchSpace}.
 * Bounds are kept exactly as Azure states them, so `loguniform` bounds are natural logs.
 */

/** The ten Azure ML parameter expression types. */
export const EXPRESSION_TYPES = ['choice', 'randint', 'uniform', 'quniform', 'loguniform', 'qloguniform', 'normal', 'qnormal', 'lognormal', 'qlognormal'] as const;

/** One of {@link EXPRESSION_TYPES}. */
export type ExpressionType = (typeof EXPRESSION_TYPES)[number];

/** A plain value a `choice` may hold, or a constant inside a conditional sub-space. */
export type Constant = number | string;

/**
 * A conditional sub-space: a `choice` value that maps names to expressions or constants. Its
 * expressions are drawn only in trials where the choice picks it.
 */
export interface SubSpace {
  readonly kind: 'subspace';
  readonly entries: Readonly<Record<string, Expression | Constant>>;
}

/** A `choice` value: a constant or a conditional sub-space. */
export type ChoiceValue = Constant | SubSpace;

/** `choice`: one of `values`, each equally likely. */
export interface ChoiceExpression {
  readonly type: 'choice';
  readonly values: readonly ChoiceValue[];
}

/** `randint`: an integer in `[0, upper)`. */
export interface RandintExpression {
  readonly type: 'randint';
  readonly upper: number;
}

/** `uniform` / `loguniform` (bounds are natural logs), and their quantised forms with `q`. */
export interface UniformExpression {
  readonly type: 'uniform' | 'quniform' | 'loguniform' | 'qloguniform';
  readonly minValue: number;
  readonly maxValue: number;
  /** Present exactly for the `q` types. */
  readonly q?: number;
}

/** `normal` / `lognormal` (exp of a normal), and their quantised forms with `q`. */
export interface NormalExpression {
  readonly type: 'normal' | 'qnormal' | 'lognormal' | 'qlognormal';
  readonly mu: number;
  readonly sigma: number;
  /** Present exactly for the `q` types. */
  readonly q?: number;
}

/** One parameter expression. */
export type Expression = ChoiceExpression | RandintExpression | UniformExpression | NormalExpression;

/** A parsed search space: parameter name → expression, in the order the spec lists them. */
export type SearchSpace = Readonly<Record<string, Expression>>;

/**
 * A value a trial receives for one parameter. A `choice` that picks a sub-space yields a mapping
 * of that sub-space's names to their drawn values (and constants), as hyperopt — whose
 * expression names Azure's are — returns the picked dictionary.
 */
export type ParameterValue = Constant | { readonly [name: string]: ParameterValue };

/** A trial's parameters: top-level name → value. */
export type Parameters = Readonly<Record<string, ParameterValue>>;

/** True for a `choice` value that is a conditional sub-space. */
export function isSubSpace(value: ChoiceValue | Expression): value is SubSpace {
  return typeof value === 'object' && 'kind' in value && value.kind === 'subspace';
}

/** True for an entry of a sub-space that is an expression, not a constant. */
export function isExpression(value: Expression | Constant): value is Expression {
  return typeof value === 'object';
}
