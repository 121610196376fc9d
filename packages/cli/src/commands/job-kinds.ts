import type { JobKindResource } from '@lathe/api';
import { COMMON_OPTIONS, type Command } from '../command.js';
import { parseOutput, render, type Column } from '../output.js';

const KIND_COLUMNS: Column<JobKindResource>[] = [
  { header: 'Type', value: (k) => k.type },
  { header: 'Runs as', value: (k) => (k.execution === 'controller' ? 'controller (creates child jobs)' : 'a process on a compute') },
  { header: 'Description', value: (k) => k.description },
];

/** `lathe job kinds`: the job types the server runs, from its registry of job kinds. */
export const jobKinds: Command = {
  name: 'job kinds',
  summary: 'List the job types the server runs',
  options: { ...COMMON_OPTIONS },
  usage: 'lathe job kinds [-o table|json|yaml|tsv]',
  async run(values, _positionals, io) {
    const kinds = await io.client().listJobKinds();
    io.out(render(parseOutput(values), kinds.value, kinds.value, KIND_COLUMNS));
    return 0;
  },
};
