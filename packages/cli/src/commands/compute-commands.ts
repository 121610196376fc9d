import type { ComputeResource } from '@lathe/api';
import { COMMON_OPTIONS, UsageError, type Command, type OptionValues } from '../command.js';
import { isTable, parseOutput, render } from '../output.js';

const COLUMNS = [
  { header: 'Name', value: (c: ComputeResource) => c.name },
  { header: 'Type', value: (c: ComputeResource) => c.type },
  { header: 'Size', value: (c: ComputeResource) => c.size ?? '' },
  { header: 'Max instances', value: (c: ComputeResource) => String(c.max_instances) },
  { header: 'Running', value: (c: ComputeResource) => String(c.jobs.running) },
  { header: 'Queued', value: (c: ComputeResource) => String(c.jobs.queued) },
];

function computeName(values: OptionValues, positionals: string[]): string {
  const name = (values.name as string | undefined) ?? positionals[0];
  if (!name) throw new UsageError('a compute name is required: --name <compute>');
  return name;
}

const nameOption = { name: { type: 'string', short: 'n', description: 'the compute name' } } as const;

/** `lathe compute create --file F`: an Azure `amlcompute` cluster as a named target that runs at most `max_instances` jobs at once. */
export const computeCreate: Command = {
  name: 'compute create',
  summary: 'Create or update a compute target from amlcompute YAML (at most max_instances of its jobs run at once)',
  options: {
    ...COMMON_OPTIONS,
    file: { type: 'string', short: 'f', description: 'the amlcompute YAML (Azure ML v2)' },
    name: { type: 'string', short: 'n', description: "the name (overrides the file's)" },
    set: { type: 'string', multiple: true, description: 'override fields, values read as YAML: --set max_instances=4' },
  },
  usage: 'lathe compute create --file compute.yml [--name N] [--set k=v]…',
  async run(values, _positionals, io) {
    const file = values.file as string | undefined;
    if (file === undefined) throw new UsageError('--file is required');
    const { loadComputeFile, validateCompute } = await import('@lathe/spec');
    const loaded = await loadComputeFile(file, (values.set as string[] | undefined) ?? []);
    const spec = typeof values.name === 'string' ? validateCompute({ ...loaded.spec, name: values.name }, file).spec : loaded.spec;
    // The file's own warnings carry line and column; the server's say the same without them.
    for (const warning of loaded.warnings) io.err(`Warning: ${warning}\n`);
    const compute = await io.client().putCompute(spec);
    const output = parseOutput(values);
    if (isTable(output)) io.out(`Compute ${compute.name}: ${compute.type}, at most ${compute.max_instances} job${compute.max_instances === 1 ? '' : 's'} at once\n`);
    else io.out(render(output, compute, [compute], COLUMNS));
    return 0;
  },
};

/** `lathe compute list`. */
export const computeList: Command = {
  name: 'compute list',
  summary: 'List the computes: the built-in ones and those created, with their jobs running and queued',
  options: { ...COMMON_OPTIONS },
  usage: 'lathe compute list [-o table|json|yaml|tsv]',
  async run(values, _positionals, io) {
    const computes = await io.client().listComputes();
    io.out(render(parseOutput(values), computes, computes, COLUMNS));
    return 0;
  },
};

/** `lathe compute show --name N`. */
export const computeShow: Command = {
  name: 'compute show',
  summary: 'Show a compute: type, size, max_instances and its jobs running and queued',
  options: { ...COMMON_OPTIONS, ...nameOption },
  positional: '<name>',
  usage: 'lathe compute show --name N [-o table|json|yaml|tsv]',
  async run(values, positionals, io) {
    const compute = await io.client().getCompute(computeName(values, positionals));
    io.out(render(parseOutput(values), compute, [compute], COLUMNS));
    return 0;
  },
};

/** `lathe compute delete --name N`: refused while any of its jobs is queued or running. */
export const computeDelete: Command = {
  name: 'compute delete',
  summary: 'Delete a compute (refused while any of its jobs is queued or running)',
  options: { ...COMMON_OPTIONS, ...nameOption },
  positional: '<name>',
  usage: 'lathe compute delete --name N',
  async run(values, positionals, io) {
    const name = computeName(values, positionals);
    await io.client().deleteCompute(name);
    io.out(`Deleted compute ${name}\n`);
    return 0;
  },
};
