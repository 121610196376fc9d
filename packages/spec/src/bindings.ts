import { LatheError } from '@lathe/core';

/**
 * Binding expressions in a command, as Azure ML writes them: `${{inputs.x}}`, `${{outputs.y}}`,
 * and optional sections `$[[ --flag ${{inputs.x}} ]]` that vanish when an input inside is absent.
 */

/** One `${{root.name}}` occurrence. */
export interface Binding {
  /** `inputs`, `outputs`, or another root such as `search_space`. */
  root: string;
  name: string;
  /** The exact text, `${{inputs.x}}`. */
  text: string;
  /** Character offset in the command. */
  offset: number;
  /** True inside a `$[[ ... ]]` section. */
  optional: boolean;
}

/** A problem with the bindings of a command, at a character offset. */
export interface BindingProblem {
  offset: number;
  message: string;
  expected: string;
}

/** What a command may refer to. */
export interface BindingScope {
  inputs: ReadonlySet<string>;
  outputs: ReadonlySet<string>;
  /** Further roots allowed with any name (a sweep trial allows `search_space`). */
  extraRoots?: ReadonlySet<string>;
  /** What declares the inputs and outputs, for messages: `job` (the default) or `component`. */
  owner?: string;
}

const BINDING = /\$\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\.([A-Za-z_][A-Za-z0-9_.]*)\s*\}\}/g;
const SECTION = /\$\[\[([\s\S]*?)\]\]/g;

/** Every binding in `command`, in order. */
export function findBindings(command: string): Binding[] {
  const sections = [...command.matchAll(SECTION)].map((m) => [m.index, m.index + m[0].length] as const);
  return [...command.matchAll(BINDING)].map((m) => ({
    root: m[1] as string,
    name: m[2] as string,
    text: m[0],
    offset: m.index,
    optional: sections.some(([start, end]) => m.index > start && m.index < end),
  }));
}

/** Problems with the bindings of `command` in `scope`; empty when every binding resolves. */
export function checkBindings(command: string, scope: BindingScope): BindingProblem[] {
  const problems: BindingProblem[] = [];
  for (const stray of findUnclosed(command)) problems.push(stray);
  for (const stray of findUnclosedSections(command)) problems.push(stray);
  for (const b of findBindings(command)) {
    const problem = checkOne(b, scope);
    if (problem) problems.push(problem);
  }
  return problems;
}

function checkOne(b: Binding, scope: BindingScope): BindingProblem | undefined {
  if (b.root === 'inputs') {
    if (scope.inputs.has(b.name) || b.optional) return undefined;
    return {
      offset: b.offset,
      message: `${b.text} refers to input '${b.name}', which the ${scope.owner ?? 'job'} does not define`,
      expected: scope.inputs.size > 0 ? `one of the inputs: ${[...scope.inputs].join(', ')}` : 'an input declared under inputs:',
    };
  }
  if (b.root === 'outputs') {
    if (scope.outputs.has(b.name)) return undefined;
    return {
      offset: b.offset,
      message: `${b.text} refers to output '${b.name}', which the ${scope.owner ?? 'job'} does not define`,
      expected: scope.outputs.size > 0 ? `one of the outputs: ${[...scope.outputs].join(', ')}` : 'an output declared under outputs:',
    };
  }
  if (scope.extraRoots?.has(b.root)) return undefined;
  const roots = ['inputs', 'outputs', ...(scope.extraRoots ?? [])];
  return { offset: b.offset, message: `${b.text} uses '${b.root}', which is not available here`, expected: `a binding to ${roots.join(' or ')}` };
}

function findUnclosed(command: string): BindingProblem[] {
  const problems: BindingProblem[] = [];
  const opened = /\$\{\{/g;
  for (const m of command.matchAll(opened)) {
    const rest = command.slice(m.index);
    const whole = /^\$\{\{\s*[A-Za-z_][A-Za-z0-9_]*\.[A-Za-z_][A-Za-z0-9_.]*\s*\}\}/.test(rest);
    if (!whole) {
      problems.push({ offset: m.index, message: `malformed binding ${rest.split(/\s/)[0]}`, expected: '${{inputs.<name>}} or ${{outputs.<name>}}' });
    }
  }
  return problems;
}

// An opener left after removing every closed section would be copied into the command as text.
function findUnclosedSections(command: string): BindingProblem[] {
  const rest = command.replace(SECTION, (whole) => ' '.repeat(whole.length));
  return [...rest.matchAll(/\$\[\[/g)].map((m) => ({
    offset: m.index,
    message: 'optional section $[[ is never closed with ]]',
    expected: '$[[ ... ]] around an optional part of the command',
  }));
}

/** Values to substitute. An input that is `undefined` is absent. */
export interface RenderContext {
  inputs: Readonly<Record<string, string | number | boolean | undefined>>;
  outputs: Readonly<Record<string, string>>;
  /** Values for extra roots, keyed `root.name`. */
  extra?: Readonly<Record<string, string | number | boolean>>;
}

/**
 * Substitutes bindings. Optional sections whose inputs are all present keep their text (without
 * the brackets); a section with an absent input vanishes. Throws `LATHE_INVALID_SPEC` for a
 * required binding with no value.
 */
export function renderCommand(command: string, context: RenderContext): string {
  const withSections = command.replace(SECTION, (_whole, body: string) => {
    const absent = findBindings(body).some((b) => lookup(b, context) === undefined);
    return absent ? '' : body;
  });
  return withSections.replace(BINDING, (text, root: string, name: string) => {
    const value = lookup({ root, name }, context);
    if (value === undefined) {
      throw new LatheError('LATHE_INVALID_SPEC', `${text} has no value`, { details: { binding: text } });
    }
    return String(value);
  });
}

function lookup(b: Pick<Binding, 'root' | 'name'>, context: RenderContext): string | number | boolean | undefined {
  if (b.root === 'inputs') return context.inputs[b.name];
  if (b.root === 'outputs') return context.outputs[b.name];
  return context.extra?.[`${b.root}.${b.name}`];
}
