import { COMMON_OPTIONS, runId, type Command } from '../command.js';
import { isTable, parseOutput, render } from '../output.js';
import { isJobRun, RUN_COLUMNS } from '../run-columns.js';
import { loadRunDetails, runDetailsText } from '../run-details.js';

/** `lathe run show <run>`: any MLflow run, a job's or one an MLflow client logged directly. */
export const runShow: Command = {
  name: 'run show',
  summary: "Show an MLflow run's params, latest metrics, tags and artifacts (any run, not only jobs')",
  options: { ...COMMON_OPTIONS, name: { type: 'string', short: 'n', description: "the run id (a job's run id is the job name)" } },
  positional: '<run>',
  usage: 'lathe run show <run> [-o table|json|yaml|tsv]',
  async run(values, positionals, io) {
    const details = await loadRunDetails(io.tracking(), runId(values, positionals));
    const output = parseOutput(values);
    io.out(render(output, details, [details.run], RUN_COLUMNS));
    if (!isTable(output)) return 0;
    const { run } = details;
    const origin = isJobRun(run) ? `Created by job ${run.info.run_id}: lathe job show ${run.info.run_id}` : 'Logged by an MLflow client directly; no Lathe job ran it';
    io.out(`\n${origin}\nArtifact URI: ${run.info.artifact_uri}\n`);
    const tracked = runDetailsText(details);
    if (tracked !== '') io.out(`\n${tracked}`);
    return 0;
  },
};
