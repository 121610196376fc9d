import { drawParameters, type UnitSource } from './draw-parameters.js';
import { isSubSpace, type ChoiceExpression, type ParameterValue, type Parameters, type SearchSpace } from './search-space.js';
import { fromTransformed, toTransformed, transformedRange, type NumericExpression, type TransformedRange } from './transformed-value.js';

/** One modelled coordinate: a numeric expression in its transformed range, or a choice by index. */
export type TpeDimension =
  | { readonly kind: 'numeric'; readonly name: string; readonly expression: NumericExpression; readonly range: TransformedRange }
  | { readonly kind: 'categorical'; readonly name: string; readonly expression: ChoiceExpression; readonly size: number };

/**
 * The top-level expressions of a space as a TPE models them: one coordinate each, so a trial is
 * a point (numbers in the transformed space, choices as indices). Expressions inside a
 * conditional sub-space are present only in some trials; they are not modelled but drawn at
 * random each time their choice is picked.
 */
export class TpeSpace {
  readonly dimensions: readonly TpeDimension[];

  constructor(space: SearchSpace) {
    this.dimensions = Object.entries(space).map(([name, expression]) =>
      expression.type === 'choice' ? { kind: 'categorical', name, expression, size: expression.values.length } : { kind: 'numeric', name, expression, range: transformedRange(expression) },
    );
  }

  /** A trial's point, or undefined when a value does not belong to this space. */
  encode(parameters: Parameters): number[] | undefined {
    const point: number[] = [];
    for (const dimension of this.dimensions) {
      const value = parameters[dimension.name];
      if (value === undefined) return undefined;
      if (dimension.kind === 'numeric') {
        if (typeof value !== 'number') return undefined;
        point.push(toTransformed(dimension.expression, value, dimension.range));
        continue;
      }
      const index = choiceIndex(dimension.expression, value);
      if (index < 0) return undefined;
      point.push(index);
    }
    return point;
  }

  /** The parameters at a point; a picked sub-space is drawn from `unit`. */
  decode(point: readonly number[], unit: UnitSource): Parameters {
    const parameters: Record<string, ParameterValue> = {};
    for (const [d, dimension] of this.dimensions.entries()) {
      if (dimension.kind === 'numeric') parameters[dimension.name] = fromTransformed(dimension.expression, point[d]!);
      else {
        const picked = dimension.expression.values[point[d]!]!;
        parameters[dimension.name] = isSubSpace(picked) ? drawParameters(picked.entries, unit) : picked;
      }
    }
    return parameters;
  }
}

/**
 * The index of a choice's value: a constant by equality, a drawn sub-space by its keys and
 * constants (the first sub-space that matches, when two share both); -1 when none matches.
 */
function choiceIndex(expression: ChoiceExpression, value: ParameterValue): number {
  return expression.values.findIndex((option) => {
    if (!isSubSpace(option)) return option === value;
    if (typeof value !== 'object') return false;
    const keys = Object.keys(option.entries);
    if (keys.length !== Object.keys(value).length) return false;
    return keys.every((key) => key in value && (typeof option.entries[key] === 'object' || option.entries[key] === value[key]));
  });
}
