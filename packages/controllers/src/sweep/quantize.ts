/**
 * Azure's quantisation `round(x / q) · q`. HyperDrive is Python, so `round` is half-to-even
 * (as numpy's); the product is snapped to q's decimal places so `q: 0.1` gives `0.3`, not
 * `0.30000000000000004`, and a whole q gives an integer.
 */
export function quantize(x: number, q: number): number {
  const steps = roundHalfEven(x / q);
  const decimals = decimalPlaces(q);
  return decimals === 0 ? Math.round(steps * q) : Number((steps * q).toFixed(decimals));
}

/** Rounds to the nearest integer, ties to the even one (Python's `round`). */
export function roundHalfEven(x: number): number {
  const floor = Math.floor(x);
  const diff = x - floor;
  if (diff < 0.5) return floor;
  if (diff > 0.5) return floor + 1;
  return floor % 2 === 0 ? floor : floor + 1;
}

/** Digits after the point in q's shortest decimal form (0 for whole numbers), at most 15. */
function decimalPlaces(q: number): number {
  if (Number.isInteger(q)) return 0;
  const text = String(q);
  const exponent = /e-(\d+)$/.exec(text);
  if (exponent) return Math.min(15, Number(exponent[1]) + (text.split('e')[0]!.split('.')[1]?.length ?? 0));
  return Math.min(15, text.split('.')[1]?.length ?? 0);
}
