/**
 * Outputs (losses, lower is better) as the GP models them: shifted so the best is 0 and scaled
 * by the median distance from it, Yeo-Johnson transformed with the λ of largest likelihood
 * (golden-section search over [−3, 3]), then standardised. Raw objective scales (a Rosenbrock
 * spans 10⁵) and heavy tails wreck a stationary GP; the warp, as in HEBO and the anchor's gp-ei,
 * pulls the tail in. Shifting and scaling first makes it independent of the objective's units
 * and keeps the low end — the one a minimiser cares about — resolved: there the map is close to
 * linear, while standardising first would put the best values on the transform's flat side. The
 * map is monotone, so the order of the values is kept. Equal values give zeros.
 */
export function warpOutputs(values: ArrayLike<number>): Float64Array {
  const raw = Float64Array.from(values);
  const low = Math.min(...raw);
  const shifted = raw.map((v) => v - low);
  const scale = median(shifted) || Math.max(...shifted);
  if (!(scale > 0) || !Number.isFinite(scale)) return standardize(raw);
  const z = shifted.map((v) => v / scale);
  const lambda = bestLambda(z);
  const warped = standardize(z.map((v) => yeoJohnson(v, lambda)));
  return warped.every(Number.isFinite) ? warped : standardize(raw);
}

function median(values: Float64Array): number {
  const sorted = Float64Array.from(values).sort();
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** The Yeo-Johnson transform of x with parameter λ. */
export function yeoJohnson(x: number, lambda: number): number {
  if (x >= 0) return Math.abs(lambda) < 1e-12 ? Math.log1p(x) : (Math.pow(1 + x, lambda) - 1) / lambda;
  return Math.abs(lambda - 2) < 1e-12 ? -Math.log1p(-x) : -(Math.pow(1 - x, 2 - lambda) - 1) / (2 - lambda);
}

/** Mean 0 and standard deviation 1 (all zeros when the values are equal). */
function standardize(values: Float64Array): Float64Array {
  const n = values.length;
  const mean = values.reduce((sum, v) => sum + v, 0) / n;
  const sd = Math.sqrt(values.reduce((sum, v) => sum + (v - mean) ** 2, 0) / n);
  return values.map((v) => (sd > 0 ? (v - mean) / sd : 0));
}

/** The λ maximising the Yeo-Johnson log-likelihood −(n/2)·log σ²(ψ) + (λ − 1)·Σ sign(x)·log(1 + |x|). */
function bestLambda(x: Float64Array): number {
  const jacobian = x.reduce((sum, v) => sum + Math.sign(v) * Math.log1p(Math.abs(v)), 0);
  const loss = (lambda: number): number => {
    const psi = x.map((v) => yeoJohnson(v, lambda));
    const mean = psi.reduce((sum, v) => sum + v, 0) / x.length;
    const variance = psi.reduce((sum, v) => sum + (v - mean) ** 2, 0) / x.length;
    const value = 0.5 * x.length * Math.log(variance) - (lambda - 1) * jacobian;
    return Number.isFinite(value) ? value : Infinity;
  };
  const ratio = (Math.sqrt(5) - 1) / 2;
  let [a, b] = [-3, 3];
  let c = b - ratio * (b - a);
  let d = a + ratio * (b - a);
  let [fc, fd] = [loss(c), loss(d)];
  for (let i = 0; i < 40; i++) {
    if (fc <= fd) {
      [b, d, fd] = [d, c, fc];
      c = b - ratio * (b - a);
      fc = loss(c);
    } else {
      [a, c, fc] = [c, d, fd];
      d = a + ratio * (b - a);
      fd = loss(d);
    }
  }
  return (a + b) / 2;
}
