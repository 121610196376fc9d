import { bindingIssues } from './binding-issues.js';
import { componentReferenceIssues } from './component-reference.js';
import { processLimitIssues } from './process-limit-issues.js';
import { CommandJobSchema, type CommandJobSpec } from './schema/command-job-schema.js';
import { checkDocument, parseSpecText, readSpecFile, unsupportedType, validateSpecValue, type LoadedSpec, type ParseSpecOptions, type SpecKind } from './spec-loader.js';
import type { Issue } from './validate/issue.js';

/** A command job read from YAML: the normalised spec and what deserves a warning. */
export type LoadedCommandJob = LoadedSpec<CommandJobSpec>;

/** Options for reading a command job. */
export type ParseCommandJobOptions = ParseSpecOptions;

/** The command job kind, for kinds that hold a job (a schedule's `create_job`). @internal */
export const COMMAND_JOB: SpecKind = {
  check(raw) {
    const wrongType = unsupportedType(raw, 'command', 'jobs');
    if (wrongType) return { spec: raw, issues: [wrongType] };
    // Bindings are checked even when other fields are wrong, so one run reports every problem.
    return checkDocument<CommandJobSpec>(CommandJobSchema, withEmptyOutputsDeclared(raw), (spec) => [
      ...(typeof spec.command === 'string' ? bindingIssues({ ...spec, command: spec.command }) : []),
      ...componentIssues(spec),
      ...processLimitIssues(spec),
      ...notAppliedWarnings(spec),
    ]);
  },
};

/**
 * Parses and validates command-job YAML text. Throws `LATHE_INVALID_SPEC` whose message names
 * file:line:column, the field and what was expected for every problem found, and whose
 * `details.errors` lists them as {@link SpecFinding}s.
 */
export function parseCommandJob(text: string, options: ParseCommandJobOptions): LoadedCommandJob {
  return parseSpecText(COMMAND_JOB, text, options);
}

/** Reads and validates a command-job YAML file; see {@link parseCommandJob}. */
export async function loadCommandJobFile(file: string, set: readonly string[] = []): Promise<LoadedCommandJob> {
  return parseCommandJob(await readSpecFile(file), { file, set });
}

/**
 * Validates a command job given as data (a REST body). Errors name the field path under
 * `source`; warnings are returned as lines.
 */
export function validateCommandJob(value: unknown, source = 'request body'): { spec: CommandJobSpec; warnings: string[] } {
  return validateSpecValue(COMMAND_JOB, value, source);
}

/**
 * An output named with no value (`outputs: {model: }`, as 28 of Azure's own examples write it)
 * is declared with every default: a `uri_folder` on the default datastore, as Azure ML reads it.
 * A copy; the document is not changed.
 */
export function withEmptyOutputsDeclared(raw: unknown): unknown {
  const outputs = (raw as { outputs?: unknown } | null)?.outputs;
  if (outputs === null || typeof outputs !== 'object' || Array.isArray(outputs)) return raw;
  if (!Object.values(outputs).some((value) => value === null)) return raw;
  const declared = Object.fromEntries(Object.entries(outputs).map(([name, value]) => [name, value ?? {}]));
  return { ...(raw as object), outputs: declared };
}

const COMMAND_EXPECTED = "a string (or 'component: azureml:<name>:<version>', which brings one)";

/**
 * A job runs either its own `command` or a component's (registered, or inline and itself a valid
 * command component): one of the two, and a component brings its `code` with it.
 */
function componentIssues(spec: CommandJobSpec): Issue[] {
  const error = (path: string[], message: string, expected: string): Issue => ({ severity: 'error', path, at: 'key', message, expected });
  if (spec.component === undefined) {
    if (spec.command !== undefined) return [];
    return [{ severity: 'error', path: ['command'], at: 'container', message: "required field 'command' is missing", expected: COMMAND_EXPECTED }];
  }
  const issues: Issue[] = [];
  issues.push(...componentReferenceIssues(spec.component, ['component']));
  if (spec.command !== undefined) issues.push(error(['command'], "a job with a component runs the component's command", "either 'command' or 'component', not both"));
  if (spec.code !== undefined) issues.push(error(['code'], "a job with a component runs the component's code", "no 'code' beside 'component'"));
  return issues;
}

function notAppliedWarnings(spec: CommandJobSpec): Issue[] {
  const warn = (path: string[], message: string): Issue => ({ severity: 'warning', path, at: 'key', message });
  const out: Issue[] = [];
  if (spec.identity) out.push(warn(['identity'], 'accepted but not applied: jobs run as the user that runs the server'));
  if (spec.services) out.push(warn(['services'], 'accepted but not started: interactive services are not available yet'));
  return out;
}
