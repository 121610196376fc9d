import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { SeededRandom } from './seeded-random.js';

describe('SeededRandom', () => {
  it('repeats its sequence for a seed and differs between seeds', () => {
    const a = new SeededRandom(42);
    const b = new SeededRandom(42);
    const c = new SeededRandom(43);
    const first = Array.from({ length: 5 }, () => a.next());
    assert.deepEqual(
      Array.from({ length: 5 }, () => b.next()),
      first,
    );
    assert.notDeepEqual(
      Array.from({ length: 5 }, () => c.next()),
      first,
    );
  });

  it('draws uniformly in [0, 1) and integers in [0, n)', () => {
    const random = new SeededRandom(7);
    const counts = [0, 0, 0, 0];
    for (let i = 0; i < 40_000; i++) {
      const x = random.next();
      assert.ok(x >= 0 && x < 1);
      counts[random.int(4)]! += 1;
    }
    for (const count of counts) assert.ok(Math.abs(count - 10_000) < 600, String(counts));
  });

  it('draws normals with mean 0 and variance 1', () => {
    const random = new SeededRandom(1);
    const draws = Array.from({ length: 20_000 }, () => random.normal());
    const mean = draws.reduce((s, x) => s + x, 0) / draws.length;
    const variance = draws.reduce((s, x) => s + (x - mean) ** 2, 0) / draws.length;
    assert.ok(Math.abs(mean) < 0.05, String(mean));
    assert.ok(Math.abs(variance - 1) < 0.05, String(variance));
  });
});
