import type { SweepTrialResource } from '@lathe/api';

/** A trial's parameters as a mapping; anything else the server might send reads as none. */
export function parametersOf(trial: Pick<SweepTrialResource, 'parameters'>): Record<string, unknown> {
  const p: unknown = trial.parameters;
  return typeof p === 'object' && p !== null && !Array.isArray(p) ? (p as Record<string, unknown>) : {};
}

/** Every parameter name the trials have, in the order first met (the search space's order). */
export function parameterNames(trials: readonly Pick<SweepTrialResource, 'parameters'>[]): string[] {
  const names = new Set<string>();
  for (const trial of trials) for (const name of Object.keys(parametersOf(trial))) names.add(name);
  return [...names];
}

/** A value as the page shows it: text and numbers as they are, a sub-space (an object) as JSON, none as `—`. */
export function parameterText(value: unknown): string {
  if (value === undefined || value === null) return '—';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}

/** A value as a plot places it: a finite number on a numeric axis, anything else as its text (a category). */
export function parameterPlotValue(value: unknown): string | number | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'number') return Number.isFinite(value) ? value : String(value);
  return parameterText(value);
}

/** `x=3, opt=adam`: the parameters on one line. */
export function parametersLine(parameters: Record<string, unknown>): string {
  return Object.entries(parameters)
    .map(([name, value]) => `${name}=${parameterText(value)}`)
    .join(', ');
}

/** The trial's score when it is a finite number; null otherwise. */
export function scoreOf(trial: Pick<SweepTrialResource, 'score'>): number | null {
  return typeof trial.score === 'number' && Number.isFinite(trial.score) ? trial.score : null;
}
