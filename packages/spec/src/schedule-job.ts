import { resolve } from 'node:path';
import { loadJobFile, type LoadedJob } from './job-file.js';
import type { LoadedSchedule } from './schedule.js';
import type { CommandJobSpec } from './schema/command-job-schema.js';
import type { PipelineJobSpec } from './schema/pipeline-job-schema.js';
import type { SweepJobSpec } from './schema/sweep-job-schema.js';

/**
 * The job a schedule file fires, read as a job file is: a `create_job` path (`./job.yml`,
 * `file:job.yml`) is loaded relative to the schedule's folder, so its own relative paths are
 * relative to the job file's folder; an inline job's are relative to the schedule's folder, and
 * its problems are placed in the schedule file.
 */
export async function loadScheduleJob(schedule: LoadedSchedule): Promise<LoadedJob> {
  const job = schedule.spec.create_job;
  if (typeof job === 'string') return loadJobFile(resolve(schedule.baseDir, job.replace(/^file:/i, '')));
  const locate = (field: string, message: string) => schedule.locate(`create_job.${field}`, message);
  const shared = { warnings: [], file: schedule.file, baseDir: schedule.baseDir, locate };
  if (job.type === 'sweep') return { type: 'sweep', spec: job as unknown as SweepJobSpec, ...shared };
  if (job.type === 'pipeline') return { type: 'pipeline', spec: job as unknown as PipelineJobSpec, ...shared };
  return { type: 'command', spec: job as unknown as CommandJobSpec, ...shared };
}
