import { createHash, randomUUID } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, open, readdir, rename, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import * as tar from 'tar';
import { LatheError, isPlainArchiveEntry, isValidName, notFound } from '@lathe/core';
import type { ArtifactStore, BlobInfo, FolderEntry, JobRef, OutputFile, PackedPath } from './artifact-store.js';
import { confinePath } from './confine-path.js';
import { packPath } from './pack-path.js';

const SHA256 = /^[0-9a-f]{64}$/;

/**
 * {@link ArtifactStore} on the local file system, under one root folder:
 * `blobs/sha256/<2>/<64>`, `workspaces/<ws>/jobs/<job>/{user_logs/std_log.txt,outputs/<name>/}`,
 * and `tmp/` for uploads in flight (renamed into place when complete, so readers never see a
 * partial file).
 */
export class LocalArtifactStore implements ArtifactStore {
  private readonly logLocks = new Map<string, Promise<unknown>>();

  constructor(readonly root: string) {}

  async putBlob(content: Readable, expectedSha256?: string): Promise<BlobInfo & { existed: boolean }> {
    if (expectedSha256 !== undefined) checkSha(expectedSha256);
    const temp = await this.tempPath();
    const hash = createHash('sha256');
    let size = 0;
    content.on('data', (chunk: Buffer) => {
      hash.update(chunk);
      size += chunk.length;
    });
    try {
      await pipeline(content, createWriteStream(temp));
      const sha256 = hash.digest('hex');
      if (expectedSha256 !== undefined && sha256 !== expectedSha256) {
        throw new LatheError('LATHE_CHECKSUM_MISMATCH', `content hashes to ${sha256}, not ${expectedSha256}`, {
          details: { expected: expectedSha256, actual: sha256 },
        });
      }
      const existed = (await this.statBlob(sha256)) !== undefined;
      if (!existed) {
        await mkdir(join(this.root, 'blobs', 'sha256', sha256.slice(0, 2)), { recursive: true });
        await rename(temp, this.blobFile(sha256));
      }
      return { sha256, size, existed };
    } finally {
      await rm(temp, { force: true });
    }
  }

  async statBlob(sha256: string): Promise<BlobInfo | undefined> {
    checkSha(sha256);
    const info = await stat(this.blobFile(sha256)).catch(() => undefined);
    return info ? { sha256, size: info.size } : undefined;
  }

  async openBlob(sha256: string): Promise<Readable> {
    if (!(await this.statBlob(sha256))) throw notFound('blob', sha256);
    return createReadStream(this.blobFile(sha256));
  }

  /** The blob's file on disk (local compute reads it without a copy). */
  blobFile(sha256: string): string {
    checkSha(sha256);
    return join(this.root, 'blobs', 'sha256', sha256.slice(0, 2), sha256);
  }

  appendLog(ref: JobRef, offset: number, chunk: Buffer): Promise<number> {
    const file = this.logFile(ref);
    const previous = this.logLocks.get(file) ?? Promise.resolve();
    const next = previous.then(() => this.appendNow(file, offset, chunk));
    const settled = next.catch(() => undefined);
    this.logLocks.set(file, settled);
    void settled.then(() => {
      if (this.logLocks.get(file) === settled) this.logLocks.delete(file);
    });
    return next;
  }

  private async appendNow(file: string, offset: number, chunk: Buffer): Promise<number> {
    const size = await fileSize(file);
    if (offset !== size) return size;
    await mkdir(join(file, '..'), { recursive: true });
    const handle = await open(file, 'a');
    try {
      await handle.write(chunk);
    } catch (error) {
      // A short write (a full disk) must not leave part of the chunk: the retry appends it whole.
      await handle.truncate(size).catch(() => undefined);
      throw error;
    } finally {
      await handle.close();
    }
    return size + chunk.length;
  }

  logSize(ref: JobRef): Promise<number> {
    return fileSize(this.logFile(ref));
  }

  async openLog(ref: JobRef, start: number, end?: number): Promise<Readable> {
    const file = this.logFile(ref);
    const size = await fileSize(file);
    const stop = Math.min(end ?? size, size);
    if (start >= stop) return Readable.from([]);
    return createReadStream(file, { start, end: stop - 1 });
  }

