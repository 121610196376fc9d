import { crc32 } from 'node:zlib';
import type { HyperbandPolicy } from './early-termination-policy.js';

/**
 * Hyperband's brackets as Optuna's HyperbandPruner lays them out. There are
 * `floor(log_η(max / min)) + 1` brackets; bracket b (0-based) is successive halving whose first
 * rung is `min·η^b`, so bracket 0 stops most eagerly and the last hardly at all. A trial belongs
 * to one bracket, chosen from a CRC-32 of its id (Optuna hashes study name and trial number the
 * same way), so the choice is deterministic and survives a restart; the brackets are weighted
 * `ceil(B·η^s / (s + 1))` with s = B - 1 - b, giving the eager brackets more trials, since
 * most of theirs stop early.
 */
export class HyperbandBrackets {
  /** Each bracket's weight, by bracket. */
  readonly weights: readonly number[];
  private readonly total: number;

  constructor(policy: HyperbandPolicy) {
    const count = bracketCount(policy);
    const eta = policy.reductionFactor;
    this.weights = Array.from({ length: count }, (_, b) => Math.ceil((count * eta ** (count - 1 - b)) / (count - b)));
    this.total = this.weights.reduce((sum, w) => sum + w, 0);
  }

  /** The bracket (0-based) of a trial. */
  bracketOf(trialId: string): number {
    let n = crc32(trialId) % this.total;
    for (let b = 0; b < this.weights.length; b++) {
      n -= this.weights[b]!;
      if (n < 0) return b;
    }
    return this.weights.length - 1;
  }
}

/** `floor(log_η(max / min)) + 1`, counted in integers so an exact power is not lost to rounding. */
function bracketCount({ minResource, maxResource, reductionFactor }: HyperbandPolicy): number {
  let count = 1;
  for (let resource = minResource * reductionFactor; resource <= maxResource; resource *= reductionFactor) count++;
  return count;
}
