import { basename } from 'node:path';
import type { JobResource } from '@lathe/api';
import { loadJobFile, type LoadedJob } from '@lathe/spec';
import { inlineCondaFile } from './inline-conda-file.js';
import type { LatheClient } from './lathe-client.js';
import { localParts, packLocalPaths } from './local-parts.js';
import { locateServerError } from './locate-server-error.js';
import { discardPacked, uploadPacked, type OnUploadProgress } from './upload-path.js';

/** Options for {@link submitJobFile}. */
export interface SubmitJobFileOptions {
  /** `--set path=value` overrides. */
  set?: readonly string[];
  /** Job name, overriding the file's. */
  name?: string;
  /** Told how each upload (code, local inputs) advances. */
  onUploadProgress?: OnUploadProgress;
}

/** The created job and the warnings found on the way (also stored on the job). */
export interface SubmittedJob {
  job: JobResource;
  warnings: string[];
}

/**
 * Submits a job YAML file as `az ml job create --file` does: validates it (nothing is uploaded
 * when it is invalid), packs `code:` and local input paths, then uploads them as
 * content-addressed snapshots (skipping what the server already has), inlines an inline
 * environment's `conda_file`, and creates the job. The code snapshot must keep within
 * `LATHE_SNAPSHOT_MAX_BYTES` / `LATHE_SNAPSHOT_MAX_FILES` (`LATHE_SNAPSHOT_TOO_LARGE`, nothing
 * uploaded); links leaving a folder are left out, with a warning on the job. A spec error the
 * server finds is placed at its field's file:line:column too.
 *
 * @example
 * const { job } = await submitJobFile(new LatheClient(), 'examples/jobs/hello-world.yml');
 */
export async function submitJobFile(client: LatheClient, file: string, options: SubmitJobFileOptions = {}): Promise<SubmittedJob> {
  const loaded = await loadJobFile(file, options.set ?? []);
  const { spec, warnings } = await prepareJobSpec(client, loaded, options.onUploadProgress ? { onUploadProgress: options.onUploadProgress } : {});
  const job = await client.createJob(spec, { ...(options.name ? { name: options.name } : {}), clientWarnings: warnings }).catch((error: unknown) => {
    throw locateServerError(error, loaded);
  });
  return { job, warnings: job.warnings };
}

/** A job spec ready to send: its local paths uploaded, and the warnings found on the way. */
export interface PreparedJobSpec {
  spec: Record<string, unknown>;
  /** The file's warnings (with positions) and the packing's (links left out). */
  warnings: string[];
}

/**
 * Makes a loaded job spec sendable, as `lathe job create` does before creating the job: packs
 * `code:` and local input paths (relative to `loaded.baseDir`, the job file's folder), uploads
 * them as content-addressed snapshots (skipping what the server has), puts the references in
 * their place, inlines an inline environment's `conda_file`, and names the experiment after the
 * folder when the spec names none. A component named by a local file (`component: ./train.yml`)
 * is read and sent inline, its paths packed relative to its own file. Nothing is uploaded when
 * packing fails. `loaded` is not changed; a job a schedule fires is prepared the same way.
 *
 * @example
 * const { spec } = await prepareJobSpec(client, await loadJobFile('job.yml'));
 */
export async function prepareJobSpec(client: LatheClient, loaded: LoadedJob, options: { onUploadProgress?: OnUploadProgress } = {}): Promise<PreparedJobSpec> {
  const spec = structuredClone(loaded.spec);
  const { parts, warnings } = await localParts(loaded.type, spec, { baseDir: loaded.baseDir, file: loaded.file });
  const packed = await packLocalPaths(parts);
  try {
    for (const { packed: path, assign } of packed) assign(await uploadPacked(client, path, options.onUploadProgress));
  } finally {
    await Promise.all(packed.map((p) => discardPacked(p.packed)));
  }
  for (const part of parts) if (part.runs) await inlineCondaFile(part.runs.environment, part.at.baseDir, part.at.file, `${part.prefix}environment`);
  spec.experiment_name ??= basename(loaded.baseDir) || 'Default';
  return { spec: spec as Record<string, unknown>, warnings: [...loaded.warnings, ...warnings, ...packed.flatMap((p) => p.packed.packed.warnings)] };
}
