import { COMMON_OPTIONS, runId, type Command } from '../command.js';
import { isTable, parseOutput, render } from '../output.js';
import { formatValue } from '../run-details.js';

interface Point {
  key: string;
  step: number;
  value: number | string;
  timestamp: number;
}

/** `lathe run metrics <run> [--key K]`: a metric's full history, every metric's without --key. */
export const runMetrics: Command = {
  name: 'run metrics',
  summary: "Print a run's metric history (a job's run id is the job name)",
  options: {
    ...COMMON_OPTIONS,
    name: { type: 'string', short: 'n', description: "the run id (a job's run id is the job name)" },
    key: { type: 'string', short: 'k', multiple: true, description: 'only these metrics: --key loss accuracy' },
  },
  positional: '<run>',
  usage: 'lathe run metrics <run> [--key <metric> ...] [-o table|json|yaml|tsv]',
  async run(values, positionals, io) {
    const tracking = io.tracking();
    const id = runId(values, positionals);
    const wanted = values.key as string[] | undefined;
    const keys = wanted?.length ? wanted : (await tracking.getRun(id)).data.metrics.map((m) => m.key).sort();
    const points: Point[] = [];
    for (const key of keys) {
      for (const m of await tracking.getMetricHistory(id, key)) points.push({ key, step: m.step, value: m.value, timestamp: m.timestamp });
    }
    const output = parseOutput(values);
    if (isTable(output) && points.length === 0) {
      io.err(wanted?.length ? `No points of ${wanted.join(', ')} in run ${id}.\n` : `Run ${id} has logged no metrics.\n`);
      return 0;
    }
    io.out(
      render(output, points, points, [
        { header: 'Key', value: (p) => p.key },
        { header: 'Step', value: (p) => String(p.step) },
        { header: 'Value', value: (p) => formatValue(p.value) },
        {
          header: 'Time',
          value: (p) =>
            new Date(p.timestamp)
              .toISOString()
              .replace('T', ' ')
              .replace(/\.\d+Z$/, 'Z'),
        },
      ]),
    );
    return 0;
  },
};
