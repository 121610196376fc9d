import type { ScheduleResource } from '@lathe/api';
import { loadScheduleFile, loadScheduleJob } from '@lathe/spec';
import type { LatheClient } from './lathe-client.js';
import { locateServerError } from './locate-server-error.js';
import { prepareJobSpec } from './submit-job-file.js';
import type { OnUploadProgress } from './upload-path.js';

/** Options for {@link createScheduleFile}. */
export interface CreateScheduleFileOptions {
  /** `--set path=value` overrides of the schedule file. */
  set?: readonly string[];
  /** Schedule name, overriding the file's. */
  name?: string;
  /** Told how each upload (code, local inputs) advances. */
  onUploadProgress?: OnUploadProgress;
}

/** The schedule created and the warnings found on the way. */
export interface CreatedSchedule {
  schedule: ScheduleResource;
  warnings: string[];
}

/**
 * Creates or replaces a schedule from its YAML file, as `az ml schedule create --file` does:
 * validates it and its job (a `create_job` path is read relative to the schedule file, its own
 * paths relative to the job file), uploads the job's `code:` and local inputs exactly as
 * `lathe job create` does, and sends the schedule with the job inline. Every fire then runs that
 * snapshot, whatever happens to the local files later.
 *
 * @example
 * const { schedule } = await createScheduleFile(new LatheClient(), 'examples/schedules/nightly.yml');
 */
export async function createScheduleFile(client: LatheClient, file: string, options: CreateScheduleFileOptions = {}): Promise<CreatedSchedule> {
  const loaded = await loadScheduleFile(file, options.set ?? []);
  const job = await loadScheduleJob(loaded);
  const { spec: prepared, warnings } = await prepareJobSpec(client, job, options.onUploadProgress ? { onUploadProgress: options.onUploadProgress } : {});
  const spec = { ...loaded.spec, ...(options.name ? { name: options.name } : {}), create_job: { ...prepared, type: job.type } };
  const schedule = await client.putSchedule(spec).catch((error: unknown) => {
    throw locateServerError(error, loaded);
  });
  return { schedule, warnings: [...loaded.warnings, ...warnings, ...(schedule.warnings ?? [])] };
}