  async writeOutputArchive(ref: JobRef, output: string, archive: Readable): Promise<OutputFile[]> {
    const target = this.outputDir(ref, output);
    const temp = await this.tempPath();
    await mkdir(temp, { recursive: true });
    try {
      await pipeline(archive, extractPlainFiles(temp));
      await rm(target, { recursive: true, force: true });
      await mkdir(join(target, '..'), { recursive: true });
      await rename(temp, target);
    } finally {
      await rm(temp, { recursive: true, force: true });
    }
    return this.listOutputFiles(ref, output);
  }

  async listOutputs(ref: JobRef): Promise<string[]> {
    const entries = await readdir(join(this.jobDir(ref), 'outputs'), { withFileTypes: true }).catch(() => []);
    return entries.filter((e) => e.isDirectory()).map((e) => e.name).sort();
  }

  async listOutputFiles(ref: JobRef, output: string): Promise<OutputFile[]> {
    const dir = await this.existingOutputDir(ref, output);
    const entries = await readdir(dir, { recursive: true, withFileTypes: true });
    const files: OutputFile[] = [];
    for (const e of entries) {
      if (!e.isFile()) continue;
      const full = join(e.parentPath, e.name);
      files.push({ path: full.slice(dir.length + 1).split('\\').join('/'), size: (await stat(full)).size });
    }
    return files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  }

  async openOutputFile(ref: JobRef, output: string, path: string): Promise<Readable> {
    const dir = await this.existingOutputDir(ref, output);
    const file = confinePath(dir, path);
    const info = await stat(file).catch(() => undefined);
    if (!info?.isFile()) throw notFound('output file', `${output}/${path}`);
    return createReadStream(file);
  }

  async packOutput(ref: JobRef, output: string): Promise<Readable> {
    const dir = await this.existingOutputDir(ref, output);
    // node-tar packs into its own stream type; Readable.from makes it a Node stream for HTTP.
    return Readable.from(tar.create({ gzip: true, cwd: dir, portable: true }, ['.']) as unknown as AsyncIterable<Buffer>);
  }

  async listOutputFolder(ref: JobRef, output: string, path: string): Promise<FolderEntry[]> {
    return listFolder(confinePath(this.outputDir(ref, output), path));
  }

  async statOutputPath(ref: JobRef, output: string, path: string): Promise<FolderEntry | undefined> {
    return statEntry(confinePath(this.outputDir(ref, output), path));
  }

  async putTrackingFile(workspace: string, path: string, content: Readable): Promise<{ size: number }> {
    const file = this.trackingPath(workspace, path);
    if (file === this.trackingPath(workspace, '')) throw new LatheError('LATHE_BAD_REQUEST', 'an artifact needs a file path');
    const temp = await this.tempPath();
    let size = 0;
    content.on('data', (chunk: Buffer) => {
      size += chunk.length;
    });
    try {
      await pipeline(content, createWriteStream(temp));
      await mkdir(join(file, '..'), { recursive: true });
      await rename(temp, file);
    } finally {
      await rm(temp, { force: true });
    }
    return { size };
  }

  async openTrackingFile(workspace: string, path: string): Promise<Readable> {
    const file = this.trackingPath(workspace, path);
    const info = await stat(file).catch(() => undefined);
    if (!info?.isFile()) throw notFound('artifact', path);
    return createReadStream(file);
  }

  statTrackingPath(workspace: string, path: string): Promise<FolderEntry | undefined> {
    return statEntry(this.trackingPath(workspace, path));
  }

  listTrackingFolder(workspace: string, path: string): Promise<FolderEntry[]> {
    return listFolder(this.trackingPath(workspace, path));
  }

  async deleteTrackingPath(workspace: string, path: string): Promise<void> {
    const target = this.trackingPath(workspace, path);
    if (target === this.trackingPath(workspace, '')) throw new LatheError('LATHE_BAD_REQUEST', 'refusing to delete the artifact root');
    await rm(target, { recursive: true, force: true });
  }

