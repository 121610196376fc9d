import { COMMON_OPTIONS, jobName, type Command } from '../command.js';
import { JOB_COLUMNS, jobDetails } from '../job-columns.js';
import { parseFormat, render } from '../output.js';

/** `lathe job show --name N`. */
export const jobShow: Command = {
  name: 'job show',
  summary: "Show a job's status, history, warnings and error",
  options: { ...COMMON_OPTIONS, name: { type: 'string', short: 'n' } },
  usage: 'lathe job show --name <job> [-o table|json|yaml]',
  async run(values, positionals, io) {
    const job = await io.client().getJob(jobName(values, positionals));
    const format = parseFormat(values.output as string | undefined, 'table');
    io.out(render(format, job, [job], JOB_COLUMNS));
    if (format === 'table') io.out(`\n${jobDetails(job)}`);
    return 0;
  },
};
