import { COMMON_OPTIONS, type Command } from './command.js';

/**
 * `lathe <group> <verb> --help`: the summary, the usage line and one line per flag, the
 * command's own before those every command takes.
 */
export function commandHelp(command: Command): string {
  const entries = Object.entries(command.options);
  const common = (name: string) => Object.hasOwn(COMMON_OPTIONS, name);
  const ordered = [...entries.filter(([name]) => !common(name)), ...entries.filter(([name]) => common(name))];
  const flags = ordered.map(([name, spec]) => {
    const short = spec.short ? `-${spec.short}, ` : '    ';
    const value = spec.type === 'string' ? (spec.multiple ? ' <value>...' : ' <value>') : '';
    return [`${short}--${name}${value}`, spec.description];
  });
  const width = Math.max(...flags.map(([flag]) => (flag ?? '').length));
  const lines = flags.map(([flag, description]) => `  ${(flag ?? '').padEnd(width)}  ${description}`);
  const positional = command.positional ? `\nArgument:\n  ${command.positional}  the same as --name\n` : '';
  return `${command.summary}\n\nUsage: ${command.usage}\n${positional}\nFlags:\n${lines.join('\n')}\n`;
}

/** `lathe <group> --help`: the group's verbs with their summaries. */
export function groupHelp(group: string, commands: readonly Command[]): string {
  return `Commands of lathe ${group}:\n${commandTable(commands.filter((c) => groupOf(c) === group))}\n\nAdd --help to a command for its flags.\n`;
}

/** `  lathe job create  Submit a job…`, one line per command, aligned. */
export function commandTable(commands: readonly Command[]): string {
  const width = Math.max(...commands.map((c) => c.name.length));
  return commands.map((c) => `  lathe ${c.name.padEnd(width)}  ${c.summary}`).join('\n');
}

/** The group of `job create`: `job`. */
export function groupOf(command: Command): string {
  return command.name.split(' ')[0] ?? '';
}
