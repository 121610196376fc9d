import { basename, resolve } from 'node:path';
import { hasUriScheme } from '@lathe/core';
import type { JobResource } from '@lathe/api';
import { dataInputs, loadJobFile, type CommandJobSpec, type LoadedJob, type PipelineJobSpec, type SweepJobSpec } from '@lathe/spec';
import { inlineCondaFile } from './inline-conda-file.js';
import { locateServerError } from './locate-server-error.js';
import type { LatheClient } from './lathe-client.js';
import { snapshotLimits } from './snapshot-limits.js';
import { discardPacked, packPath, uploadPacked, type OnUploadProgress, type PackedPath } from './upload-path.js';

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
 * folder when the spec names none. Nothing is uploaded when packing fails. `loaded` is not
 * changed; a job a schedule fires is prepared the same way.
 *
 * @example
 * const { spec } = await prepareJobSpec(client, await loadJobFile('job.yml'));
 */
export async function prepareJobSpec(client: LatheClient, loaded: LoadedJob, options: { onUploadProgress?: OnUploadProgress } = {}): Promise<PreparedJobSpec> {
  const spec = structuredClone(loaded.spec);
  const parts = localParts(loaded.type, spec);
  const packed = await packLocalPaths(parts, loaded.baseDir, loaded.file);
  try {
    for (const { packed: path, assign } of packed) assign(await uploadPacked(client, path, options.onUploadProgress));
  } finally {
    await Promise.all(packed.map((p) => discardPacked(p.packed)));
  }
  for (const part of parts) if (part.runs) await inlineCondaFile(part.runs.environment, loaded.baseDir, loaded.file, `${part.prefix}environment`);
  spec.experiment_name ??= basename(loaded.baseDir) || 'Default';
  return { spec: spec as Record<string, unknown>, warnings: [...loaded.warnings, ...packed.flatMap((p) => p.packed.packed.warnings)] };
}

/**
 * A part of a job file that may name local paths: what runs (`code`, `environment`) and the
 * inputs it reads. A command job is one part; a sweep's `trial` and its inputs are two; a
 * pipeline's inputs and each of its steps are parts.
 */
interface LocalPart {
  runs?: Pick<CommandJobSpec, 'code' | 'environment'>;
  inputs?: Pick<CommandJobSpec, 'inputs'>;
  /** Where the part is in the file, for messages (`jobs.train.`). */
  prefix: string;
}

function localParts(type: LoadedJob['type'], spec: LoadedJob['spec']): LocalPart[] {
  if (type === 'sweep')
    return [
      { runs: (spec as SweepJobSpec).trial, prefix: 'trial.' },
      { inputs: spec, prefix: '' },
    ];
  if (type === 'command') return [{ runs: spec as CommandJobSpec, inputs: spec, prefix: '' }];
  const pipeline = spec as PipelineJobSpec;
  return [{ inputs: pipeline, prefix: '' }, ...Object.entries(pipeline.jobs).map(([name, step]) => ({ runs: step, inputs: step as Pick<CommandJobSpec, 'inputs'>, prefix: `jobs.${name}.` }))];
}

interface LocalPath {
  packed: PackedPath;
  /** Puts the uploaded reference into the spec. */
  assign: (ref: string) => void;
}

// Everything is packed (and the code snapshot checked against its limits) before the first
// upload, so a spec refused here leaves nothing on the server.
async function packLocalPaths(parts: readonly LocalPart[], baseDir: string, file: string): Promise<LocalPath[]> {
  const out: LocalPath[] = [];
  const local = (path: string) => resolve(baseDir, path);
  try {
    for (const { runs, inputs, prefix } of parts) {
      const code = runs?.code;
      if (runs && code !== undefined && !hasUriScheme(code)) {
        // A single file as code becomes a folder holding it.
        const packed = await packPath(local(code), file, `${prefix}code`, { asFolder: true, limits: snapshotLimits() });
        out.push({ packed, assign: (ref) => (runs.code = ref) });
      }
      for (const { name, input } of inputs ? dataInputs(inputs) : []) {
        if (hasUriScheme(input.path)) continue;
        out.push({ packed: await packPath(local(input.path), file, `${prefix}inputs.${name}.path`), assign: (ref) => (input.path = ref) });
      }
    }
    return out;
  } catch (error) {
    await Promise.all(out.map((p) => discardPacked(p.packed)));
    throw error;
  }
}
