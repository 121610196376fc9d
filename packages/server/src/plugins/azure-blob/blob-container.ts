import { createHash, randomUUID } from 'node:crypto';
import { createReadStream, createWriteStream, type Stats } from 'node:fs';
import { link, mkdir, readdir, readFile, rename, rm, stat, unlink, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { confinePath, isWithin, realPath } from '@lathe/store';
import { blobError } from './blob-error.js';
import { checkBlobName } from './blob-name.js';

/** The headers a blob keeps and answers with (`x-ms-blob-content-*` on writes). */
export interface BlobHeaders {
  contentType?: string | undefined;
  contentEncoding?: string | undefined;
  contentLanguage?: string | undefined;
  contentDisposition?: string | undefined;
  cacheControl?: string | undefined;
}

/** What Get Blob Properties answers about a blob. */
export interface BlobProperties extends BlobHeaders {
  name: string;
  size: number;
  /** Quoted, as sent in `ETag`. */
  etag: string;
  lastModified: Date;
  created: Date;
  /** Base64 MD5 of the content, when it was written through this endpoint. */
  contentMd5?: string | undefined;
  metadata: Record<string, string>;
}

/** Options of a write: headers, metadata and the conditions Azure's clients send. */
export interface BlobWrite {
  headers: BlobHeaders;
  metadata: Record<string, string>;
  /** `If-None-Match: *`: refuse (`BlobAlreadyExists`) when the blob exists, atomically. */
  mustNotExist: boolean;
}

// Properties kept beside (not inside) the datastore's folder, so jobs mounting it see only data.
interface Sidecar extends BlobHeaders {
  size: number;
  mtimeMs: number;
  etag: string;
  created: number;
  contentMd5?: string;
  metadata: Record<string, string>;
}

const TEMPORARY = /\.lathe-[0-9a-f-]{36}$/;

/**
 * A Blob container that is a datastore's folder: blob `a/b.txt` is the file `a/b.txt` there, so a
 * job mounting `azureml://datastores/<container>/paths/a/b.txt` reads what was uploaded. Content
 * is written beside its target under a temporary name and renamed into place only when complete;
 * properties and metadata live in `sidecars` (a JSON file per blob), and are ignored once the
 * file they describe has been replaced by other means (its size or time differ).
 */
export class BlobContainer {
  constructor(
    readonly name: string,
    private readonly root: string,
    private readonly sidecars: string,
    private readonly blocks: string,
  ) {}

  /** The blob's properties, or `undefined` when no file has that name. */
  async head(name: string): Promise<BlobProperties | undefined> {
    const info = await stat(await this.target(name)).catch(() => undefined);
    if (info === undefined || !info.isFile()) return undefined;
    const sidecar = await this.readSidecar(name);
    const fresh = sidecar !== undefined && sidecar.size === info.size && sidecar.mtimeMs === info.mtimeMs ? sidecar : undefined;
    const etag =
      fresh?.etag ??
      `"0x${Math.floor(info.mtimeMs * 1000)
        .toString(16)
        .toUpperCase()}${info.size.toString(16).toUpperCase()}"`;
    return propertiesOf(name, info, fresh ?? { created: info.birthtimeMs, metadata: {} }, etag);
  }

  /** The blob's properties; `BlobNotFound` when it does not exist. */
  async properties(name: string): Promise<BlobProperties> {
    const found = await this.head(name);
    if (found === undefined) throw blobError('BlobNotFound', `blob '${name}' does not exist in container '${this.name}'`);
    return found;
  }

  /** The blob's bytes `start`..`end` (inclusive), or all of them. */
  async read(name: string, range?: { start: number; end: number }): Promise<Readable> {
    return createReadStream(await this.target(name), range);
  }

  /**
   * Put Blob: streams `body` to a temporary file, checks it against `md5` (base64, when the client
   * sent one: `Md5Mismatch`), then moves it into place. Returns the new properties.
   */
  async put(name: string, body: Readable, md5: string | undefined, write: BlobWrite): Promise<BlobProperties> {
    const target = await this.target(name);
    await refuseExisting(name, target, write);
    await mkdir(dirname(target), { recursive: true });
    const temp = `${target}.lathe-${randomUUID()}`;
    try {
      const digest = await writeHashed(body, temp);
      if (md5 !== undefined && md5 !== digest) throw blobError('Md5Mismatch', `the content's MD5 is ${digest}, not the Content-MD5 sent (${md5})`);
      return await this.commit(name, temp, target, digest, write);
    } finally {
      await rm(temp, { force: true });
    }
  }

  /** Put Block: keeps one uncommitted block of `name` until Put Block List names it. */
  async putBlock(name: string, blockId: string, body: Readable, md5: string | undefined): Promise<string> {
    await this.target(name);
    const folder = this.blockFolder(name);
    await mkdir(folder, { recursive: true });
    const file = join(folder, Buffer.from(blockId, 'utf8').toString('hex'));
    const temp = `${file}.lathe-${randomUUID()}`;
    try {
      const digest = await writeHashed(body, temp);
      if (md5 !== undefined && md5 !== digest) throw blobError('Md5Mismatch', `the block's MD5 is ${digest}, not the Content-MD5 sent (${md5})`);
      await rename(temp, file);
      return digest;
    } finally {
      await rm(temp, { force: true });
    }
  }

  /**
   * Put Block List: the named blocks, in order, become the blob's content (in one rename), and
   * the blob's uncommitted blocks are dropped. `InvalidBlockList` names a block never put.
   */
  async commitBlocks(name: string, blockIds: readonly string[], write: BlobWrite): Promise<BlobProperties> {
    const target = await this.target(name);
    await refuseExisting(name, target, write);
    const folder = this.blockFolder(name);
    const files = blockIds.map((id) => join(folder, Buffer.from(id, 'utf8').toString('hex')));
    for (const [i, file] of files.entries()) {
      if ((await stat(file).catch(() => undefined)) === undefined) throw blobError('InvalidBlockList', `block '${blockIds[i] ?? ''}' of blob '${name}' was never put`);
    }
    await mkdir(dirname(target), { recursive: true });
    const temp = `${target}.lathe-${randomUUID()}`;
    try {
      const digest = await writeHashed(Readable.from(concatenated(files)), temp);
      const properties = await this.commit(name, temp, target, digest, write);
      await rm(folder, { recursive: true, force: true });
      return properties;
    } finally {
      await rm(temp, { force: true });
    }
  }

  /** Set Blob Metadata: replaces the blob's metadata (a new ETag); `BlobNotFound` when missing. */
  async setMetadata(name: string, metadata: Record<string, string>): Promise<BlobProperties> {
    const current = await this.properties(name);
    const info = await stat(await this.target(name));
    await this.writeSidecar(name, { ...sidecarHeaders(current), size: info.size, mtimeMs: info.mtimeMs, etag: newEtag(), created: current.created.getTime(), metadata });
    return this.properties(name);
  }

  /** Every blob name starting with `prefix`, sorted; files only, temporary uploads left out. */
  async list(prefix: string): Promise<string[]> {
    const folder = prefix.includes('/') ? prefix.slice(0, prefix.lastIndexOf('/')) : '';
    const names: string[] = [];
    const start = folder === '' ? this.root : await this.target(folder).catch(() => undefined);
    if (start !== undefined) await walk(start, folder === '' ? '' : `${folder}/`, names);
    return names.filter((n) => n.startsWith(prefix)).sort();
  }

  private async commit(name: string, temp: string, target: string, digest: string, write: BlobWrite): Promise<BlobProperties> {
    if (write.mustNotExist) {
      // A hard link fails if the name exists, so two racing creates cannot both win.
      await link(temp, target).catch((error: NodeJS.ErrnoException) => {
        if (error.code === 'EEXIST') throw blobError('BlobAlreadyExists', `blob '${name}' exists already (If-None-Match: *)`);
        throw error;
      });
      await unlink(temp);
    } else {
      await rename(temp, target);
    }
    const info = await stat(target);
    const headers = { ...write.headers, contentType: write.headers.contentType ?? 'application/octet-stream' };
    const sidecar = { ...headers, size: info.size, mtimeMs: info.mtimeMs, etag: newEtag(), created: Date.now(), contentMd5: digest, metadata: write.metadata };
    await this.writeSidecar(name, sidecar);
    // What head() would read back, without resolving the name and reading the sidecar again.
    return propertiesOf(name, info, sidecar, sidecar.etag);
  }

  // The blob's file, confined to the container's folder by name and by where links lead.
  private async target(name: string): Promise<string> {
    checkBlobName(name);
    const target = confinePath(this.root, name);
    if (!isWithin(await realPath(this.root), await realPath(target))) throw blobError('InvalidResourceName', `blob '${name}' leads outside its container through a symbolic link`);
    return target;
  }

  private blockFolder(name: string): string {
    return join(this.blocks, createHash('sha256').update(name).digest('hex'));
  }

  private async readSidecar(name: string): Promise<Sidecar | undefined> {
    const text = await readFile(confinePath(this.sidecars, `${name}.json`), 'utf8').catch(() => undefined);
    if (text === undefined) return undefined;
    try {
      return JSON.parse(text) as Sidecar;
    } catch {
      return undefined;
    }
  }

  private async writeSidecar(name: string, sidecar: Sidecar): Promise<void> {
    const file = confinePath(this.sidecars, `${name}.json`);
    await mkdir(dirname(file), { recursive: true });
    const temp = `${file}.lathe-${randomUUID()}`;
    await writeFile(temp, JSON.stringify(sidecar));
    await rename(temp, file);
  }
}

function sidecarHeaders(p: BlobProperties): BlobHeaders & { contentMd5?: string } {
  const { contentType, contentEncoding, contentLanguage, contentDisposition, cacheControl, contentMd5 } = p;
  return Object.fromEntries(Object.entries({ contentType, contentEncoding, contentLanguage, contentDisposition, cacheControl, contentMd5 }).filter(([, v]) => v !== undefined));
}

// A blob's properties from its file's `info` and what its sidecar (or the file alone) says.
function propertiesOf(name: string, info: Stats, sidecar: Pick<Sidecar, 'created' | 'metadata'> & Partial<Sidecar>, etag: string): BlobProperties {
  const { size: _size, mtimeMs: _mtime, etag: _etag, created, metadata, ...headers } = sidecar;
  return { ...headers, name, size: info.size, etag, lastModified: info.mtime, created: new Date(created), metadata };
}

// `If-None-Match: *` on a blob whose file `target` exists: BlobAlreadyExists (one stat; the
// write itself stays atomic, as commit links rather than renames).
async function refuseExisting(name: string, target: string, write: BlobWrite): Promise<void> {
  if (!write.mustNotExist) return;
  const info = await stat(target).catch(() => undefined);
  if (info?.isFile()) throw blobError('BlobAlreadyExists', `blob '${name}' exists already (If-None-Match: *)`);
}

function newEtag(): string {
  return `"0x${randomUUID().replace(/-/g, '').slice(0, 15).toUpperCase()}"`;
}

// Streams `body` into `file`, returning the base64 MD5 of what was written.
async function writeHashed(body: Readable, file: string): Promise<string> {
  const hash = createHash('md5');
  const hasher = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      hash.update(chunk);
      done(null, chunk);
    },
  });
  await pipeline(body, hasher, createWriteStream(file, { flags: 'wx' }));
  return hash.digest('base64');
}

async function* concatenated(files: readonly string[]): AsyncGenerator<Buffer> {
  for (const file of files) for await (const chunk of createReadStream(file)) yield chunk as Buffer;
}

async function walk(folder: string, prefix: string, names: string[]): Promise<void> {
  const entries = await readdir(folder, { withFileTypes: true }).catch(() => []);
  for (const entry of entries) {
    if (entry.isDirectory()) await walk(join(folder, entry.name), `${prefix}${entry.name}/`, names);
    else if (entry.isFile() && !TEMPORARY.test(entry.name)) names.push(`${prefix}${entry.name}`);
  }
}
