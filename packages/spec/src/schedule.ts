import { COMMAND_JOB } from './command-job.js';
import { PIPELINE_JOB } from './pipeline-job.js';
import { ScheduleSchema, type ScheduleSpec } from './schema/schedule-schema.js';
import { triggerIssues } from './schedule-trigger-issues.js';
import { checkDocument, parseSpecText, readSpecFile, validateSpecValue, type LoadedSpec, type ParseSpecOptions, type SpecKind } from './spec-loader.js';
import { SWEEP_JOB } from './sweep-job.js';
import type { Issue } from './validate/issue.js';

/** A schedule read from YAML: the normalised spec and what deserves a warning. */
export type LoadedSchedule = LoadedSpec<ScheduleSpec>;

const JOB_KINDS: Readonly<Record<string, SpecKind>> = { command: COMMAND_JOB, sweep: SWEEP_JOB, pipeline: PIPELINE_JOB };

// A file may name its job by path; a REST body holds it inline (the client read the file and uploaded its local paths).
const SCHEDULE_FILE = scheduleKind(true);
const SCHEDULE_DATA = scheduleKind(false);

function scheduleKind(pathAllowed: boolean): SpecKind {
  return {
    check(raw) {
      return checkDocument<ScheduleSpec>(ScheduleSchema, raw, (spec) => [...triggerIssues(spec.trigger), ...createJobIssues(spec, pathAllowed)]);
    },
  };
}

/**
 * Parses and validates schedule YAML text (`az ml schedule create --file`): a `cron` or
 * `recurrence` trigger in a time zone (Windows names as Azure takes them, or IANA names) and
 * `create_job`, a job file's path relative to this file (`./job.yml`, `file:job.yml`) or the
 * job inline, checked as a job file would be. Throws `LATHE_INVALID_SPEC` naming
 * file:line:column, the field and what was expected; a bad cron expression names its part.
 *
 * @example
 * parseSchedule('name: nightly\ntrigger: {type: cron, expression: "0 2 * * *"}\ncreate_job: ./job.yml\n', { file: 'nightly.yml' });
 */
export function parseSchedule(text: string, options: ParseSpecOptions): LoadedSchedule {
  return parseSpecText(SCHEDULE_FILE, text, options);
}

/** Reads and validates a schedule YAML file; see {@link parseSchedule}. */
export async function loadScheduleFile(file: string, set: readonly string[] = []): Promise<LoadedSchedule> {
  return parseSchedule(await readSpecFile(file), { file, set });
}

/**
 * Validates a schedule given as data (a REST body), its `create_job` inline; errors name the
 * field path under `source`.
 */
export function validateSchedule(value: unknown, source = 'request body'): { spec: ScheduleSpec; warnings: string[] } {
  return validateSpecValue(SCHEDULE_DATA, value, source);
}

// An inline job is checked by its kind, its issues placed under `create_job`, and replaced by
// the kind's normalised spec.
function createJobIssues(spec: ScheduleSpec, pathAllowed: boolean): Issue[] {
  const job = spec.create_job;
  const at = (message: string, expected?: string): Issue => ({ severity: 'error', path: ['create_job'], at: 'value', message, ...(expected ? { expected } : {}) });
  if (typeof job === 'string') {
    if (/^azureml:/i.test(job)) return [at(`'${job}': a schedule cannot fire an existing job by reference; give the job file's path or the job inline`)];
    return pathAllowed ? [] : [at("a job file's path is read by the client; send the job inline", 'a job mapping with type: command, sweep or pipeline')];
  }
  if (job === null || typeof job !== 'object') return [];
  const type = String(job.type).toLowerCase();
  const kind = JOB_KINDS[type];
  if (kind === undefined) return [{ ...at(`'${job.type}' jobs cannot be scheduled; create_job must be a command, sweep or pipeline job`), path: ['create_job', 'type'] }];
  const { spec: checked, issues } = kind.check({ ...job, type });
  spec.create_job = checked as ScheduleSpec['create_job'];
  return issues.map((issue) => ({ ...issue, path: ['create_job', ...issue.path] }));
}
