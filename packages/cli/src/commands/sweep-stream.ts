import type { SweepResource, SweepTrialResource } from '@lathe/api';
import { isTerminal } from '@lathe/core';
import type { LatheClient } from '@lathe/sdk';
import type { CommandIo } from '../command.js';
import { formatScore, sweepDetailsText } from '../sweep-details.js';

/** How often the sweep is read while it runs. */
const POLL_MS = 500;

/** A trial's parameters on one line: `alpha=0.01 loss=hinge`. */
function parametersText(trial: SweepTrialResource): string {
  return Object.entries(trial.parameters)
    .map(([k, v]) => `${k}=${typeof v === 'object' ? JSON.stringify(v) : String(v)}`)
    .join(' ');
}

/**
 * Follows a sweep until it ends: a line when each trial starts (with its parameters) and when it
 * ends (with its score, or why it was stopped), as a sweep has no log of its own; then the best
 * trial and the trials table. Returns the sweep as it ended.
 */
export async function followSweep(client: LatheClient, name: string, io: CommandIo): Promise<SweepResource> {
  const started = new Set<string>();
  const ended = new Set<string>();
  for (;;) {
    const sweep = await client.getSweep(name);
    for (const trial of [...sweep.trials].sort((a, b) => a.index - b.index)) {
      if (!started.has(trial.name) && trial.started_at !== null) {
        started.add(trial.name);
        io.out(`${trial.name} started: ${parametersText(trial)}\n`);
      }
      if (!ended.has(trial.name) && isTerminal(trial.status)) {
        ended.add(trial.name);
        const score = trial.score === null ? `no ${sweep.primary_metric} logged` : `${sweep.primary_metric} ${formatScore(trial.score)}`;
        io.out(`${trial.name} ${trial.status}: ${trial.stop_reason ?? score}\n`);
      }
    }
    if (isTerminal(sweep.status)) {
      io.out(`\n${sweepDetailsText(sweep)}`);
      return sweep;
    }
    await new Promise((r) => setTimeout(r, POLL_MS));
  }
}
