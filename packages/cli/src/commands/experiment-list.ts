import type { MlflowExperiment } from '@lathe/api';
import { COMMON_OPTIONS, type Command } from '../command.js';
import { parseOutput, render, type Column } from '../output.js';

/** Columns of `lathe experiment list`. */
export const EXPERIMENT_COLUMNS: Column<MlflowExperiment>[] = [
  { header: 'ID', value: (e) => e.experiment_id },
  { header: 'Name', value: (e) => e.name },
  { header: 'Stage', value: (e) => e.lifecycle_stage },
  { header: 'Created', value: (e) => isoTime(e.creation_time) },
  { header: 'Last update', value: (e) => isoTime(e.last_update_time) },
];

/** `lathe experiment list`: the workspace's experiments, newest first, every page. */
export const experimentList: Command = {
  name: 'experiment list',
  summary: "List the workspace's experiments",
  options: { ...COMMON_OPTIONS, all: { type: 'boolean', description: 'include deleted experiments' } },
  usage: 'lathe experiment list [--all] [-o table|json|yaml|tsv]   (--all includes deleted ones)',
  async run(values, _positionals, io) {
    const tracking = io.tracking();
    const experiments: MlflowExperiment[] = [];
    let token: string | undefined;
    do {
      const page = await tracking.searchExperiments({ maxResults: 1000, ...(token ? { pageToken: token } : {}), ...(values.all ? { viewType: 'ALL' } : {}) });
      experiments.push(...(page.experiments ?? []));
      token = page.next_page_token;
    } while (token);
    io.out(render(parseOutput(values), experiments, experiments, EXPERIMENT_COLUMNS));
    return 0;
  },
};

/** Milliseconds since the epoch as `2026-11-28 10:00:00Z`. */
export function isoTime(ms: number | undefined): string {
  return ms === undefined
    ? ''
    : new Date(ms)
        .toISOString()
        .replace('T', ' ')
        .replace(/\.\d+Z$/, 'Z');
}
