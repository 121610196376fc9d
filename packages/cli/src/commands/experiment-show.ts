import type { MlflowRun } from '@lathe/api';
import { COMMON_OPTIONS, UsageError, type Command } from '../command.js';
import { isTable, parseOutput, render, table } from '../output.js';
import { formatValue } from '../run-details.js';
import { EXPERIMENT_COLUMNS, isoTime } from './experiment-list.js';

const RECENT_RUNS = 20;

/** `lathe experiment show <name>`: the experiment, its tags and its most recent runs. */
export const experimentShow: Command = {
  name: 'experiment show',
  summary: 'Show an experiment (by name, or --id) and its latest runs',
  options: {
    ...COMMON_OPTIONS,
    name: { type: 'string', short: 'n', description: 'the experiment name' },
    id: { type: 'string', description: 'the experiment id, instead of its name' },
  },
  positional: '<name>',
  usage: 'lathe experiment show <name> | --id <experiment-id> [-o table|json|yaml|tsv]',
  async run(values, positionals, io) {
    const tracking = io.tracking();
    const id = values.id as string | undefined;
    const name = (values.name as string | undefined) ?? positionals[0];
    if (!id && !name) throw new UsageError('an experiment name (or --id) is required');
    const experiment = id ? await tracking.getExperiment(id) : await tracking.getExperimentByName(name as string);
    const { runs = [] } = await tracking.searchRuns({ experimentIds: [experiment.experiment_id], maxResults: RECENT_RUNS });
    const output = parseOutput(values);
    io.out(render(output, { experiment, runs }, [experiment], EXPERIMENT_COLUMNS));
    if (!isTable(output)) return 0;
    if (experiment.tags.length > 0)
      io.out(
        `\nTags:\n${table(experiment.tags, [
          { header: 'Key', value: (t) => t.key },
          { header: 'Value', value: (t) => t.value },
        ])}`,
      );
    io.out(runs.length === 0 ? '\nNo runs yet.\n' : `\nLatest runs:\n${table(runs, RUN_COLUMNS)}`);
    return 0;
  },
};

const RUN_COLUMNS = [
  { header: 'Run', value: (r: MlflowRun) => r.info.run_id },
  { header: 'Name', value: (r: MlflowRun) => r.info.run_name },
  { header: 'Status', value: (r: MlflowRun) => r.info.status },
  { header: 'Started', value: (r: MlflowRun) => isoTime(r.info.start_time) },
  {
    header: 'Metrics',
    value: (r: MlflowRun) =>
      r.data.metrics
        .slice(0, 4)
        .map((m) => `${m.key}=${formatValue(m.value)}`)
        .join(' '),
  },
];
