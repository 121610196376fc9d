import { dirname, resolve } from 'node:path';
import { LatheError, hasUriScheme } from '@lathe/core';
import {
  dataInputs,
  isPipelineComponent,
  loadComponentFile,
  type CommandJobSpec,
  type LoadedJob,
  type ParallelJobSpec,
  type PipelineComponentSpec,
  type PipelineJobSpec,
  type PipelineStep,
  type SweepJobSpec,
} from '@lathe/spec';
import { snapshotLimits } from './snapshot-limits.js';
import { discardPacked, packPath, type PackedPath } from './upload-path.js';

/** A YAML file a part of a job came from, and the folder its relative paths start from. */
export interface SpecFile {
  file: string;
  baseDir: string;
}

/**
 * A part of a job file that may name local paths: what runs (`code`, `environment`) and the
 * inputs it reads. A command job is one part; a sweep's `trial` and its inputs are two; a
 * pipeline's inputs and each of its steps are parts; a component read from its own file is a
 * part whose paths start at that file's folder (a pipeline component's steps, parts of their own).
 */
export interface LocalPart {
  runs?: Pick<CommandJobSpec, 'code' | 'environment'>;
  inputs?: Pick<CommandJobSpec, 'inputs'>;
  /** Where the part is in its file, for messages (`jobs.train.`). */
  prefix: string;
  /** The file the part was read from. */
  at: SpecFile;
}

/**
 * The parts of a job spec that may name local paths, as `az ml job create` finds them. A
 * component named by a local file (`component: file:./prep.yml` or a bare relative path; a sweep
 * step's `trial: ./train.yml`) is read here: validated (errors placed in its file), put inline in
 * `spec` (which is changed), and its paths — a command component's `code:` and `conda_file`, a
 * pipeline component's steps and their own component files — become parts relative to its own
 * folder. `azureml:` references are left for the server. Returns what reading the files warned.
 */
export async function localParts(type: LoadedJob['type'], spec: LoadedJob['spec'], at: SpecFile): Promise<{ parts: LocalPart[]; warnings: string[] }> {
  if (type === 'command') {
    const job = spec as CommandJobSpec;
    return withComponents([{ runs: job, inputs: job, prefix: '', at }], [slot(job, 'component', at)]);
  }
  if (type === 'sweep') {
    const sweep = spec as SweepJobSpec;
    return withComponents(
      [
        { runs: sweep.trial, prefix: 'trial.', at },
        { inputs: sweep, prefix: '', at },
      ],
      [slot(sweep.trial, 'trial.component', at)],
    );
  }
  if (type === 'parallel') {
    const parallel = spec as ParallelJobSpec;
    return withComponents(
      [
        { runs: parallel.task, prefix: 'task.', at },
        { inputs: parallel as Pick<CommandJobSpec, 'inputs'>, prefix: '', at },
      ],
      [],
    );
  }
  const pipeline = spec as PipelineJobSpec;
  return withComponents([{ inputs: pipeline, prefix: '', at }, ...stepParts(pipeline.jobs, at)], stepSlots(pipeline.jobs, at));
}

/**
 * The parts of a pipeline component (`lathe component create` of one): its steps, and the
 * component files they name, read and put inline as {@link localParts} does. Its own inputs are
 * declarations, with no paths.
 */
export async function pipelineComponentParts(component: PipelineComponentSpec, at: SpecFile): Promise<{ parts: LocalPart[]; warnings: string[] }> {
  return withComponents(stepParts(component.jobs, at), stepSlots(component.jobs, at));
}

/** Where a spec names a component: a command job's or a step's `component`, a sweep's `trial`. */
interface ComponentSlot {
  value: unknown;
  /** The field, for messages (`jobs.train.component`). */
  field: string;
  /** The file the field is in. */
  at: SpecFile;
  set(component: Record<string, unknown>): void;
}

function slot(holder: { component?: unknown }, field: string, at: SpecFile): ComponentSlot {
  return { value: holder.component, field, at, set: (c) => (holder.component = c) };
}

function stepParts(jobs: Record<string, PipelineStep>, at: SpecFile): LocalPart[] {
  return Object.entries(jobs).flatMap(([name, step]): LocalPart[] => {
    // A sweep step's trial and a parallel step's task have code and an environment of their own.
    const trial = typeof step.trial === 'object' ? (step.trial as Pick<CommandJobSpec, 'code' | 'environment'>) : undefined;
    const task = step.task as Pick<CommandJobSpec, 'code' | 'environment'> | undefined;
    return [
      { runs: step, inputs: step as Pick<CommandJobSpec, 'inputs'>, prefix: `jobs.${name}.`, at },
      ...(trial ? [{ runs: trial, prefix: `jobs.${name}.trial.`, at }] : []),
      ...(task ? [{ runs: task, prefix: `jobs.${name}.task.`, at }] : []),
    ];
  });
}

function stepSlots(jobs: Record<string, PipelineStep>, at: SpecFile): ComponentSlot[] {
  return Object.entries(jobs).flatMap(([name, step]) => {
    const trial = step.trial;
    const trialSlot: ComponentSlot[] =
      typeof trial === 'string'
        ? [{ value: trial, field: `jobs.${name}.trial`, at, set: (c) => (step.trial = { component: c }) }]
        : trial !== undefined
          ? [slot(trial, `jobs.${name}.trial.component`, at)]
          : [];
    return [slot(step, `jobs.${name}.component`, at), ...trialSlot];
  });
}

// Reads each local component file, puts it inline, and adds its parts; a pipeline component's
// steps may name component files of their own, relative to it.
async function withComponents(parts: LocalPart[], slots: ComponentSlot[]): Promise<{ parts: LocalPart[]; warnings: string[] }> {
  const warnings: string[] = [];
  const queue = [...slots];
  for (let next = queue.shift(); next !== undefined; next = queue.shift()) {
    const { value, field, at, set } = next;
    if (typeof value !== 'string' || value.startsWith('azureml:')) continue;
    const local = value.replace(/^file:/, '');
    if (hasUriScheme(local)) continue;
    const path = resolve(at.baseDir, local);
    const loaded = await loadComponentFile(path).catch((error: unknown) => {
      if (error instanceof LatheError) throw error;
      throw new LatheError('LATHE_INVALID_SPEC', `${at.file}: ${field}: cannot read the component file '${path}' (${(error as Error).message})`, { details: { field }, cause: error });
    });
    warnings.push(...loaded.warnings);
    const component = structuredClone(loaded.spec);
    set(component as Record<string, unknown>);
    const own = { file: path, baseDir: dirname(path) };
    if (isPipelineComponent(component)) {
      parts.push(...stepParts(component.jobs, own));
      queue.push(...stepSlots(component.jobs, own));
    } else {
      parts.push({ runs: component as Pick<CommandJobSpec, 'code' | 'environment'>, prefix: '', at: own });
    }
  }
  return { parts, warnings };
}

/** A local path packed, and where its uploaded reference goes. */
export interface LocalPath {
  packed: PackedPath;
  /** Puts the uploaded reference into the spec. */
  assign: (ref: string) => void;
}

/**
 * Packs every part's local `code:` (a folder, within the snapshot limits) and local data inputs.
 * Everything is packed before the first upload, so a spec refused here leaves nothing on the
 * server; on failure what was packed is discarded.
 */
export async function packLocalPaths(parts: readonly LocalPart[]): Promise<LocalPath[]> {
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
