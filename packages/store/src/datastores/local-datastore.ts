import { randomUUID } from 'node:crypto';
import { mkdir, rename, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { PackedPath } from '../artifacts/artifact-store.js';
import { confinePath } from '../artifacts/confine-path.js';
import { extractPlainFiles } from '../artifacts/local-artifact-store.js';
import { packPath } from '../artifacts/pack-path.js';
import type { Datastore } from './datastore.js';

/** A {@link Datastore} that is a folder on the server's machine. */
export class LocalDatastore implements Datastore {
  constructor(
    readonly name: string,
    readonly root: string,
  ) {}

  pack(path: string): Promise<PackedPath> {
    return packPath(confinePath(this.root, path), `azureml://datastores/${this.name}/paths/${path}`);
  }

  async writeArchive(path: string, archive: Readable): Promise<void> {
    const target = confinePath(this.root, path);
    // Unpacked beside the target, then swapped in: readers never see half an output.
    const temp = `${target}.lathe-${randomUUID()}`;
    await mkdir(temp, { recursive: true });
    try {
      await pipeline(archive, extractPlainFiles(temp));
      await rm(target, { recursive: true, force: true });
      await rename(temp, target);
    } finally {
      await rm(temp, { recursive: true, force: true });
    }
  }

  async stat(path: string): Promise<'file' | 'folder' | undefined> {
    const info = await stat(confinePath(this.root, path)).catch(() => undefined);
    return info === undefined ? undefined : info.isDirectory() ? 'folder' : 'file';
  }

  /** The folder of the datastore, created if missing. */
  async ensureRoot(): Promise<string> {
    await mkdir(this.root, { recursive: true });
    return join(this.root);
  }
}
