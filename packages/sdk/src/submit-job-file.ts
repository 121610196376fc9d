import { basename, dirname, resolve } from 'node:path';
import { LatheError, hasUriScheme } from '@lathe/core';
import type { JobResource } from '@lathe/api';
import { dataInputs, loadCommandComponentFile, loadJobFile, type CommandJobSpec, type LoadedJob, type PipelineJobSpec, type SweepJobSpec } from '@lathe/spec';
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
 * folder when the spec names none. A component named by a local file (`component: ./train.yml`)
 * is read and sent inline, its paths packed relative to its own file. Nothing is uploaded when
 * packing fails. `loaded` is not changed; a job a schedule fires is prepared the same way.
 *
 * @example
 * const { spec } = await prepareJobSpec(client, await loadJobFile('job.yml'));
 */
export async function prepareJobSpec(client: LatheClient, loaded: LoadedJob, options: { onUploadProgress?: OnUploadProgress } = {}): Promise<PreparedJobSpec> {
  const spec = structuredClone(loaded.spec);
  const where = { baseDir: loaded.baseDir, file: loaded.file };
  const components = await inlineComponentFiles(componentSlots(loaded.type, spec), where);
  const parts = [...localParts(loaded.type, spec, where), ...components.map((c) => ({ runs: c.component, prefix: '', at: c.at }))];
  const packed = await packLocalPaths(parts);
  try {
    for (const { packed: path, assign } of packed) assign(await uploadPacked(client, path, options.onUploadProgress));
  } finally {
    await Promise.all(packed.map((p) => discardPacked(p.packed)));
  }
  for (const part of parts) if (part.runs) await inlineCondaFile(part.runs.environment, part.at.baseDir, part.at.file, `${part.prefix}environment`);
  spec.experiment_name ??= basename(loaded.baseDir) || 'Default';
  return { spec: spec as Record<string, unknown>, warnings: [...loaded.warnings, ...components.flatMap((c) => c.warnings), ...packed.flatMap((p) => p.packed.packed.warnings)] };
}

/** A YAML file a part of the job came from, and the folder its relative paths start from. */
interface SpecFile {
  file: string;
  baseDir: string;
}

/** Where a job names a component: a command job's or a step's `component`, a sweep's (or sweep step's) `trial`. */
interface ComponentSlot {
  value: unknown;
  /** The field, for messages (`jobs.train.component`). */
  field: string;
  set(component: Record<string, unknown>): void;
}

function componentSlots(type: LoadedJob['type'], spec: LoadedJob['spec']): ComponentSlot[] {
  const slot = (holder: { component?: unknown }, field: string): ComponentSlot => ({ value: holder.component, field, set: (c) => (holder.component = c) });
  if (type === 'command') return [slot(spec as CommandJobSpec, 'component')];
  if (type === 'sweep') return [slot((spec as SweepJobSpec).trial, 'trial.component')];
  return Object.entries((spec as PipelineJobSpec).jobs).flatMap(([name, step]) => {
    const trial = step.trial;
    const trialSlot: ComponentSlot[] =
      typeof trial === 'string'
        ? [{ value: trial, field: `jobs.${name}.trial`, set: (c) => (step.trial = { component: c }) }]
        : trial !== undefined
          ? [slot(trial, `jobs.${name}.trial.component`)]
          : [];
    return [slot(step, `jobs.${name}.component`), ...trialSlot];
  });
}

/** A component file read and put inline. */
interface InlinedComponent {
  component: Pick<CommandJobSpec, 'code' | 'environment'>;
  at: SpecFile;
  /** What reading it warned about, with its positions. */
  warnings: string[];
}

/**
 * A `component: file:./prep.yml` (or a bare relative path; a sweep step's `trial: ./train.yml`)
 * is read here, as `az ml job create` does: the component file is validated (errors placed in it)
 * and sent inline, its `code:` and `conda_file` then packed relative to its own folder.
 * `azureml:` references are left for the server.
 */
async function inlineComponentFiles(slots: readonly ComponentSlot[], at: SpecFile): Promise<InlinedComponent[]> {
  const inlined: InlinedComponent[] = [];
  for (const { value, field, set } of slots) {
    if (typeof value !== 'string' || value.startsWith('azureml:')) continue;
    const local = value.replace(/^file:/, '');
    if (hasUriScheme(local)) continue;
    const path = resolve(at.baseDir, local);
    const loaded = await loadCommandComponentFile(path).catch((error: unknown) => {
      if (error instanceof LatheError) throw error;
      throw new LatheError('LATHE_INVALID_SPEC', `${at.file}: ${field}: cannot read the component file '${path}' (${(error as Error).message})`, { details: { field }, cause: error });
    });
    const component = { ...loaded.spec } as Record<string, unknown>;
    set(component);
    inlined.push({ component, at: { file: path, baseDir: dirname(path) }, warnings: loaded.warnings });
  }
  return inlined;
}

/**
 * A part of a job file that may name local paths: what runs (`code`, `environment`) and the
 * inputs it reads. A command job is one part; a sweep's `trial` and its inputs are two; a
 * pipeline's inputs and each of its steps are parts; a component read from its own file is a
 * part whose paths start at that file's folder.
 */
interface LocalPart {
  runs?: Pick<CommandJobSpec, 'code' | 'environment'>;
  inputs?: Pick<CommandJobSpec, 'inputs'>;
  /** Where the part is in its file, for messages (`jobs.train.`). */
  prefix: string;
  /** The file the part was read from. */
  at: SpecFile;
}

function localParts(type: LoadedJob['type'], spec: LoadedJob['spec'], at: SpecFile): LocalPart[] {
  if (type === 'sweep')
    return [
      { runs: (spec as SweepJobSpec).trial, prefix: 'trial.', at },
      { inputs: spec, prefix: '', at },
    ];
  if (type === 'command') return [{ runs: spec as CommandJobSpec, inputs: spec, prefix: '', at }];
  const pipeline = spec as PipelineJobSpec;
  return [
    { inputs: pipeline, prefix: '', at },
    ...Object.entries(pipeline.jobs).flatMap(([name, step]): LocalPart[] => {
      const trial = typeof step.trial === 'object' ? (step.trial as Pick<CommandJobSpec, 'code' | 'environment'>) : undefined;
      return [{ runs: step, inputs: step as Pick<CommandJobSpec, 'inputs'>, prefix: `jobs.${name}.`, at }, ...(trial ? [{ runs: trial, prefix: `jobs.${name}.trial.`, at }] : [])];
    }),
  ];
}

interface LocalPath {
  packed: PackedPath;
  /** Puts the uploaded reference into the spec. */
  assign: (ref: string) => void;
}

// Everything is packed (and the code snapshot checked against its limits) before the first
// upload, so a spec refused here leaves nothing on the server.
async function packLocalPaths(parts: readonly LocalPart[]): Promise<LocalPath[]> {
  const out: LocalPath[] = [];
  try {
    for (const { runs, inputs, prefix, at } of parts) {
      const { file } = at;
      const local = (path: string) => resolve(at.baseDir, path);
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
