import type { UnitSource } from './draw-parameters.js';
import type { Parameters, SearchSpace } from './search-space.js';
import type { SeededRandom } from './seeded-random.js';
import { fromTransformed, toTransformed } from './transformed-value.js';
import { TpeSpace, type TpeDimension } from './tpe-space.js';

/** Where a dimension's columns start in a feature row, and how many it has (1, or a choice's size). */
interface Column {
  readonly dimension: TpeDimension;
  readonly start: number;
}

/**
 * The features a GP sees: each top-level numeric expression is one column in [0, 1], its
 * transformed range (the log for the log types, mu ± 4 sigma for normals) scaled to the unit
 * interval; each top-level choice is a one-hot block, one column per value. Expressions inside
 * a conditional sub-space are not modelled: they are drawn at random whenever their choice is
 * picked, as {@link TpeSpace} does. Rows are stored flat, `width` numbers each.
 */
export class GpSpace {
  readonly width: number;
  private readonly model: TpeSpace;
  private readonly columns: readonly Column[];

  constructor(space: SearchSpace) {
    this.model = new TpeSpace(space);
    let start = 0;
    this.columns = this.model.dimensions.map((dimension) => {
      const column = { dimension, start };
      start += dimension.kind === 'numeric' ? 1 : dimension.size;
      return column;
    });
    this.width = start;
  }

  /** A trial's feature row, or undefined when a value does not belong to the space. */
  encode(parameters: Parameters): Float64Array | undefined {
    const point = this.model.encode(parameters);
    if (point === undefined) return undefined;
    const row = new Float64Array(this.width);
    for (const [d, { dimension, start }] of this.columns.entries()) {
      if (dimension.kind === 'numeric') row[start] = (point[d]! - dimension.range.low) / (dimension.range.high - dimension.range.low);
      else row[start + point[d]!] = 1;
    }
    return row;
  }

  /**
   * Moves row `row` of `features` onto the feature row of the values it would run with: numeric
   * columns clamped to [0, 1] then through value and back (so quantised and integer expressions
   * sit on their grid), each one-hot block set to its largest column.
   */
  snap(features: Float64Array, row: number): void {
    const base = row * this.width;
    for (const { dimension, start } of this.columns) {
      const at = base + start;
      if (dimension.kind === 'numeric') {
        const { low, high } = dimension.range;
        const u = Math.min(Math.max(features[at]!, 0), 1);
        const value = fromTransformed(dimension.expression, low + u * (high - low));
        features[at] = (toTransformed(dimension.expression, value, dimension.range) - low) / (high - low);
        continue;
      }
      let pick = 0;
      for (let c = 1; c < dimension.size; c++) if (features[at + c]! > features[at + pick]!) pick = c;
      for (let c = 0; c < dimension.size; c++) features[at + c] = c === pick ? 1 : 0;
    }
  }

  /** Fills row `row` with a uniform draw: numeric columns in [0, 1], one random value per choice. */
  randomRow(features: Float64Array, row: number, random: SeededRandom): void {
    const base = row * this.width;
    for (const { dimension, start } of this.columns) {
      if (dimension.kind === 'numeric') features[base + start] = random.next();
      else {
        for (let c = 0; c < dimension.size; c++) features[base + start + c] = 0;
        features[base + start + random.int(dimension.size)] = 1;
      }
    }
  }

  /**
   * Fills row `row` with `origin` moved a little: N(0, scale²) added to each numeric column and
   * each choice redrawn with probability `flip`.
   */
  perturbRow(features: Float64Array, row: number, origin: Float64Array, scale: number, flip: number, random: SeededRandom): void {
    const base = row * this.width;
    features.set(origin, base);
    for (const { dimension, start } of this.columns) {
      if (dimension.kind === 'numeric') features[base + start] = Math.min(Math.max(origin[start]! + scale * random.normal(), 0), 1);
      else if (random.next() < flip) {
        for (let c = 0; c < dimension.size; c++) features[base + start + c] = 0;
        features[base + start + random.int(dimension.size)] = 1;
      }
    }
  }

  /** The parameters of a snapped feature row; a picked sub-space is drawn from `unit`. */
  decode(features: Float64Array, unit: UnitSource): Parameters {
    const point = this.columns.map(({ dimension, start }) => {
      if (dimension.kind === 'numeric') return dimension.range.low + features[start]! * (dimension.range.high - dimension.range.low);
      return features.subarray(start, start + dimension.size).indexOf(1);
    });
    return this.model.decode(point, unit);
  }
}
