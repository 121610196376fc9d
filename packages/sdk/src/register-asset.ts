import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { LatheError, hasUriScheme } from '@lathe/core';
import { ASSET_PLURALS, type AssetKindName, type AssetResource } from '@lathe/api';
import { parseYamlData, type PipelineComponentSpec } from '@lathe/spec';
import type { LatheClient } from './lathe-client.js';
import { inlineCondaFile } from './inline-conda-file.js';
import { snapshotLimits } from './snapshot-limits.js';
import { packLocalPaths, pipelineComponentParts } from './local-parts.js';
import { discardPacked, uploadPacked, uploadPath, type OnUploadProgress, type UploadPathOptions } from './upload-path.js';

/** Where an asset spec came from, to resolve its relative paths and name it in errors. */
export interface AssetSource {
  /** Folder relative paths are resolved from. */
  baseDir: string;
  /** Named in errors (the YAML file, or `--path`). */
  file: string;
  /** Receives what packing local content found worth a warning (a link left out). */
  onWarning?: (warning: string) => void;
  /** Told how each upload of local content advances. */
  onUploadProgress?: OnUploadProgress;
}

/**
 * Creates an asset version from a validated spec as `az ml <kind> create` does: local content
 * is uploaded as content-addressed snapshots first (a data or model `path`, a component's
 * `code`, an environment's `build.path`; a `conda_file` path is read and inlined; a local
 * datastore's folder is made absolute), then the
 * version is created (a component's `code` within the snapshot limits, as a job's) — numbered by the server when the spec has no `version`. Creating the same
 * version again with the same content returns it (`created: false`).
 */
export async function registerAsset(client: LatheClient, kind: AssetKindName, spec: Record<string, unknown>, source: AssetSource): Promise<{ asset: AssetResource; created: boolean }> {
  const name = spec.name;
  if (typeof name !== 'string' || name === '') {
    throw new LatheError('LATHE_INVALID_SPEC', `${source.file}: name: a ${kind} needs a name (in the YAML or --name)`, { details: { field: 'name' } });
  }
  const body = structuredClone(spec);
  const local = (path: string) => resolve(source.baseDir, path);
  const progress = source.onUploadProgress ? { onProgress: source.onUploadProgress } : {};
  if ((kind === 'data' || kind === 'model') && typeof body.path === 'string' && !hasUriScheme(body.path)) {
    body.path = await uploadPath(client, local(body.path), source.file, 'path', progress, source.onWarning);
  }
  if (kind === 'component' && body.type === 'pipeline') await uploadPipelineComponentFiles(client, body, source);
  if (kind === 'component' && typeof body.code === 'string' && !hasUriScheme(body.code)) {
    body.code = await uploadPath(client, local(body.code), source.file, 'code', { asFolder: true, limits: snapshotLimits(), ...progress }, source.onWarning);
  }
  if (kind === 'environment') await inlineEnvironmentFiles(client, body, source, progress);
  if (kind === 'component') await inlineCondaFile(body.environment, source.baseDir, source.file, 'environment');
  // A local datastore is a folder on the server's machine, named absolutely.
  if (kind === 'datastore' && body.type === 'local' && typeof body.path === 'string' && !hasUriScheme(body.path)) body.path = local(body.path);
  const version = body.version === undefined ? undefined : String(body.version);
  return client.createAsset(ASSET_PLURALS[kind], name, body, version);
}

// A pipeline component's steps may name component files (relative to it) and local code and
// inputs: they are read, uploaded and put inline, as for a pipeline job.
async function uploadPipelineComponentFiles(client: LatheClient, body: Record<string, unknown>, source: AssetSource): Promise<void> {
  const { parts, warnings } = await pipelineComponentParts(body as PipelineComponentSpec, source);
  for (const warning of warnings) source.onWarning?.(warning);
  const packed = await packLocalPaths(parts);
  try {
    for (const { packed: path, assign } of packed) assign(await uploadPacked(client, path, source.onUploadProgress));
  } finally {
    await Promise.all(packed.map((p) => discardPacked(p.packed)));
  }
  for (const warning of packed.flatMap((p) => p.packed.packed.warnings)) source.onWarning?.(warning);
  for (const part of parts) if (part.runs) await inlineCondaFile(part.runs.environment, part.at.baseDir, part.at.file, `${part.prefix}environment`);
}

async function inlineEnvironmentFiles(client: LatheClient, body: Record<string, unknown>, source: AssetSource, progress: UploadPathOptions): Promise<void> {
  if (typeof body.conda_file === 'string' && !hasUriScheme(body.conda_file)) {
    const path = resolve(source.baseDir, body.conda_file);
    const text = await readFile(path, 'utf8').catch((cause: Error) => {
      throw new LatheError('LATHE_INVALID_SPEC', `${source.file}: conda_file: cannot read '${path}' (${cause.message})`, { details: { field: 'conda_file' }, cause });
    });
    body.conda_file = parseYamlData(text, path);
  }
  const build = body.build as { path?: unknown } | undefined;
  if (build && typeof build.path === 'string' && !hasUriScheme(build.path)) {
    build.path = await uploadPath(client, resolve(source.baseDir, build.path), source.file, 'build.path', { asFolder: true, ...progress }, source.onWarning);
  }
}
