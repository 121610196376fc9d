import { parseCommandJob, type LoadedCommandJob } from './command-job.js';
import { parseParallelJob } from './parallel-job.js';
import { parsePipelineJob, type LoadedPipelineJob } from './pipeline-job.js';
import type { ParallelJobSpec } from './schema/parallel-job-schema.js';
import { parseSetOverrides } from './set-overrides.js';
import { readSpecFile, type LoadedSpec, type ParseSpecOptions } from './spec-loader.js';
import { parseSweepJob, type LoadedSweepJob } from './sweep-job.js';
import { parseYamlData } from './yaml/source-document.js';

/** A job file read as the kind its `type:` names. */
export type LoadedJob =
  ({ type: 'command' } & LoadedCommandJob) | ({ type: 'sweep' } & LoadedSweepJob) | ({ type: 'pipeline' } & LoadedPipelineJob) | ({ type: 'parallel' } & LoadedSpec<ParallelJobSpec>);

/**
 * Parses job YAML text as the kind its `type:` (or a `--set type=`) names: `sweep`, `pipeline`, `parallel`, or a command
 * job for anything else, whose reader reports a type it does not run. Errors are those of the
 * kind's reader, with file:line:column.
 */
export function parseJobFile(text: string, options: ParseSpecOptions): LoadedJob {
  const type = jobType(text, options);
  if (type === 'sweep') return { type: 'sweep', ...parseSweepJob(text, options) };
  if (type === 'pipeline') return { type: 'pipeline', ...parsePipelineJob(text, options) };
  if (type === 'parallel') return { type: 'parallel', ...parseParallelJob(text, options) };
  return { type: 'command', ...parseCommandJob(text, options) };
}

/** Reads a job YAML file; see {@link parseJobFile}. */
export async function loadJobFile(file: string, set: readonly string[] = []): Promise<LoadedJob> {
  return parseJobFile(await readSpecFile(file), { file, set });
}

function jobType(text: string, options: ParseSpecOptions): unknown {
  const override = parseSetOverrides(options.set ?? []).findLast((o) => o.path.length === 1 && o.path[0] === 'type');
  if (override) return typeof override.value === 'string' ? override.value.toLowerCase() : override.value;
  const data = parseYamlData(text, options.file) as { type?: unknown } | null;
  const type = data !== null && typeof data === 'object' ? data.type : undefined;
  return typeof type === 'string' ? type.toLowerCase() : type;
}
