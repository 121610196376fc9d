import { COMMON_OPTIONS, UsageError, type Command } from '../command.js';
import { JOB_COLUMNS } from '../job-columns.js';
import { isTable, parseOutput, render } from '../output.js';
import { studioJobUrl } from '../studio-link.js';
import { uploadProgressOption } from '../upload-progress.js';
import { streamJob } from './job-stream.js';

/** `lathe job create --file F [--set k=v ...] [--name N] [--stream]`. */
export const jobCreate: Command = {
  name: 'job create',
  summary: 'Submit a job from an Azure ML v2 YAML file',
  options: {
    ...COMMON_OPTIONS,
    file: { type: 'string', short: 'f', description: 'the job YAML to submit (Azure ML v2)' },
    set: { type: 'string', multiple: true, description: 'override fields, values read as YAML: --set inputs.lr=0.1 limits.timeout=60' },
    name: { type: 'string', short: 'n', description: 'the job name (default: generated)' },
    stream: { type: 'boolean', short: 's', description: "follow the job's log until it ends; non-zero exit unless it completed" },
  },
  usage: 'lathe job create --file job.yml [--set inputs.lr=0.1 ...] [--name my_job] [--stream] [-o table|json|yaml|tsv]',
  async run(values, _positionals, io) {
    const file = values.file as string | undefined;
    if (!file) throw new UsageError('--file is required: the job YAML to submit');
    const client = io.client();
    const { submitJobFile } = await import('@lathe/sdk');
    const { job, warnings } = await submitJobFile(client, file, {
      set: (values.set as string[] | undefined) ?? [],
      ...(values.name ? { name: values.name as string } : {}),
      ...uploadProgressOption(),
    });
    for (const warning of warnings) io.err(`Warning: ${warning}\n`);
    if (values.stream) return streamJob(client, job.name, io);
    const output = parseOutput(values);
    io.out(render(output, job, [job], JOB_COLUMNS));
    if (isTable(output)) io.out(`\nStudio: ${studioJobUrl(client, job.name)}\n`);
    return 0;
  },
};
