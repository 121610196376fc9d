import { COMMON_OPTIONS, jobName, type Command } from '../command.js';
import { JOB_COLUMNS } from '../job-columns.js';
import { parseOutput, render } from '../output.js';

/** `lathe job cancel --name N`. */
export const jobCancel: Command = {
  name: 'job cancel',
  summary: 'Cancel a job (a running one gets SIGTERM, then SIGKILL after a grace period)',
  options: { ...COMMON_OPTIONS, name: { type: 'string', short: 'n', description: 'the job name' } },
  positional: '<job>',
  usage: 'lathe job cancel --name <job>',
  async run(values, positionals, io) {
    const job = await io.client().cancelJob(jobName(values, positionals));
    io.out(render(parseOutput(values), job, [job], JOB_COLUMNS));
    return 0;
  },
};
