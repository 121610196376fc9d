import { basename, resolve } from 'node:path';
import { hasUriScheme } from '@lathe/core';
import type { JobResource } from '@lathe/api';
import { loadCommandJobFile, type CommandJobSpec } from '@lathe/spec';
import { inlineCondaFile } from './inline-conda-file.js';
import type { LatheClient } from './lathe-client.js';
import { uploadPath } from './upload-path.js';

/** Options for {@link submitJobFile}. */
export interface SubmitJobFileOptions {
  /** `--set path=value` overrides. */
  set?: readonly string[];
  /** Job name, overriding the file's. */
  name?: string;
}

/** The created job and the warnings found on the way (also stored on the job). */
export interface SubmittedJob {
  job: JobResource;
  warnings: string[];
}

/**
 * Submits a job YAML file as `az ml job create --file` does: validates it (nothing is uploaded
 * when it is invalid), uploads `code:` and local input paths as content-addressed snapshots
 * (skipping what the server already has), inlines an inline environment's `conda_file`, and
 * creates the job.
 *
 * @example
 * const { job } = await submitJobFile(new LatheClient(), 'examples/jobs/hello-world.yml');
 */
export async function submitJobFile(client: LatheClient, file: string, options: SubmitJobFileOptions = {}): Promise<SubmittedJob> {
  const loaded = await loadCommandJobFile(file, options.set ?? []);
  const spec = structuredClone(loaded.spec) as CommandJobSpec;
  const local = (path: string) => resolve(loaded.baseDir, path);
  if (spec.code !== undefined && !hasUriScheme(spec.code)) {
    // A single file as code becomes a folder holding it.
    spec.code = await uploadPath(client, local(spec.code), file, 'code', { asFolder: true });
  }
  for (const [name, input] of Object.entries(spec.inputs ?? {})) {
    if (typeof input !== 'object' || hasUriScheme(input.path)) continue;
    input.path = await uploadPath(client, local(input.path), file, `inputs.${name}.path`);
  }
  await inlineCondaFile(spec.environment, loaded.baseDir, file, 'environment');
  spec.experiment_name ??= basename(loaded.baseDir) || 'Default';
  const job = await client.createJob(spec as unknown as Record<string, unknown>, {
    ...(options.name ? { name: options.name } : {}),
    clientWarnings: loaded.warnings,
  });
  return { job, warnings: job.warnings };
}
