// Summaries of repeated measurements, the same for every case of bench-studio.mjs.

/** The q-quantile (0…1) of `xs`, linearly interpolated; NaN when empty. */
export function quantile(xs, q) {
  if (xs.length === 0) return Number.NaN;
  const s = [...xs].sort((a, b) => a - b);
  const at = (s.length - 1) * q;
  const lo = Math.floor(at);
  const hi = Math.ceil(at);
  return s[lo] + (s[hi] - s[lo]) * (at - lo);
}

/** `{ median, p95, min, max, n }` of `xs` (milliseconds unless said otherwise). */
export function summarize(xs) {
  return { median: quantile(xs, 0.5), p95: quantile(xs, 0.95), min: Math.min(...xs), max: Math.max(...xs), n: xs.length };
}
