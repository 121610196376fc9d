import { SeededRandom } from './seeded-random.js';
import { SOBOL_DIRECTION_NUMBERS } from './sobol-direction-numbers.js';

const BITS = 32;

/** The most dimensions {@link SobolSequence} has direction numbers for. */
export const SOBOL_MAX_DIMENSIONS = SOBOL_DIRECTION_NUMBERS.length;

/**
 * A Sobol low-discrepancy sequence in [0, 1)^d with 32-bit precision, points in Gray-code order
 * (as scipy.stats.qmc.Sobol). Given a seed it is scrambled as scipy does by default: a random
 * linear matrix scramble of the direction numbers plus a random digital shift, which keeps every
 * run of 2^m points stratified (one point per 1/2^m interval in each dimension) while making the
 * first point random instead of the origin. `point(n)` is computed directly from n, so any point
 * can be read without generating those before it.
 */
export class SobolSequence {
  private readonly directions: Uint32Array[];
  private readonly shifts: Uint32Array;

  constructor(dimensions: number, seed?: number) {
    if (!Number.isInteger(dimensions) || dimensions < 1 || dimensions > SOBOL_MAX_DIMENSIONS) {
      throw new RangeError(`SobolSequence: dimensions must be an integer in 1..${SOBOL_MAX_DIMENSIONS}, got ${dimensions}`);
    }
    const random = seed === undefined ? undefined : new SeededRandom(seed);
    this.directions = Array.from({ length: dimensions }, (_, d) => {
      const plain = directionVectors(d);
      return random === undefined ? plain : scramble(plain, random);
    });
    this.shifts = Uint32Array.from({ length: dimensions }, () => (random === undefined ? 0 : uint32(random)));
  }

  /** Point `index` (0-based) of the sequence. */
  point(index: number): number[] {
    const gray = index ^ Math.floor(index / 2);
    return this.directions.map((vectors, d) => {
      let x = this.shifts[d]!;
      for (let bit = 0; bit < BITS && 2 ** bit <= gray; bit++) {
        if (Math.floor(gray / 2 ** bit) % 2 === 1) x ^= vectors[bit]!;
      }
      return (x >>> 0) / 2 ** BITS;
    });
  }
}

/** The 32 direction integers v_k = m_k · 2^(32-k) of dimension d (Bratley–Fox recurrence). */
function directionVectors(d: number): Uint32Array {
  const [poly, m] = SOBOL_DIRECTION_NUMBERS[d]!;
  const v = new Uint32Array(BITS);
  const degree = Math.floor(Math.log2(poly));
  if (degree === 0) {
    for (let k = 0; k < BITS; k++) v[k] = 2 ** (BITS - 1 - k);
    return v;
  }
  const inner = (poly >> 1) & ((1 << (degree - 1)) - 1);
  for (let k = 0; k < degree; k++) v[k] = (m[k]! * 2 ** (BITS - 1 - k)) >>> 0;
  for (let k = degree; k < BITS; k++) {
    let x = (v[k - degree]! ^ (v[k - degree]! >>> degree)) >>> 0;
    for (let j = 1; j < degree; j++) if ((inner >> (degree - 1 - j)) & 1) x = (x ^ v[k - j]!) >>> 0;
    v[k] = x;
  }
  return v;
}

/**
 * Linear matrix scramble: output bit i (from the most significant) of each direction integer is
 * the parity of input bits 0..i under a random lower-triangular matrix with a unit diagonal, so
 * the scrambled net keeps its stratification.
 */
function scramble(vectors: Uint32Array, random: SeededRandom): Uint32Array {
  const rows = Array.from({ length: BITS }, (_, i) => {
    const above = i === 0 ? 0 : (0xffffffff << (BITS - i)) >>> 0;
    return ((uint32(random) & above) | (1 << (BITS - 1 - i))) >>> 0;
  });
  return vectors.map((v) => rows.reduce((out, row, i) => (parity(v & row) ? (out | (1 << (BITS - 1 - i))) >>> 0 : out), 0));
}

function parity(x: number): boolean {
  let y = x >>> 0;
  y ^= y >>> 16;
  y ^= y >>> 8;
  y ^= y >>> 4;
  y ^= y >>> 2;
  y ^= y >>> 1;
  return (y & 1) === 1;
}

function uint32(random: SeededRandom): number {
  return Math.floor(random.next() * 2 ** BITS) >>> 0;
}
