/**
 * A seed for trial `index` of a sweep seeded with `seed`, mixed (murmur3's finaliser) so that
 * neighbouring seeds and indices give unrelated streams: seed 1 trial 0 is not seed 0 trial 1.
 */
export function trialSeed(seed: number, index: number): number {
  return mix(mix(seed >>> 0) ^ (Math.imul(index + 1, 0x9e3779b1) >>> 0));
}

function mix(x: number): number {
  let h = x >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b) >>> 0;
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35) >>> 0;
  return (h ^ (h >>> 16)) >>> 0;
}
