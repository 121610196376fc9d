import { rm, stat } from 'node:fs/promises';
import { basename, resolve } from 'node:path';
import { LatheError, formatBlobRef, hasUriScheme } from '@lathe/core';
import type { JobResource } from '@lathe/api';
import { loadCommandJobFile, type CommandJobSpec } from '@lathe/spec';
import type { LatheClient } from './lathe-client.js';
import { packFile, packFolder, type PackedSnapshot } from './pack-folder.js';

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
 * (skipping what the server already has), and creates the job.
 *
 * @example
 * const { job } = await submitJobFile(new LatheClient(), 'examples/jobs/hello-world.yml');
 */
export async function submitJobFile(client: LatheClient, file: string, options: SubmitJobFileOptions = {}): Promise<SubmittedJob> {
  const loaded = await loadCommandJobFile(file, options.set ?? []);
  const spec = structuredClone(loaded.spec) as CommandJobSpec;
  const local = (path: string) => resolve(loaded.baseDir, path);
  if (spec.code !== undefined && !hasUriScheme(spec.code)) {
    spec.code = formatBlobRef({ sha256: await upload(client, await packPath(local(spec.code), file, 'code')) });
  }
  for (const [name, input] of Object.entries(spec.inputs ?? {})) {
    if (typeof input !== 'object' || hasUriScheme(input.path)) continue;
    const path = local(input.path);
    const isFile = (await stat(path).catch(() => undefined))?.isFile() ?? false;
    const sha256 = await upload(client, await packPath(path, file, `inputs.${name}.path`));
    input.path = formatBlobRef(isFile ? { sha256, file: basename(path) } : { sha256 });
  }
  spec.experiment_name ??= basename(loaded.baseDir) || 'Default';
  const job = await client.createJob(spec as unknown as Record<string, unknown>, {
    ...(options.name ? { name: options.name } : {}),
    clientWarnings: loaded.warnings,
  });
  return { job, warnings: job.warnings };
}

async function packPath(path: string, file: string, field: string): Promise<PackedSnapshot> {
  const info = await stat(path).catch(() => undefined);
  if (!info) {
    throw new LatheError('LATHE_INVALID_SPEC', `${file}: ${field}: '${path}' does not exist`, { details: { file, field, path } });
  }
  return info.isDirectory() ? packFolder(path) : packFile(path);
}

async function upload(client: LatheClient, packed: PackedSnapshot): Promise<string> {
  try {
    if (!(await client.hasBlob(packed.sha256))) await client.uploadBlob(packed.file, packed.sha256);
    return packed.sha256;
  } finally {
    await rm(packed.file, { force: true });
  }
}
