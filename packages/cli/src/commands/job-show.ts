import { LatheError } from '@lathe/core';
import type { TrackingClient } from '@lathe/sdk';
import { COMMON_OPTIONS, jobName, type Command } from '../command.js';
import { JOB_COLUMNS, jobDetails } from '../job-columns.js';
import { isTable, parseOutput, render, table } from '../output.js';
import { studioJobUrl } from '../studio-link.js';
import { loadRunDetails, runDetailsText } from '../run-details.js';
import { pipelineStepsText } from '../pipeline-details.js';
import { sweepDetailsText } from '../sweep-details.js';

/**
 * A job that does not exist may still be an MLflow run that an MLflow client logged (a notebook
 * pointed at Lathe): say so and where to look, instead of only "does not exist".
 */
async function explainRunWithoutJob(error: unknown, name: string, tracking: TrackingClient): Promise<never> {
  if (!(error instanceof LatheError) || error.code !== 'LATHE_NOT_FOUND') throw error;
  const run = await tracking.getRun(name).catch(() => undefined);
  if (run === undefined) throw error;
  throw new LatheError('LATHE_NOT_FOUND', `'${name}' is not a job: it is an MLflow run that an MLflow client logged directly (no Lathe job ran it). See it with: lathe run show ${name}`);
}

/** `lathe job show --name N`. */
export const jobShow: Command = {
  name: 'job show',
  summary: "Show a job's status, history, error, its run's params, metrics, tags and artifacts, a sweep's trials and a pipeline's steps",
  options: { ...COMMON_OPTIONS, name: { type: 'string', short: 'n', description: 'the job name' } },
  positional: '<job>',
  usage: 'lathe job show --name <job> [-o table|json|yaml|tsv]',
  async run(values, positionals, io) {
    const client = io.client();
    const name = jobName(values, positionals);
    const job = await client.getJob(name).catch((error: unknown) => explainRunWithoutJob(error, name, io.tracking()));
    const output = parseOutput(values);
    const [details, lineage, sweep, steps] = await Promise.all([
      loadRunDetails(io.tracking(), job.name),
      client.jobLineage(job.name),
      job.type === 'sweep' ? client.getSweep(job.name) : undefined,
      job.type === 'pipeline' ? client.listChildJobs(job.name, { maxResults: 1000 }) : undefined,
    ]);
    io.out(render(output, { ...job, run: details.run, artifacts: details.artifacts, lineage, ...(sweep ? { sweep } : {}), ...(steps ? { steps: steps.value } : {}) }, [job], JOB_COLUMNS));
    if (isTable(output)) {
      io.out(`\nStudio: ${studioJobUrl(client, job.name)}\n${jobDetails(job)}`);
      if (sweep) io.out(`\n${sweepDetailsText(sweep)}`);
      if (steps) io.out(`\n${pipelineStepsText(job, steps.value)}`);
      if (lineage.length > 0) {
        io.out(
          `\nAssets:\n${table(lineage, [
            { header: 'Direction', value: (e) => e.direction },
            { header: 'Port', value: (e) => e.port },
            { header: 'Asset', value: (e) => `${e.kind} ${e.name}:${e.version}` },
          ])}`,
        );
      }
      const tracked = runDetailsText(details);
      if (tracked !== '') io.out(`\n${tracked}`);
    }
    return 0;
  },
};