  async unpackBlobToTracking(workspace: string, path: string, sha256: string): Promise<void> {
    const target = this.trackingPath(workspace, path);
    if ((await stat(target).catch(() => undefined)) !== undefined) return;
    const blob = await this.openBlob(sha256);
    const temp = await this.tempPath();
    await mkdir(temp, { recursive: true });
    try {
      await pipeline(blob, extractPlainFiles(temp));
      await mkdir(join(target, '..'), { recursive: true });
      await rename(temp, target).catch(async (error: unknown) => {
        // A concurrent unpack of the same blob got there first: its folder is the same.
        if ((await stat(target).catch(() => undefined)) === undefined) throw error;
      });
    } finally {
      await rm(temp, { recursive: true, force: true });
    }
  }

  async packOutputPath(ref: JobRef, output: string, path: string): Promise<PackedPath> {
    return packPath(confinePath(this.outputDir(ref, output), path), `${output}/${path}`);
  }

  async packTrackingPath(workspace: string, path: string): Promise<PackedPath> {
    return packPath(this.trackingPath(workspace, path), path);
  }

  private trackingPath(workspace: string, path: string): string {
    return confinePath(join(this.root, 'workspaces', checkName(workspace), 'mlflow-artifacts'), path);
  }

  private async existingOutputDir(ref: JobRef, output: string): Promise<string> {
    const dir = this.outputDir(ref, output);
    const info = await stat(dir).catch(() => undefined);
    if (!info?.isDirectory()) throw notFound('output', output, { job: ref.job });
    return dir;
  }

  private jobDir(ref: JobRef): string {
    return join(this.root, 'workspaces', checkName(ref.workspace), 'jobs', checkName(ref.job));
  }

  private outputDir(ref: JobRef, output: string): string {
    return join(this.jobDir(ref), 'outputs', checkName(output));
  }

  private logFile(ref: JobRef): string {
    return join(this.jobDir(ref), 'user_logs', 'std_log.txt');
  }

  /**
   * Removes everything in `tmp/`: uploads and extractions a stopped server left unfinished. Call it
   * before serving requests (no upload of this process is in flight then). Resolves to the number of
   * entries removed.
   */
  async removeTemporaryFiles(): Promise<number> {
    const dir = join(this.root, 'tmp');
    const entries = await readdir(dir).catch(() => [] as string[]);
    for (const entry of entries) await rm(join(dir, entry), { recursive: true, force: true });
    return entries.length;
  }

  private async tempPath(): Promise<string> {
    const dir = join(this.root, 'tmp');
    await mkdir(dir, { recursive: true });
    return join(dir, randomUUID());
  }
}

/** A tar extractor into `cwd` that keeps only regular files and folders (`isPlainArchiveEntry`). */
export function extractPlainFiles(cwd: string): NodeJS.WritableStream {
  return tar.extract({ cwd, strict: true, filter: (_path, entry) => isPlainArchiveEntry(entry as { type?: string }) }) as unknown as NodeJS.WritableStream;
}

function checkSha(sha256: string): void {
  if (!SHA256.test(sha256)) {
    throw new LatheError('LATHE_BAD_REQUEST', `'${sha256}' is not a sha256 digest (64 lowercase hex characters)`, { details: { sha256 } });
  }
}

function checkName(name: string): string {
  if (!isValidName(name)) throw new LatheError('LATHE_BAD_REQUEST', `'${name}' is not a valid name`, { details: { name } });
  return name;
}

async function statEntry(full: string): Promise<FolderEntry | undefined> {
  const info = await stat(full).catch(() => undefined);
  if (info === undefined) return undefined;
  const name = full.split(/[\\/]/).pop() ?? '';
  return info.isDirectory() ? { name, isDir: true } : { name, isDir: false, size: info.size };
}

async function listFolder(dir: string): Promise<FolderEntry[]> {
  const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
  const out: FolderEntry[] = [];
  for (const e of entries) {
    if (e.isDirectory()) out.push({ name: e.name, isDir: true });
    else if (e.isFile()) out.push({ name: e.name, isDir: false, size: (await stat(join(dir, e.name))).size });
  }
  return out.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

async function fileSize(file: string): Promise<number> {
  const info = await stat(file).catch(() => undefined);
  return info?.size ?? 0;
}
