import type { ParseArgsConfig } from 'node:util';
import type { LatheClient, TrackingClient } from '@lathe/sdk';

/** Where a command writes, and the client it talks through. */
export interface CommandIo {
  out: (text: string) => void;
  err: (text: string) => void;
  client: () => LatheClient;
  /** The MLflow tracking API of the same server and workspace. */
  tracking: () => TrackingClient;
}

/**
 * One flag: its `node:util` parseArgs definition and the line `--help` prints for it. A
 * `multiple` string flag also takes the words after it, as `az` does: `--set a=1 b=2`.
 */
export type OptionSpec = NonNullable<ParseArgsConfig['options']>[string] & { description: string };

/** Parsed options: strings, booleans and repeated strings. */
export type OptionValues = Record<string, string | boolean | string[] | undefined>;

/** One `lathe <group> <verb>` command. */
export interface Command {
  /** `job create`. */
  name: string;
  summary: string;
  /** Flags by long name. */
  options: Record<string, OptionSpec>;
  /**
   * The one positional argument the command takes (`<job>`), as `--help` names it; without it,
   * any positional argument is a usage error.
   */
  positional?: string;
  /** Text after the options table in `--help`. */
  usage: string;
  /** Resolves to the exit code. */
  run(values: OptionValues, positionals: string[], io: CommandIo): Promise<number>;
}

/** Options every command takes. */
export const COMMON_OPTIONS = {
  output: { type: 'string', short: 'o', description: 'output format: table (default), json, yaml or tsv' },
  query: { type: 'string', description: "JMESPath query applied to the JSON result before it is printed, as az's --query" },
  workspace: { type: 'string', short: 'w', description: 'workspace to use (default: LATHE_WORKSPACE, else default)' },
  help: { type: 'boolean', short: 'h', description: 'print this help' },
} as const satisfies Record<string, OptionSpec>;

/** The job name from `--name`/`-n` or the first positional; throws a usage error when absent. */
export function jobName(values: OptionValues, positionals: string[]): string {
  const name = (values.name as string | undefined) ?? positionals[0];
  if (!name) throw new UsageError('a job name is required: --name <job>');
  return name;
}

/** The run id from `--name`/`-n` or the first positional; throws a usage error when absent. */
export function runId(values: OptionValues, positionals: string[]): string {
  const name = (values.name as string | undefined) ?? positionals[0];
  if (!name) throw new UsageError('a run id (for a job, its name) is required: --name <run>');
  return name;
}

/**
 * A mistake in how a command was called: exit code 2, printed with the command's usage line
 * unless `usage` is false (a message that already says what to type).
 */
export class UsageError extends Error {
  override readonly name = 'UsageError';
  readonly usage: boolean;
  constructor(message: string, options: { usage?: boolean } = {}) {
    super(message);
    this.usage = options.usage ?? true;
  }
}
