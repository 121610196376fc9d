import type { JobStatus } from '@lathe/core';
import { COMMON_OPTIONS, UsageError, type Command } from '../command.js';
import { JOB_COLUMNS } from '../job-columns.js';
import { parseOutput, render } from '../output.js';

/** `lathe job list [--status S] [--experiment-name E] [--parent P | --include-children] [--schedule S] [--tag k=v] [--max-results N] [--include-archived | --archived-only]`. */
export const jobList: Command = {
  name: 'job list',
  summary: 'List jobs, newest first',
  options: {
    ...COMMON_OPTIONS,
    status: { type: 'string', multiple: true, description: 'only jobs in these statuses: --status Running Queued' },
    'experiment-name': { type: 'string', description: 'only jobs of this experiment' },
    parent: { type: 'string', description: "only this pipeline or sweep job's children" },
    schedule: { type: 'string', description: 'only the jobs this schedule created' },
    'include-children': { type: 'boolean', description: "sweeps' trials and other jobs' children too (listed under their parent otherwise: --parent)" },
    tag: { type: 'string', multiple: true, description: 'only jobs with these tags: --tag key=value key2 (a key alone: any value)' },
    'max-results': { type: 'string', description: 'jobs per page, 1 to 1000 (default 50)' },
    'page-token': { type: 'string', description: 'the next page, as the previous page printed it' },
    'include-archived': { type: 'boolean', description: 'archived jobs too' },
    'archived-only': { type: 'boolean', description: 'only archived jobs' },
  },
  usage: 'lathe job list [--status Running] [--experiment-name E] [--parent <job> | --include-children] [--schedule S] [--tag key=value] [--max-results 50] [--include-archived | --archived-only]',
  async run(values, _positionals, io) {
    const max = values['max-results'] === undefined ? 50 : Number(values['max-results']);
    if (!Number.isInteger(max) || max < 1 || max > 1000) throw new UsageError('--max-results: expected an integer from 1 to 1000');
    if (values['archived-only'] && values['include-archived']) throw new UsageError('--archived-only and --include-archived: give one of them');
    const page = await io.client().listJobs({
      status: values.status as JobStatus[] | undefined,
      ...(values['experiment-name'] ? { experimentName: values['experiment-name'] as string } : {}),
      // Jobs a user submitted, as Azure ML lists them: a sweep's trials are one --parent away.
      ...(values.parent ? { parent: values.parent as string } : values['include-children'] ? {} : { topLevel: true }),
      ...(values.schedule ? { schedule: values.schedule as string } : {}),
      tags: (values.tag as string[] | undefined) ?? [],
      maxResults: max,
      ...(values['page-token'] ? { pageToken: values['page-token'] as string } : {}),
      view: values['archived-only'] ? 'archived' : values['include-archived'] ? 'all' : 'active',
    });
    const output = parseOutput(values);
    // As az prints a list: the plain array; where the next page starts goes to stderr.
    io.out(render(output, page.value, page.value, JOB_COLUMNS));
    if (page.next_page_token) io.err(`More jobs: --page-token ${page.next_page_token}\n`);
    return 0;
  },
};
