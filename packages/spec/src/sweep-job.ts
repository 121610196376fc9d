import { LatheError } from '@lathe/core';
import { parseEarlyTermination, parseSamplingAlgorithm, parseSearchSpace, validateSamplingAlgorithm } from '@lathe/controllers';
import { checkBindings, findBindings } from './bindings.js';
import { componentReferenceIssues } from './component-reference.js';
import { withEmptyOutputsDeclared } from './command-job.js';
import { SweepJobSchema, type SweepJobSpec } from './schema/sweep-job-schema.js';
import { checkDocument, parseSpecText, readSpecFile, validateSpecValue, type LoadedSpec, type ParseSpecOptions, type SpecKind } from './spec-loader.js';
import type { FieldPath, Issue } from './validate/issue.js';

/** A sweep job read from YAML: the normalised spec and what deserves a warning. */
export type LoadedSweepJob = LoadedSpec<SweepJobSpec>;

const SEARCH_SPACE = new Set(['search_space']);

/** The sweep job kind, for kinds that hold a job. @internal */
export const SWEEP_JOB: SpecKind = {
  check(raw) {
    return checkDocument<SweepJobSpec>(SweepJobSchema, withTrialComponent(withEmptyOutputsDeclared(raw)), (spec) => [
      ...trialCommandIssues(spec),
      ...trialComponentIssues(spec),
      ...sweepSettingIssues(spec),
      ...notAppliedWarnings(spec),
    ]);
  },
};

/**
 * Parses and validates sweep-job YAML text. Throws `LATHE_INVALID_SPEC` naming file:line:column,
 * the field and what was expected for every problem found.
 */
export function parseSweepJob(text: string, options: ParseSpecOptions): LoadedSweepJob {
  return parseSpecText(SWEEP_JOB, text, options);
}

/** Reads and validates a sweep-job YAML file; see {@link parseSweepJob}. */
export async function loadSweepJobFile(file: string, set: readonly string[] = []): Promise<LoadedSweepJob> {
  return parseSweepJob(await readSpecFile(file), { file, set });
}

/** Validates a sweep job given as data (a REST body); errors name the field path under `source`. */
export function validateSweepJob(value: unknown, source = 'request body'): { spec: SweepJobSpec; warnings: string[] } {
  return validateSpecValue(SWEEP_JOB, value, source);
}

// `trial: ./train.yml` (or `azureml:train:1`), as a pipeline's sweep step writes it, is the
// component the trial runs.
function withTrialComponent(raw: unknown): unknown {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) return raw;
  const doc = raw as Record<string, unknown>;
  return typeof doc.trial === 'string' ? { ...doc, trial: { component: doc.trial } } : raw;
}

// A trial runs its own command or a component's: one of the two; a component brings its code.
function trialComponentIssues(spec: SweepJobSpec): Issue[] {
  const trial = spec.trial;
  if (trial === undefined || trial === null || typeof trial !== 'object') return [];
  const error = (path: FieldPath, message: string, expected: string, at: Issue['at'] = 'key'): Issue => ({ severity: 'error', path, at, message, expected });
  if (trial.component === undefined) {
    return trial.command === undefined ? [error(['trial', 'command'], "the trial needs a 'command' or a 'component'", "'command' or 'component'", 'container')] : [];
  }
  const issues: Issue[] = [];
  if (trial.command !== undefined) issues.push(error(['trial', 'command'], "a trial with a component runs the component's command", "either 'command' or 'component', not both"));
  if (trial.code !== undefined) issues.push(error(['trial', 'code'], "a trial with a component runs the component's code", "no 'code' beside 'component'"));
  issues.push(...componentReferenceIssues(trial.component, ['trial', 'component']));
  return issues;
}

// The trial command may use the sweep's inputs and outputs and `${{search_space.<name>}}` of a
// parameter the search space defines (`search_space.<name>.<key>` reaches into a sub-space).
function trialCommandIssues(spec: SweepJobSpec): Issue[] {
  if (typeof spec.trial?.command !== 'string') return [];
  const keys = (group: unknown) => new Set(group && typeof group === 'object' ? Object.keys(group) : []);
  const scope = { inputs: keys(spec.inputs), outputs: keys(spec.outputs), extraRoots: SEARCH_SPACE, owner: 'sweep' };
  const issue = (offset: number, message: string, expected: string): Issue => ({ severity: 'error', path: ['trial', 'command'], at: 'value', message, expected, offsetInValue: offset });
  const issues = checkBindings(spec.trial.command, scope).map((p) => issue(p.offset, p.message, p.expected));
  const parameters = keys(spec.search_space);
  for (const b of findBindings(spec.trial.command)) {
    const name = b.name.split('.')[0] as string;
    if (b.root !== 'search_space' || parameters.has(name)) continue;
    const expected = parameters.size > 0 ? `one of the parameters: ${[...parameters].join(', ')}` : 'a parameter declared under search_space:';
    issues.push(issue(b.offset, `${b.text} refers to parameter '${name}', which search_space does not define`, expected));
  }
  return issues;
}

// What the sweep parsers find, each placed at the field it names. Each parser stops at its first
// problem; the three run independently so one run reports a problem in each.
function sweepSettingIssues(spec: SweepJobSpec): Issue[] {
  const issues: Issue[] = [];
  const space = settingIssue(issues, () => parseSearchSpace(spec.search_space));
  const algorithm = settingIssue(issues, () => parseSamplingAlgorithm(spec.sampling_algorithm));
  if (space && algorithm) settingIssue(issues, () => validateSamplingAlgorithm(space, algorithm));
  if (spec.early_termination !== undefined) settingIssue(issues, () => parseEarlyTermination(spec.early_termination));
  const limits = spec.limits;
  if (limits?.max_concurrent_trials !== undefined && limits.max_concurrent_trials > limits.max_total_trials) {
    issues.push({
      severity: 'warning',
      path: ['limits', 'max_concurrent_trials'],
      at: 'value',
      message: `${limits.max_concurrent_trials} is more than max_total_trials (${limits.max_total_trials}); at most ${limits.max_total_trials} trials run at once`,
    });
  }
  return issues;
}

function settingIssue<T>(issues: Issue[], parse: () => T): T | undefined {
  try {
    return parse();
  } catch (error) {
    if (!(error instanceof LatheError) || error.code !== 'LATHE_INVALID_SPEC') throw error;
    const field = typeof error.details?.field === 'string' ? error.details.field : '';
    const prefix = `${field}: `;
    const message = error.message.startsWith(prefix) ? error.message.slice(prefix.length) : error.message;
    issues.push({ severity: 'error', path: fieldPathOf(field), at: 'value', message });
    return undefined;
  }
}

// `search_space.lr.values[0].units` → ['search_space', 'lr', 'values', 0, 'units'].
function fieldPathOf(field: string): FieldPath {
  const path: (string | number)[] = [];
  for (const m of field.matchAll(/([^.[\]]+)|\[(\d+)\]/g)) path.push(m[2] === undefined ? (m[1] as string) : Number(m[2]));
  return path;
}

function notAppliedWarnings(spec: SweepJobSpec): Issue[] {
  if (!spec.identity) return [];
  return [{ severity: 'warning', path: ['identity'], at: 'key', message: 'accepted but not applied: trials run as the user that runs the server' }];
}
