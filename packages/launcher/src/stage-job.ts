import { cp, mkdir, stat, symlink } from 'node:fs/promises';
import { basename, join, relative } from 'node:path';
import { LatheError, jobOutputPath, parseBlobRef } from '@lathe/core';
import type { CommandJobSpec, DataInput } from '@lathe/spec';
import { dataInputs } from '@lathe/spec/job-spec';
import type { BlobSource } from './blob-source.js';
import { writePipScripts, type PythonRuntime } from './environment/python-environment.js';
import { findExecutable } from './find-executable.js';

/** The job folder laid out for the command. */
export interface StagedJob {
  /** The working directory: the unpacked code snapshot. */
  workingDir: string;
  /** Values for `${{inputs.x}}`: literals, or local paths of data inputs. */
  inputs: Record<string, string | number | boolean>;
  /** Paths for `${{outputs.y}}`. */
  outputs: Record<string, string>;
  /** Each output's folder, uploaded when the command ends. */
  outputDirs: Record<string, string>;
  /** Holds `python` and `python3`, first on the job's PATH. */
  binDir: string;
  /** The job's virtual environment (`VIRTUAL_ENV`), when its environment has one. */
  virtualEnv?: string;
}

/** The folders of the working directory whose files make the job's default output. */
const DEFAULT_OUTPUT_FOLDERS = ['outputs', 'logs'];

/** Modes that share one read-only copy between jobs; the others get a private, writable copy. */
const SHARED_MODES = new Set(['ro_mount', 'eval_mount', 'direct']);

/**
 * Lays out the job folder: unpacks the code into `wd/`, resolves each data input by its mode
 * (`ro_mount` shares a read-only copy from the cache, `download` and `rw_mount` copy into
 * `inputs/<name>`; another job's output is read where the store keeps it, or copied for those
 * modes), creates `outputs/<name>`, `wd/outputs` and `wd/logs`, and puts the job's Python first on PATH: the
 * environment's `bin`, or else `bin/python` and `bin/python3` linked to the configured Python,
 * with `pip` and `pip3` that run that Python's pip.
 */
export async function stageJob(folder: string, spec: CommandJobSpec, blobs: BlobSource, cacheDir: string, runtime: PythonRuntime, jobOutputs?: JobOutputFiles): Promise<StagedJob> {
  const workingDir = join(folder, 'wd');
  await mkdir(workingDir, { recursive: true });
  if (spec.code) await blobs.extract(blobRef(spec.code, 'code').sha256, workingDir);
  // As on Azure ML, the command may write to ./outputs and ./logs without creating them.
  for (const name of DEFAULT_OUTPUT_FOLDERS) await mkdir(join(workingDir, name), { recursive: true }).catch(ignoreExisting);
  const inputs: StagedJob['inputs'] = {};
  for (const [name, input] of Object.entries(spec.inputs ?? {})) if (typeof input !== 'object') inputs[name] = input;
  for (const { name, input } of dataInputs(spec)) inputs[name] = await stageInput(folder, name, input, blobs, cacheDir, jobOutputs);
  const outputs: StagedJob['outputs'] = {};
  const outputDirs: StagedJob['outputDirs'] = {};
  for (const [name, output] of Object.entries(spec.outputs ?? {})) {
    const dir = join(folder, 'outputs', name);
    await mkdir(dir, { recursive: true });
    outputDirs[name] = dir;
    outputs[name] = output.type === 'uri_file' ? join(dir, name) : dir;
  }
  // A virtual environment's interpreter must be run from its own bin to find the environment.
  const binDir = runtime.binDir ?? (await linkPython(folder, runtime.python));
  return { workingDir, inputs, outputs, outputDirs, binDir, ...(runtime.virtualEnv ? { virtualEnv: runtime.virtualEnv } : {}) };
}

// The code snapshot may hold a file by that name: the command then finds what it shipped.
function ignoreExisting(error: NodeJS.ErrnoException): void {
  if (error.code !== 'EEXIST' && error.code !== 'ENOTDIR') throw error;
}

/** Where other jobs' stored outputs are on this machine: the artifact store's root, and the job's workspace. */
export interface JobOutputFiles {
  artifactsDir: string;
  workspace: string;
}

const JOB_OUTPUT = /^azureml:\/\/jobs\/([^/]+)\/outputs\/([^/]+)(?:\/paths\/(.*))?$/;

async function stageInput(folder: string, name: string, input: DataInput, blobs: BlobSource, cacheDir: string, jobOutputs: JobOutputFiles | undefined): Promise<string> {
  const output = JOB_OUTPUT.exec(input.path);
  if (output) return stageJobOutput(folder, name, input, output, jobOutputs);
  const ref = blobRef(input.path, `inputs.${name}.path`);
  let root: string;
  if (SHARED_MODES.has(input.mode)) root = await blobs.extractShared(ref.sha256, join(cacheDir, 'inputs'));
  else {
    root = join(folder, 'inputs', name);
    await blobs.extract(ref.sha256, root);
  }
  return ref.file ? join(root, ref.file) : root;
}

// Another job's output is read where the store keeps it (a mounted mode), or copied into
// `inputs/<name>` for a mode that may write or wants its own copy.
async function stageJobOutput(folder: string, name: string, input: DataInput, match: RegExpExecArray, files: JobOutputFiles | undefined): Promise<string> {
  const [, job = '', output = '', sub = ''] = match;
  const field = `inputs.${name}.path`;
  if (files === undefined) throw new LatheError('LATHE_INVALID_SPEC', `${field}: ${input.path} is another job's output, and the artifact store is not on this machine`, { details: { field } });
  const stored = join(files.artifactsDir, ...jobOutputPath(files.workspace, job, output).split('/'));
  const local = sub === '' ? stored : join(stored, ...sub.split('/'));
  if (relative(stored, local).startsWith('..')) throw new LatheError('LATHE_INVALID_SPEC', `${field}: '${sub}' leaves the output`, { details: { field } });
  const info = await stat(local).catch(() => undefined);
  if (info === undefined) throw new LatheError('LATHE_NOT_FOUND', `${field}: ${input.path} is not in the artifact store at ${local}`, { details: { field } });
  if (SHARED_MODES.has(input.mode)) return local;
  const copy = join(folder, 'inputs', name);
  await mkdir(copy, { recursive: true });
  const target = info.isFile() ? join(copy, basename(local)) : copy;
  await cp(local, target, { recursive: true });
  return target;
}

function blobRef(path: string, field: string) {
  const ref = parseBlobRef(path);
  if (!ref) throw new LatheError('LATHE_INVALID_SPEC', `${field}: '${path}' is not an uploaded snapshot (blob://<sha256>)`, { details: { field } });
  return ref;
}

async function linkPython(folder: string, python: string): Promise<string> {
  const interpreter = await findExecutable(python);
  const binDir = join(folder, 'bin');
  await mkdir(binDir, { recursive: true });
  for (const name of ['python', 'python3']) await symlink(interpreter, join(binDir, name)).catch(() => undefined);
  await writePipScripts(binDir, shellQuote(interpreter));
  return binDir;
}

function shellQuote(word: string): string {
  return `'${word.replace(/'/g, `'\\''`)}'`;
}
