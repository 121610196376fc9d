import { bindingIssues } from './binding-issues.js';
import { componentInputIssues, optionalBindingWarnings } from './component-input-checks.js';
import { processLimitIssues } from './process-limit-issues.js';
import { CommandComponentSchema, type CommandComponentSpec } from './schema/command-component-schema.js';
import { checkDocument, parseSpecText, readSpecFile, unsupportedType, validateSpecValue, type LoadedSpec, type ParseSpecOptions, type SpecKind } from './spec-loader.js';
import type { Issue } from './validate/issue.js';

/** @internal */
export const COMMAND_COMPONENT: SpecKind = {
  check(raw) {
    const wrongType = unsupportedType(raw, 'command', 'components');
    if (wrongType) return { spec: raw, issues: [wrongType] };
    return checkDocument<CommandComponentSpec>(CommandComponentSchema, raw, componentIssues);
  },
  textFields: [['version']],
};

/**
 * Parses and validates command-component YAML text (`az ml component create --file`). The
 * `command`'s `${{inputs.x}}` and `${{outputs.y}}` must name declared inputs and outputs, as in a
 * command job; input defaults must fit their type, `min`/`max` and `enum`. Throws
 * `LATHE_INVALID_SPEC` naming file:line:column, the field and what was expected for every problem.
 *
 * @example
 * const { spec } = await loadCommandComponentFile('components/train.yml');
 * spec.inputs?.learning_rate?.default; // 0.01
 */
export function parseCommandComponent(text: string, options: ParseSpecOptions): LoadedSpec<CommandComponentSpec> {
  return parseSpecText(COMMAND_COMPONENT, text, options);
}

/** Reads and validates a command-component YAML file; see {@link parseCommandComponent}. */
export async function loadCommandComponentFile(file: string, set: readonly string[] = []): Promise<LoadedSpec<CommandComponentSpec>> {
  return parseCommandComponent(await readSpecFile(file), { file, set });
}

/** Validates a command component given as data (a REST body); errors name the field path under `source`. */
export function validateCommandComponent(value: unknown, source = 'request body'): { spec: CommandComponentSpec; warnings: string[] } {
  return validateSpecValue(COMMAND_COMPONENT, value, source);
}

/** What is wrong with a command component given as data (a job's inline `component`), as issues under it. @internal */
export function commandComponentIssues(value: unknown): Issue[] {
  return COMMAND_COMPONENT.check(value).issues;
}

function componentIssues(spec: CommandComponentSpec): Issue[] {
  const inputs = spec.inputs && typeof spec.inputs === 'object' ? spec.inputs : undefined;
  const command = typeof spec.command === 'string' ? spec.command : undefined;
  return [
    ...(command !== undefined ? bindingIssues({ ...spec, command }, 'component') : []),
    ...(command !== undefined ? optionalBindingWarnings(command, inputs) : []),
    ...componentInputIssues(inputs),
    ...processLimitIssues({ command: spec.command, display_name: spec.display_name }),
  ];
}
