import { COMMAND_COMPONENT } from './command-component.js';
import { PIPELINE_COMPONENT } from './pipeline-component.js';
import type { CommandComponentSpec } from './schema/command-component-schema.js';
import type { PipelineComponentSpec } from './schema/pipeline-component-schema.js';
import { parseSpecText, readSpecFile, validateSpecValue, type LoadedSpec, type ParseSpecOptions, type SpecKind } from './spec-loader.js';

/** A component: a command step, or a pipeline of steps (`type: pipeline`). */
export type ComponentSpec = CommandComponentSpec | PipelineComponentSpec;

const KINDS: Record<string, SpecKind> = { command: COMMAND_COMPONENT, pipeline: PIPELINE_COMPONENT };

// `type` picks the kind (a command component when absent, as Azure reads it); any other is refused.
const COMPONENT: SpecKind = {
  check(raw) {
    const type = (raw as { type?: unknown } | null)?.type;
    const kind = type === undefined ? COMMAND_COMPONENT : typeof type === 'string' ? KINDS[type.toLowerCase()] : undefined;
    if (kind !== undefined) return kind.check(typeof type === 'string' ? { ...(raw as object), type: type.toLowerCase() } : raw);
    return {
      spec: raw,
      issues: [{ severity: 'error', path: ['type'], at: 'value', message: `'${String(type)}' components are not supported yet; command and pipeline components are`, expected: 'command or pipeline' }],
    };
  },
  textFields: [['version']],
};

/**
 * Parses and validates component YAML text (`az ml component create --file`): a command
 * component, or a pipeline component (`type: pipeline`). Throws `LATHE_INVALID_SPEC` naming
 * file:line:column, the field and what was expected for every problem.
 */
export function parseComponent(text: string, options: ParseSpecOptions): LoadedSpec<ComponentSpec> {
  return parseSpecText(COMPONENT, text, options);
}

/** Reads and validates a component YAML file; see {@link parseComponent}. */
export async function loadComponentFile(file: string, set: readonly string[] = []): Promise<LoadedSpec<ComponentSpec>> {
  return parseComponent(await readSpecFile(file), { file, set });
}

/** Validates a component given as data (a REST body, a step's inline component). */
export function validateComponent(value: unknown, source = 'request body'): { spec: ComponentSpec; warnings: string[] } {
  return validateSpecValue(COMPONENT, value, source);
}

/** True for a pipeline component. */
export function isPipelineComponent(spec: ComponentSpec): spec is PipelineComponentSpec {
  return spec.type === 'pipeline';
}
