/**
 * The rungs of successive halving: rung j (1-based) sits at interval `minResource·η^(j-1)`. A
 * ladder starts at rung `firstRung` (a Hyperband bracket starts higher) and, given a
 * `maxResource`, ends below it: a trial that has logged `maxResource` values has had its whole
 * budget, so stopping it there would save nothing.
 */
export interface RungLadder {
  readonly minResource: number;
  readonly reductionFactor: number;
  readonly maxResource?: number | undefined;
  readonly firstRung: number;
}

/** The rung a trial at interval `n` stands on, or undefined when `n` is not a rung of the ladder. */
export function rungAt(n: number, ladder: RungLadder): number | undefined {
  const { minResource, reductionFactor, maxResource, firstRung } = ladder;
  if (maxResource !== undefined && n >= maxResource) return undefined;
  // Integer products, not Math.pow and logarithms, so 3^5 is exactly 243.
  for (let rung = 1, resource = minResource; resource <= n; rung++, resource *= reductionFactor) {
    if (resource === n) return rung >= firstRung ? rung : undefined;
  }
  return undefined;
}
