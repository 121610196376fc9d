import { COMMON_OPTIONS, jobName, type Command } from '../command.js';
import { JOB_COLUMNS } from '../job-columns.js';
import { parseOutput, render } from '../output.js';

/** `lathe job archive --name N`: hides the job from `lathe job list`, as `az ml job archive` does. */
export const jobArchive: Command = {
  name: 'job archive',
  summary: 'Hide a job from the job list (it keeps running; its run and outputs stay)',
  options: { ...COMMON_OPTIONS, name: { type: 'string', short: 'n', description: 'the job name' } },
  positional: '<job>',
  usage: 'lathe job archive --name <job>',
  async run(values, positionals, io) {
    const job = await io.client().setJobArchived(jobName(values, positionals), true);
    io.out(render(parseOutput(values), job, [job], JOB_COLUMNS));
    return 0;
  },
};

/** `lathe job restore --name N`: lists an archived job again. */
export const jobRestore: Command = {
  name: 'job restore',
  summary: 'Show an archived job in the job list again',
  options: { ...COMMON_OPTIONS, name: { type: 'string', short: 'n', description: 'the job name' } },
  positional: '<job>',
  usage: 'lathe job restore --name <job>',
  async run(values, positionals, io) {
    const job = await io.client().setJobArchived(jobName(values, positionals), false);
    io.out(render(parseOutput(values), job, [job], JOB_COLUMNS));
    return 0;
  },
};
