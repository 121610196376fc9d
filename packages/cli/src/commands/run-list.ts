import type { MlflowRun } from '@lathe/api';
import { COMMON_OPTIONS, UsageError, type Command } from '../command.js';
import { parseOutput, render } from '../output.js';
import { RUN_COLUMNS } from '../run-columns.js';

/**
 * `lathe run list`: MLflow runs, newest first, in every experiment or one, those jobs created
 * and those an MLflow client logged directly (a notebook pointed at Lathe).
 */
export const runList: Command = {
  name: 'run list',
  summary: "List MLflow runs, jobs' and those an MLflow client logged (a notebook), newest first",
  options: {
    ...COMMON_OPTIONS,
    'experiment-name': { type: 'string', description: 'only runs of this experiment' },
    filter: { type: 'string', description: 'MLflow search filter: "metrics.accuracy > 0.9 and params.C = \'0.5\'"' },
    'max-results': { type: 'string', description: 'the most runs to list, 1 to 1000 (default 50)' },
  },
  usage: 'lathe run list [--experiment-name E] [--filter "metrics.loss < 0.1"] [--max-results 50] [-o table|json|yaml|tsv]',
  async run(values, _positionals, io) {
    const max = values['max-results'] === undefined ? 50 : Number(values['max-results']);
    if (!Number.isInteger(max) || max < 1 || max > 1000) throw new UsageError('--max-results: expected an integer from 1 to 1000');
    const tracking = io.tracking();
    const name = values['experiment-name'] as string | undefined;
    const experimentIds = name ? [(await tracking.getExperimentByName(name)).experiment_id] : ((await tracking.searchExperiments({ maxResults: 1000 })).experiments ?? []).map((e) => e.experiment_id);
    let runs: MlflowRun[] = [];
    if (experimentIds.length > 0) {
      const filter = values.filter as string | undefined;
      const page = await tracking.searchRuns({ experimentIds, maxResults: max, orderBy: ['attributes.start_time DESC'], ...(filter ? { filter } : {}) });
      runs = page.runs ?? [];
    }
    io.out(render(parseOutput(values), runs, runs, RUN_COLUMNS));
    return 0;
  },
};
