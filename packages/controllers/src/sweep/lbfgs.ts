/** Options of {@link minimizeLbfgs}. */
export interface LbfgsOptions {
  /** Iterations at most (each one or more evaluations of the objective). */
  readonly iterations: number;
  /** Box the search stays in, per coordinate; steps are projected into it. */
  readonly lower: Float64Array;
  readonly upper: Float64Array;
  /** Correction pairs kept (6). */
  readonly memory?: number;
}

/** An objective: its value and gradient at x, or undefined where it cannot be evaluated. */
export type Objective = (x: Float64Array) => { readonly value: number; readonly gradient: Float64Array } | undefined;

/**
 * Minimises a smooth objective by limited-memory BFGS with a backtracking (Armijo) line search,
 * each trial point projected into the box: enough for a handful of GP log-hyperparameters.
 * Returns the best point reached and its value (Infinity when even the start fails). Deterministic.
 */
export function minimizeLbfgs(objective: Objective, start: Float64Array, options: LbfgsOptions): { x: Float64Array; value: number } {
  const project = (x: Float64Array): Float64Array => x.map((v, i) => Math.min(Math.max(v, options.lower[i]!), options.upper[i]!));
  let x = project(start);
  let current = objective(x);
  if (current === undefined || !Number.isFinite(current.value)) return { x, value: Infinity };
  const steps: Float64Array[] = [];
  const changes: Float64Array[] = [];
  for (let iteration = 0; iteration < options.iterations; iteration++) {
    const direction = searchDirection(current.gradient, steps, changes);
    const next = lineSearch(objective, project, x, current, direction, steps.length === 0);
    if (next === undefined) {
      if (steps.length === 0) break;
      steps.length = 0; // a stale curvature model: retry along the steepest descent
      changes.length = 0;
      continue;
    }
    const s = next.x.map((v, i) => v - x[i]!);
    const y = next.gradient.map((g, i) => g - current!.gradient[i]!);
    if (dot(s, y) > 1e-12) {
      steps.push(s);
      changes.push(y);
      if (steps.length > (options.memory ?? 6)) [steps.shift(), changes.shift()];
    }
    const improvement = current.value - next.value;
    x = next.x;
    current = next;
    if (improvement < 1e-9 * Math.max(1, Math.abs(next.value))) break;
  }
  return { x, value: current.value };
}

/** −H·g by the two-loop recursion (steepest descent without history). */
function searchDirection(gradient: Float64Array, steps: readonly Float64Array[], changes: readonly Float64Array[]): Float64Array {
  const q = Float64Array.from(gradient);
  const alphas: number[] = [];
  for (let k = steps.length - 1; k >= 0; k--) {
    const alpha = dot(steps[k]!, q) / dot(changes[k]!, steps[k]!);
    alphas[k] = alpha;
    for (let i = 0; i < q.length; i++) q[i] = q[i]! - alpha * changes[k]![i]!;
  }
  if (steps.length > 0) {
    const last = steps.length - 1;
    const gamma = dot(steps[last]!, changes[last]!) / dot(changes[last]!, changes[last]!);
    for (let i = 0; i < q.length; i++) q[i] = q[i]! * gamma;
  }
  for (let k = 0; k < steps.length; k++) {
    const beta = dot(changes[k]!, q) / dot(changes[k]!, steps[k]!);
    for (let i = 0; i < q.length; i++) q[i] = q[i]! + (alphas[k]! - beta) * steps[k]![i]!;
  }
  return q.map((v) => -v);
}

/** Backtracks from a unit step (a step of length 1 in the first iteration) until the Armijo condition holds. */
function lineSearch(
  objective: Objective,
  project: (x: Float64Array) => Float64Array,
  x: Float64Array,
  current: { value: number; gradient: Float64Array },
  direction: Float64Array,
  first: boolean,
): { x: Float64Array; value: number; gradient: Float64Array } | undefined {
  const slope = dot(current.gradient, direction);
  if (!(slope < 0)) return undefined;
  let step = first ? 1 / Math.max(1, Math.sqrt(dot(direction, direction))) : 1;
  for (let tries = 0; tries < 20; tries++, step *= 0.5) {
    const candidate = project(x.map((v, i) => v + step * direction[i]!));
    const moved = candidate.map((v, i) => v - x[i]!);
    const result = objective(candidate);
    if (result !== undefined && Number.isFinite(result.value) && result.value <= current.value + 1e-4 * Math.min(dot(current.gradient, moved), 0)) {
      if (dot(moved, moved) === 0) return undefined;
      return { x: candidate, value: result.value, gradient: result.gradient };
    }
  }
  return undefined;
}

function dot(a: Float64Array, b: Float64Array): number {
  let sum = 0;
  for (let i = 0; i < a.length; i++) sum += a[i]! * b[i]!;
  return sum;
}
