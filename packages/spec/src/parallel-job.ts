import { checkBindings } from './bindings.js';
import { withEmptyOutputsDeclared } from './command-job.js';
import { ParallelJobSchema, type ParallelJobSpec } from './schema/parallel-job-schema.js';
import { checkDocument, parseSpecText, readSpecFile, validateSpecValue, type LoadedSpec, type ParseSpecOptions, type SpecKind } from './spec-loader.js';
import type { FieldPath, Issue } from './validate/issue.js';

const INPUT = /^\$\{\{\s*inputs\.([A-Za-z_][A-Za-z0-9_]*)\s*\}\}$/;
const OUTPUT = /^\$\{\{\s*outputs\.([A-Za-z_][A-Za-z0-9_]*)\s*\}\}$/;

/** @internal */
export const PARALLEL_JOB: SpecKind = {
  check(raw) {
    return checkDocument<ParallelJobSpec>(ParallelJobSchema, withEmptyOutputsDeclared(raw), parallelIssues);
  },
};

/**
 * Parses and validates parallel-job YAML text: `input_data` must be `${{inputs.<name>}}` of a
 * declared data input, `task.append_row_to` `${{outputs.<name>}}` of a declared output, and the
 * program arguments' bindings must name declared ports. Throws `LATHE_INVALID_SPEC` naming
 * file:line:column and the field for every problem.
 */
export function parseParallelJob(text: string, options: ParseSpecOptions): LoadedSpec<ParallelJobSpec> {
  return parseSpecText(PARALLEL_JOB, text, options);
}

/** Reads and validates a parallel-job YAML file; see {@link parseParallelJob}. */
export async function loadParallelJobFile(file: string, set: readonly string[] = []): Promise<LoadedSpec<ParallelJobSpec>> {
  return parseParallelJob(await readSpecFile(file), { file, set });
}

/** Validates a parallel job given as data (a REST body, a pipeline's step). */
export function validateParallelJob(value: unknown, source = 'request body'): { spec: ParallelJobSpec; warnings: string[] } {
  return validateSpecValue(PARALLEL_JOB, value, source);
}

/** The input a parallel job splits into mini-batches (`input_data: ${{inputs.<name>}}`). */
export function parallelInputName(spec: Pick<ParallelJobSpec, 'input_data'>): string | undefined {
  return INPUT.exec(spec.input_data)?.[1];
}

/** The output `task.append_row_to` names, if any. */
export function appendRowOutput(spec: Pick<ParallelJobSpec, 'task'>): string | undefined {
  return spec.task.append_row_to === undefined ? undefined : OUTPUT.exec(spec.task.append_row_to)?.[1];
}

function parallelIssues(spec: ParallelJobSpec): Issue[] {
  const issues: Issue[] = [];
  const error = (path: FieldPath, message: string, expected: string): Issue => ({ severity: 'error', path, at: 'value', message, expected });
  const inputs = spec.inputs ?? {};
  const outputs = Object.keys(spec.outputs ?? {});
  const dataInputs = Object.keys(inputs).filter((name) => typeof inputs[name] === 'object');
  const input = parallelInputName(spec);
  if (input === undefined) {
    issues.push(error(['input_data'], `'${spec.input_data}' is not a binding to an input`, '${{inputs.<name>}} of a data input'));
  } else if (!dataInputs.includes(input)) {
    issues.push(
      error(
        ['input_data'],
        `${spec.input_data} names '${input}', which is not a data input of this job`,
        dataInputs.length > 0 ? `one of: ${dataInputs.join(', ')}` : 'a data input declared under inputs:',
      ),
    );
  }
  const appendTo = spec.task.append_row_to;
  if (appendTo !== undefined) {
    const output = appendRowOutput(spec);
    if (output === undefined || !outputs.includes(output)) {
      issues.push(
        error(
          ['task', 'append_row_to'],
          `'${appendTo}' is not a binding to an output of this job`,
          outputs.length > 0 ? `\${{outputs.<name>}}, one of: ${outputs.join(', ')}` : '${{outputs.<name>}} of an output declared under outputs:',
        ),
      );
    }
    if (spec.output_action === 'summary_only') issues.push(error(['task', 'append_row_to'], 'output_action summary_only appends no rows', 'no append_row_to, or output_action: append_row'));
  }
  if (spec.task.program_arguments !== undefined) {
    const scope = { inputs: new Set(Object.keys(inputs)), outputs: new Set(outputs), owner: 'parallel job' };
    for (const p of checkBindings(spec.task.program_arguments, scope)) {
      issues.push({ severity: 'error', path: ['task', 'program_arguments'], at: 'value', message: p.message, expected: p.expected, offsetInValue: p.offset });
    }
  }
  return issues;
}
