import { randomBytes } from 'node:crypto';
import { chmod, link, mkdir, readFile, unlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { LatheError, isValidName } from '@lathe/core';

/**
 * Where the Blob endpoint is mounted: `<prefix>/<account>/<container>/<blob>`, path-style as
 * storage emulators answer. A prefix keeps it clear of Studio's client-side routes.
 */
export const BLOB_ROUTE_PREFIX = '/blob';

/** A workspace's storage account: its name in Blob URLs and its SharedKey (base64, 64 bytes). */
export interface BlobAccount {
  name: string;
  key: string;
}

/**
 * The storage account of each workspace: named after the workspace, with a key generated on
 * first use into `<home>/secrets/blob-accounts/<workspace>.key` (mode 0600), so every install
 * and every workspace has its own. What the ARM control plane needs to hand a datastore to the
 * Azure SDK is {@link BlobAccounts.account} and {@link blobAccountHost}.
 */
export class BlobAccounts {
  constructor(private readonly home: string) {}

  /** The account of `workspace` (which must exist; the caller checks), its key made if missing. */
  async account(workspace: string): Promise<BlobAccount> {
    if (!isValidName(workspace)) throw new LatheError('LATHE_BAD_REQUEST', `'${workspace}' is not a workspace name`);
    const folder = join(this.home, 'secrets', 'blob-accounts');
    const file = join(folder, `${workspace}.key`);
    // Read on every request (one call once it exists), so a key deleted on disk is refused at once.
    const existing = await readFile(file, 'utf8').catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') return undefined;
      throw error;
    });
    if (existing !== undefined) return { name: workspace, key: existing.trim() };
    await mkdir(folder, { recursive: true, mode: 0o700 });
    await chmod(join(this.home, 'secrets'), 0o700);
    const key = randomBytes(64).toString('base64');
    // Written whole under another name, then linked into place: the key file is never seen empty
    // or half written, and two servers making it at once agree on the first one linked.
    const temporary = `${file}.${randomBytes(6).toString('hex')}`;
    await writeFile(temporary, `${key}\n`, { flag: 'wx', mode: 0o600 });
    try {
      await link(temporary, file);
      return { name: workspace, key };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    } finally {
      await unlink(temporary);
    }
    return { name: workspace, key: (await readFile(file, 'utf8')).trim() };
  }

  /**
   * The account names a client may sign with. Path-style clients (azure-storage-blob on
   * `127.0.0.1`) take the whole URL path as the account, so they sign `blob/<workspace>`.
   */
  signingNames(account: string): string[] {
    return [account, `${BLOB_ROUTE_PREFIX.slice(1)}/${account}`];
  }
}

/**
 * The datastore `accountName` that points the Azure ML SDK at this endpoint: it builds
 * `https://<accountName>.blob.core.windows.net`, and the `#` turns the suffix into a fragment.
 * `authority` is `host:port` of the server.
 */
export function blobAccountHost(authority: string, workspace: string): string {
  return `${authority}${BLOB_ROUTE_PREFIX}/${workspace}#`;
}
