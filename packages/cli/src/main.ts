import { readFileSync } from 'node:fs';
import { LatheError } from '@lathe/core';
// The clients' own entry points: the SDK's index also loads the spec and schema libraries.
import { LatheClient } from '@lathe/sdk/client';
import { TrackingClient } from '@lathe/sdk/tracking';
import { UsageError, type Command, type CommandIo, type OptionValues } from './command.js';
import { jobArchive, jobRestore } from './commands/job-archive.js';
import { jobCancel } from './commands/job-cancel.js';
import { jobCreate } from './commands/job-create.js';
import { jobDownload } from './commands/job-download.js';
import { jobKinds } from './commands/job-kinds.js';
import { jobList } from './commands/job-list.js';
import { jobShow } from './commands/job-show.js';
import { jobStream } from './commands/job-stream.js';
import { experimentList } from './commands/experiment-list.js';
import { experimentShow } from './commands/experiment-show.js';
import { runList } from './commands/run-list.js';
import { runMetrics } from './commands/run-metrics.js';
import { runShow } from './commands/run-show.js';
import { assetCommands } from './commands/asset-commands.js';
import { serverStart } from './commands/server-start.js';
import { computeCreate, computeDelete, computeList, computeShow } from './commands/compute-commands.js';
import { scheduleCreate, scheduleDelete, scheduleDisable, scheduleEnable, scheduleList, scheduleShow } from './commands/schedule-commands.js';
import { sdkEnv, spCreate, spDelete, spList } from './commands/sdk-commands.js';
import { workspaceCreate, workspaceList, workspaceShow } from './commands/workspace-commands.js';
import { closest } from './closest.js';
import { commandHelp, commandTable, groupHelp, groupOf } from './help-text.js';
import { parseCommandLine } from './parse-command-line.js';

/** Every command, in `--help` order. */
export const COMMANDS: readonly Command[] = [
  serverStart,
  jobCreate,
  jobShow,
  jobList,
  jobKinds,
  jobStream,
  jobCancel,
  jobArchive,
  jobRestore,
  jobDownload,
  runList,
  runShow,
  runMetrics,
  experimentList,
  experimentShow,
  ...assetCommands('data'),
  ...assetCommands('model'),
  ...assetCommands('environment'),
  ...assetCommands('component'),
  ...assetCommands('datastore'),
  computeCreate,
  computeList,
  computeShow,
  computeDelete,
  scheduleCreate,
  scheduleList,
  scheduleShow,
  scheduleEnable,
  scheduleDisable,
  scheduleDelete,
  workspaceCreate,
  workspaceList,
  workspaceShow,
  spCreate,
  spList,
  spDelete,
  sdkEnv,
];

const VERSION = (JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string }).version;

/**
 * `lathe <group> <verb> [options]`. Returns the exit code: 0 on success, 2 for usage and spec
 * errors, and each error code's own exit code otherwise (see docs/reference/errors.md).
 */
export async function main(argv: string[], io: Partial<CommandIo> = {}): Promise<number> {
  const out = io.out ?? ((t: string) => void process.stdout.write(t));
  const err = io.err ?? ((t: string) => void process.stderr.write(t));
  if (argv[0] === '--version' || argv[0] === 'version') {
    out(`lathe ${VERSION}\n`);
    return 0;
  }
  const command = COMMANDS.find((c) => c.name === argv.slice(0, 2).join(' '));
  if (!command) return noCommand(argv, out, err);
  try {
    const { values, positionals } = parseCommandLine(command, argv.slice(2));
    if (values.help) {
      out(commandHelp(command));
      return 0;
    }
    const workspace = values.workspace as string | undefined;
    const client = () => io.client?.() ?? new LatheClient(workspace ? { workspace } : {});
    const tracking = () => {
      const { url, workspace: ws } = client();
      return new TrackingClient(url, ws, process.env.LATHE_TOKEN ? { token: process.env.LATHE_TOKEN } : {});
    };
    return await command.run(values as OptionValues, positionals, { out, err, client, tracking });
  } catch (error) {
    return report(error, command, err);
  }
}

function report(error: unknown, command: Command, err: (t: string) => void): number {
  if (error instanceof LatheError) {
    err(`Error: ${error.message}\n`);
    return error.exitCode;
  }
  const code = (error as { code?: string }).code ?? '';
  if (error instanceof UsageError || code.startsWith('ERR_PARSE_ARGS')) {
    const usage = error instanceof UsageError && !error.usage ? '' : `Usage: ${command.usage}\n`;
    err(`Error: ${(error as Error).message}\n${usage}`);
    return 2;
  }
  err(`Error: ${(error as Error).stack ?? String(error)}\n`);
  return 1;
}

const HELP_WORDS = ['--help', '-h', 'help'];

/**
 * `lathe`, `lathe --help`, `lathe <group> [--help]` print help (exit 0); an unknown group or
 * verb is an error naming the closest known one (exit 2).
 */
function noCommand(argv: string[], out: (t: string) => void, err: (t: string) => void): number {
  const [group, verb] = argv;
  const groups = [...new Set(COMMANDS.map(groupOf))];
  if (group === undefined || HELP_WORDS.includes(group)) {
    out(overview());
    return 0;
  }
  if (!groups.includes(group)) {
    err(`Error: unknown command group '${group}'; did you mean lathe ${closest(group, groups)}?\n\n${overview()}`);
    return 2;
  }
  if (verb === undefined || HELP_WORDS.includes(verb)) {
    out(groupHelp(group, COMMANDS));
    return 0;
  }
  const verbs = COMMANDS.filter((c) => groupOf(c) === group).map((c) => c.name.split(' ')[1] ?? '');
  err(`Error: unknown command 'lathe ${group} ${verb}'; did you mean lathe ${group} ${closest(verb, verbs)}?\n\n${groupHelp(group, COMMANDS)}`);
  return 2;
}

function overview(): string {
  return `Lathe ${VERSION}: Azure ML v2 jobs on your own machines.\n\nCommands:\n${commandTable(COMMANDS)}\n\nServer URL: LATHE_URL (default http://127.0.0.1:5252, or the port LATHE_PORT names). Add --help to a group (lathe job --help) or a command for more.\n`;
}
