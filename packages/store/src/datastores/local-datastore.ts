import { randomUUID } from 'node:crypto';
import { mkdir, rename, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { LatheError } from '@lathe/core';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { PackedPath } from '../artifacts/artifact-store.js';
import { confinePath } from '../artifacts/confine-path.js';
import { extractPlainFiles } from '../artifacts/local-artifact-store.js';
import { packPath } from '../artifacts/pack-path.js';
import type { Datastore } from './datastore.js';
import { isWithin, realPath } from './real-path.js';

/**
 * A {@link Datastore} that is a folder on the server's machine. Every path is confined to the
 * folder twice: by name (`confinePath`) and by where it really leads, so a symbolic link inside
 * the folder cannot read or write outside it (`LATHE_PATH_ESCAPE`).
 */
export class LocalDatastore implements Datastore {
  constructor(
    readonly name: string,
    readonly root: string,
  ) {}

  async pack(path: string): Promise<PackedPath> {
    return packPath(await this.confine(path), `azureml://datastores/${this.name}/paths/${path}`);
  }

  async writeArchive(path: string, archive: Readable): Promise<void> {
    const target = await this.confine(path);
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
    const info = await stat(await this.confine(path)).catch(() => undefined);
    return info === undefined ? undefined : info.isDirectory() ? 'folder' : 'file';
  }

  // The target, refused when a link on the way leads out of the datastore's folder.
  private async confine(path: string): Promise<string> {
    const target = confinePath(this.root, path);
    if (!isWithin(await realPath(this.root), await realPath(target))) {
      throw new LatheError('LATHE_PATH_ESCAPE', `path '${path}' of datastore '${this.name}' leads outside its folder through a symbolic link`, { details: { datastore: this.name, path } });
    }
    return target;
  }

  /** The folder of the datastore, created if missing. */
  async ensureRoot(): Promise<string> {
    await mkdir(this.root, { recursive: true });
    return join(this.root);
  }
}
