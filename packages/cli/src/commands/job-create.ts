import { COMMON_OPTIONS, UsageError, type Command } from '../command.js';
import { JOB_COLUMNS } from '../job-columns.js';
import { parseFormat, render } from '../output.js';
import { uploadProgressOption } from '../upload-progress.js';
import { streamJob } from './job-stream.js';

/** `lathe job create --file F [--set k=v ...] [--name N] [--stream]`. */
export const jobCreate: Command = {
  name: 'job create',
  summary: 'Submit a job from an Azure ML v2 YAML file',
  options: {
    ...COMMON_OPTIONS,
    file: { type: 'string', short: 'f' },
    set: { type: 'string', multiple: true },
    name: { type: 'string', short: 'n' },
    stream: { type: 'boolean', short: 's' },
  },
  usage: 'lathe job create --file job.yml [--set inputs.lr=0.1] [--name my_job] [--stream] [-o table|json|yaml]',
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
    io.out(render(parseFormat(values.output as string | undefined, 'table'), job, [job], JOB_COLUMNS));
    return 0;
  },
};
