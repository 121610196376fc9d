import type { WorkspaceResource } from '@lathe/api';
import { COMMON_OPTIONS, UsageError, type Command } from '../command.js';
import { isTable, parseOutput, render } from '../output.js';

const COLUMNS = [
  { header: 'Name', value: (w: WorkspaceResource) => w.name },
  { header: 'Display name', value: (w: WorkspaceResource) => w.display_name ?? '' },
  { header: 'Location', value: (w: WorkspaceResource) => w.location ?? '' },
  { header: 'Created', value: (w: WorkspaceResource) => (w.created ? 'yes' : 'no (has data)') },
  { header: 'Computes', value: (w: WorkspaceResource) => w.computes.join(', ') },
];

/** `lathe workspace create --name N | --file F`: records a workspace with its metadata. */
export const workspaceCreate: Command = {
  name: 'workspace create',
  summary: 'Create a workspace, or record its metadata, from --name or workspace YAML',
  options: {
    ...COMMON_OPTIONS,
    file: { type: 'string', short: 'f', description: 'the workspace YAML (Azure ML v2)' },
    name: { type: 'string', short: 'n', description: "the workspace name (overrides the file's)" },
    'display-name': { type: 'string', description: 'a display name' },
    description: { type: 'string', short: 'd', description: 'a description' },
    set: { type: 'string', multiple: true, description: 'override fields, values read as YAML: --set tags.team=ml' },
  },
  usage: 'lathe workspace create --name N [--display-name D] [--description T]  |  lathe workspace create --file workspace.yml [--set k=v]…',
  async run(values, _positionals, io) {
    const { loadWorkspaceFile, validateWorkspace } = await import('@lathe/spec');
    const file = values.file as string | undefined;
    if (file === undefined && typeof values.name !== 'string') throw new UsageError('--name or --file is required');
    const loaded = file === undefined ? { spec: {}, warnings: [] } : await loadWorkspaceFile(file, (values.set as string[] | undefined) ?? []);
    const overrides = {
      ...(typeof values.name === 'string' ? { name: values.name } : {}),
      ...(typeof values['display-name'] === 'string' ? { display_name: values['display-name'] } : {}),
      ...(typeof values.description === 'string' ? { description: values.description } : {}),
    };
    const { spec } = validateWorkspace({ ...loaded.spec, ...overrides }, file ?? '--options');
    for (const warning of loaded.warnings) io.err(`Warning: ${warning}\n`);
    const workspace = await io.client().putWorkspace(spec);
    const output = parseOutput(values);
    if (isTable(output)) io.out(`Workspace ${workspace.name} recorded; use it with -w ${workspace.name} or LATHE_WORKSPACE=${workspace.name}\n`);
    else io.out(render(output, workspace, [workspace], COLUMNS));
    return 0;
  },
};

/** `lathe workspace list`. */
export const workspaceList: Command = {
  name: 'workspace list',
  summary: 'List the workspaces: those created and those that hold data',
  options: { ...COMMON_OPTIONS },
  usage: 'lathe workspace list [-o table|json|yaml|tsv]',
  async run(values, _positionals, io) {
    const workspaces = await io.client().listWorkspaces();
    io.out(render(parseOutput(values), workspaces, workspaces, COLUMNS));
    return 0;
  },
};

/** `lathe workspace show [--name N]`: default the workspace `-w` or `LATHE_WORKSPACE` selects. */
export const workspaceShow: Command = {
  name: 'workspace show',
  summary: 'Show a workspace (default: the one in use) with its metadata and computes',
  options: { ...COMMON_OPTIONS, name: { type: 'string', short: 'n', description: 'the workspace (default: the one in use)' } },
  positional: '[name]',
  usage: 'lathe workspace show [--name N] [-o table|json|yaml|tsv]',
  async run(values, positionals, io) {
    const client = io.client();
    const workspace = await client.getWorkspace((values.name as string | undefined) ?? positionals[0] ?? client.workspace);
    const output = parseOutput(values);
    io.out(render(output, workspace, [workspace], COLUMNS));
    if (isTable(output) && workspace.description) io.out(`\n${workspace.description}\n`);
    return 0;
  },
};
