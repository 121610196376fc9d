import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseExpression } from './parse-search-space.js';
import { SeededRandom } from './seeded-random.js';
import { unitValue } from './unit-value.js';

/** 20,000 draws of an expression (REST form) from a fixed seed, through the same map samplers use. */
function draws(rest: unknown, count = 20_000): number[] {
  const expression = parseExpression(rest, 'x');
  const random = new SeededRandom(2024);
  return Array.from({ length: count }, () => unitValue(expression, random.next()));
}

const mean = (xs: number[]): number => xs.reduce((s, x) => s + x, 0) / xs.length;
const sd = (xs: number[]): number => Math.sqrt(mean(xs.map((x) => (x - mean(xs)) ** 2)));
const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

describe('unitValue (Azure distributions, fixed seed, loose bounds)', () => {
  it('randint draws each integer in [0, upper) equally often, never upper', () => {
    const xs = draws(['randint', [4]]);
    const counts = [0, 1, 2, 3].map((k) => xs.filter((x) => x === k).length);
    assert.equal(
      counts.reduce((a, b) => a + b),
      xs.length,
    );
    for (const count of counts) assert.ok(Math.abs(count - 5000) < 300, String(counts));
  });

  it('choice picks each index equally often', () => {
    const xs = draws(['choice', [['a', 'b', 'c']]], 30_000);
    for (const k of [0, 1, 2]) assert.ok(Math.abs(xs.filter((x) => x === k).length - 10_000) < 400);
  });

  it('uniform is flat on [min, max]', () => {
    const xs = draws(['uniform', [-2, 6]]);
    assert.ok(Math.min(...xs) >= -2 && Math.max(...xs) <= 6);
    assert.ok(Math.abs(mean(xs) - 2) < 0.08, String(mean(xs)));
    assert.ok(Math.abs(sd(xs) - 8 / Math.sqrt(12)) < 0.05);
  });

  it('loguniform bounds are logs: -9.21..0 spans about 1e-4..1, flat in log', () => {
    const xs = draws(['loguniform', [-9.21, 0]]);
    assert.ok(Math.min(...xs) >= Math.exp(-9.21) && Math.max(...xs) <= 1);
    assert.ok(Math.min(...xs) < 1.2e-4);
    assert.ok(Math.abs(Math.log(median(xs)) + 4.605) < 0.15, String(median(xs)));
  });

  it('quniform rounds to multiples of q, the end values half as likely', () => {
    const xs = draws(['quniform', [0, 4, 1]]);
    const counts = [0, 1, 2, 3, 4].map((k) => xs.filter((x) => x === k).length);
    assert.equal(
      counts.reduce((a, b) => a + b),
      xs.length,
    );
    assert.ok(Math.abs(counts[0]! - 2500) < 250 && Math.abs(counts[4]! - 2500) < 250, String(counts));
    assert.ok(Math.abs(counts[2]! - 5000) < 300, String(counts));
  });

  it('qloguniform quantises exp(U(min, max))', () => {
    const xs = draws(['qloguniform', [0, Math.log(100), 10]]);
    assert.ok(xs.every((x) => x % 10 === 0 && x >= 0 && x <= 100));
    // 0 exactly when exp(u·ln 100) < 5: probability ln 5 / ln 100 ≈ 0.349.
    assert.ok(Math.abs(xs.filter((x) => x === 0).length / xs.length - Math.log(5) / Math.log(100)) < 0.015);
  });

  it('normal has mean mu and deviation sigma', () => {
    const xs = draws(['normal', [3, 2]]);
    assert.ok(Math.abs(mean(xs) - 3) < 0.06, String(mean(xs)));
    assert.ok(Math.abs(sd(xs) - 2) < 0.06, String(sd(xs)));
  });

  it('qnormal quantises a normal', () => {
    const xs = draws(['qnormal', [0, 5, 2]]);
    assert.ok(xs.every((x) => x % 2 === 0));
    assert.ok(Math.abs(mean(xs)) < 0.2 && Math.abs(sd(xs) - 5) < 0.2);
  });

  it('lognormal is exp of a normal: positive with median exp(mu)', () => {
    const xs = draws(['lognormal', [1, 0.5]]);
    assert.ok(xs.every((x) => x > 0));
    assert.ok(Math.abs(Math.log(median(xs)) - 1) < 0.03);
    assert.ok(Math.abs(sd(xs.map(Math.log)) - 0.5) < 0.02);
  });

  it('qlognormal quantises exp of a normal', () => {
    const xs = draws(['qlognormal', [3, 0.5, 4]]);
    assert.ok(xs.every((x) => x % 4 === 0 && x >= 0));
    assert.ok(Math.abs(median(xs) - Math.exp(3)) <= 4);
  });
});
