import type { MlflowRun } from '@lathe/api';
import { isoTime } from './commands/experiment-list.js';
import type { Column } from './output.js';
import { formatValue } from './run-details.js';

/** The tag every job's run carries; a run without it was logged by an MLflow client directly. */
export const JOB_TYPE_TAG = 'lathe.job.type';

/** True when a Lathe job created the run (its run id is then the job name). */
export function isJobRun(run: MlflowRun): boolean {
  return run.data.tags.some((t) => t.key === JOB_TYPE_TAG);
}

/** Columns of `lathe run list` and `lathe run show`. */
export const RUN_COLUMNS: Column<MlflowRun>[] = [
  { header: 'Run', value: (r) => r.info.run_id },
  { header: 'Name', value: (r) => r.info.run_name },
  { header: 'Experiment', value: (r) => r.info.experiment_id },
  { header: 'Status', value: (r) => r.info.status },
  { header: 'Started', value: (r) => isoTime(r.info.start_time) },
  { header: 'Logged by', value: (r) => (isJobRun(r) ? 'job' : 'MLflow client') },
  {
    header: 'Metrics',
    value: (r) =>
      r.data.metrics
        .slice(0, 4)
        .map((m) => `${m.key}=${formatValue(m.value)}`)
        .join(' '),
  },
];
