import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { SOBOL_MAX_DIMENSIONS, SobolSequence } from './sobol-sequence.js';

/** Point 1000 of scipy.stats.qmc.Sobol(40, scramble=False), the same Joe–Kuo numbers. */
const SCIPY_POINT_1000 = [
  0.2197265625, 0.0966796875, 0.5185546875, 0.6767578125, 0.2802734375, 0.9072265625, 0.0458984375, 0.8994140625, 0.5009765625, 0.0693359375, 0.0849609375, 0.2548828125, 0.1611328125, 0.3837890625,
  0.1435546875, 0.3701171875, 0.7197265625, 0.3447265625, 0.9912109375, 0.7255859375, 0.5224609375, 0.5498046875, 0.9501953125, 0.5400390625, 0.5830078125, 0.9072265625, 0.0400390625, 0.9794921875,
  0.0595703125, 0.3408203125, 0.1474609375, 0.1455078125, 0.2958984375, 0.5927734375, 0.8017578125, 0.7705078125, 0.8486328125, 0.8310546875, 0.3076171875, 0.4794921875,
];

describe('SobolSequence', () => {
  it('matches scipy unscrambled, point for point', () => {
    const sequence = new SobolSequence(40);
    assert.equal(SOBOL_MAX_DIMENSIONS, 40);
    assert.deepEqual(sequence.point(0), new Array(40).fill(0));
    assert.deepEqual(sequence.point(2).slice(0, 3), [0.75, 0.25, 0.25]);
    assert.deepEqual(sequence.point(1000), SCIPY_POINT_1000);
  });

  it('keeps every 2^m points stratified in each dimension once scrambled', () => {
    const sequence = new SobolSequence(40, 123);
    const points = Array.from({ length: 64 }, (_, i) => sequence.point(i));
    for (let d = 0; d < 40; d++) {
      const cells = points.map((p) => Math.floor(p[d]! * 64)).sort((a, b) => a - b);
      assert.deepEqual(
        cells,
        Array.from({ length: 64 }, (_, i) => i),
        `dimension ${d}`,
      );
    }
  });

  it('scrambles differently per seed, and the first point is not the origin', () => {
    const a = new SobolSequence(5, 1).point(0);
    assert.notDeepEqual(a, new SobolSequence(5, 2).point(0));
    assert.ok(a.some((x) => x > 0));
    assert.deepEqual(new SobolSequence(5, 1).point(7), new SobolSequence(5, 1).point(7));
  });

  it('refuses more dimensions than it has numbers for', () => {
    assert.throws(() => new SobolSequence(41), RangeError);
  });
});
