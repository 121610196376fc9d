import type { SweepResource, SweepTrialResource } from '@lathe/api';
import { table, type Column } from './output.js';

/** A parameter value as a cell: numbers and strings as they are, a sub-space as JSON. */
function cell(value: unknown): string {
  if (value === undefined) return '';
  return typeof value === 'object' ? JSON.stringify(value) : String(value);
}

/** Up to 6 significant digits, enough to tell trials apart without noise. */
export function formatScore(score: number | null): string {
  return score === null ? '' : String(Number(score.toPrecision(6)));
}

/**
 * What `lathe job show` adds for a sweep: its settings, its best trial, and its trials best first
 * with their state, score, parameters and why the sweep stopped them.
 */
export function sweepDetailsText(sweep: SweepResource): string {
  const asked = sweep.trials.length;
  const policy = sweep.early_termination ?? 'none';
  const lines = [
    `Sweep: ${sweep.sampling_algorithm} sampling, ${asked} of at most ${sweep.max_total_trials} trials, ${sweep.max_concurrent_trials} at once; early termination: ${policy}`,
    `Objective: ${sweep.goal} ${sweep.primary_metric}`,
  ];
  if (sweep.best) {
    const values = Object.entries(sweep.best.parameters).map(([k, v]) => `${k}=${cell(v)}`);
    lines.push(`Best trial: ${sweep.best.trial} (${sweep.primary_metric} ${formatScore(sweep.best.score)}) ${values.join(' ')}`);
  }
  if (asked === 0) return `${lines.join('\n')}\n`;
  const names = [...new Set(sweep.trials.flatMap((t) => Object.keys(t.parameters)))];
  const columns: Column<SweepTrialResource>[] = [
    { header: 'Trial', value: (t) => t.name },
    { header: 'Status', value: (t) => t.status },
    { header: sweep.primary_metric, value: (t) => formatScore(t.score) },
    { header: 'Intervals', value: (t) => String(t.intervals) },
    ...names.map((name) => ({ header: name, value: (t: SweepTrialResource) => cell(t.parameters[name]) })),
    { header: 'Stopped because', value: (t) => t.stop_reason ?? '' },
  ];
  return `${lines.join('\n')}\n\nTrials (best first):\n${table(sweep.trials, columns)}`;
}
