import { join, resolve } from 'node:path';
import { COMMON_OPTIONS, jobName, type Command } from '../command.js';

/**
 * `lathe job download --name N [--output-name O | --all] [--download-path P]`, laid out as
 * `az ml job download` does: the default output (logs and `./outputs`) under `artifacts/`, named
 * outputs under `named-outputs/<name>/`.
 */
export const jobDownload: Command = {
  name: 'job download',
  summary: "Download a job's outputs (default: its logs and ./outputs artifacts)",
  options: {
    ...COMMON_OPTIONS,
    name: { type: 'string', short: 'n', description: 'the job name' },
    'output-name': { type: 'string', description: 'the named output to download (default: the logs and ./outputs)' },
    all: { type: 'boolean', description: 'download every output' },
    'download-path': { type: 'string', short: 'p', description: 'folder to download into (default: .)' },
  },
  positional: '<job>',
  usage: 'lathe job download --name <job> [--output-name model | --all] [--download-path ./out]',
  async run(values, positionals, io) {
    const client = io.client();
    const name = jobName(values, positionals);
    const root = resolve((values['download-path'] as string | undefined) ?? '.');
    let outputs = [(values['output-name'] as string | undefined) ?? 'default'];
    if (values.all) outputs = (await client.listOutputs(name)).map((o) => o.name);
    if (outputs.length === 0) io.err(`Job ${name} has no stored outputs yet.\n`);
    for (const output of outputs) {
      const target = output === 'default' ? join(root, 'artifacts') : join(root, 'named-outputs', output);
      const { downloadOutput } = await import('@lathe/sdk');
      await downloadOutput(client, name, output, target);
      io.out(`Downloaded ${output} to ${target}\n`);
    }
    return 0;
  },
};
