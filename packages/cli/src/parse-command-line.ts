import { parseArgs } from 'node:util';
import { closest } from './closest.js';
import { UsageError, type Command, type OptionValues } from './command.js';

/** A command's parsed flags and its positional argument, if any. */
export interface CommandLine {
  values: OptionValues;
  positionals: string[];
}

/**
 * Parses the arguments after `lathe <group> <verb>`. As `az` does, the words after a repeatable
 * string flag belong to it (`--set a=1 b=2` is `--set a=1 --set b=2`) until the next flag or
 * `--`. Throws a one-line usage error for an unknown flag (naming the closest valid one), for a
 * flag missing its value, and for any positional argument the command does not take.
 */
export function parseCommandLine(command: Command, args: string[]): CommandLine {
  rejectUnknownFlags(command, args);
  const { values, tokens } = parseArgs({ args, options: command.options, allowPositionals: true, strict: true, tokens: true });
  const positionals: string[] = [];
  let greedy: string | undefined;
  // Repeatable flags are rebuilt from the tokens so that their words keep command-line order.
  const repeated = (name: string) => command.options[name]?.type === 'string' && command.options[name]?.multiple === true;
  for (const name of Object.keys(values)) if (repeated(name)) values[name] = [];
  for (const token of tokens) {
    if (token.kind === 'option') {
      greedy = repeated(token.name) ? token.name : undefined;
      if (greedy !== undefined) (values[greedy] as string[]).push(token.value as string);
    } else if (token.kind === 'option-terminator') {
      greedy = undefined;
    } else if (greedy !== undefined) {
      (values[greedy] as string[]).push(token.value);
    } else {
      positionals.push(token.value);
    }
  }
  const allowed = command.positional === undefined ? 0 : 1;
  const stray = positionals[allowed];
  if (stray !== undefined) {
    throw new UsageError(`unexpected argument '${stray}'${allowed === 0 ? `: lathe ${command.name} takes only flags` : ''}`);
  }
  return { values: values as OptionValues, positionals };
}

/** Throws for the first flag the command does not define, naming the closest one it does. */
function rejectUnknownFlags(command: Command, args: string[]): void {
  const { tokens } = parseArgs({ args, options: command.options, allowPositionals: true, strict: false, tokens: true });
  for (const token of tokens) {
    // parseArgs names a known short flag (-n) by its long name, an unknown one by its letter.
    if (token.kind !== 'option' || Object.hasOwn(command.options, token.name)) continue;
    const suggestion = closest(token.rawName.replace(/^-+/, ''), Object.keys(command.options));
    throw new UsageError(`unknown flag ${token.rawName} for lathe ${command.name}${suggestion ? `; did you mean --${suggestion}?` : ''}`, { usage: false });
  }
}
