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

/** Parsed options: strings, booleans and repeated strings. */
export type OptionValues = Record<string, string | boolean | string[] | undefined>;

/** One `lathe <group> <verb>` command. */
export interface Command {
  /** `job create`. */
  name: string;
  summary: string;
  /** Option definitions for `node:util` parseArgs. */
  options: NonNullable<ParseArgsConfig['options']>;
  /** Text after the options table in `--help`. */
  usage: string;
  /** Resolves to the exit code. */
  run(values: OptionValues, positionals: string[], io: CommandIo): Promise<number>;
}

/** Options every command takes. */
export const COMMON_OPTIONS = {
  output: { type: 'string', short: 'o' },
  workspace: { type: 'string', short: 'w' },
  help: { type: 'boolean', short: 'h' },
} as const;

/** The job name from `--name`/`-n` or the first positional; throws a usage error when absent. */
export function jobName(values: OptionValues, positionals: string[]): string {
  const name = (values.name as string | undefined) ?? positionals[0];
  if (!name) throw new UsageError('a job name is required: --name <job>');
  return name;
}

/** The run id from `--name`/`-n` or the first positional; throws a usage error when absent. */
export function runId(values: OptionValues, positionals: string[]): string {
  const name = (values.name as string | undefined) ?? positionals[0];
  if (!name) throw new UsageError('a run id (job name) is required: lathe run metrics <run>');
  return name;
}

/** A mistake in how a command was called: printed with a hint, exit code 2. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}
