import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { describe, it } from 'node:test';
import type { MetadataStore, ServicePrincipalRecord, ServicePrincipalStore } from '@lathe/store';
import { T0, newWorkspace, uniqueName } from './metadata-store/store-fixtures.js';
import { openedOnce } from './opened-once.js';
import { rejectsWith } from './rejects-with.js';

/**
 * The contract suite every {@link ServicePrincipalStore} must pass, with the {@link MetadataStore}
 * that owns its workspaces. `open` is called once; the store is closed after.
 *
 * @example
 * ```ts
 * describeServicePrincipalStore('KyselyServicePrincipalStore on SQLite', () => openSqliteStore(':memory:'));
 * ```
 */
export function describeServicePrincipalStore(name: string, open: () => Promise<MetadataStore & { servicePrincipals: ServicePrincipalStore }>): void {
  describe(name, () => {
    const opened = openedOnce(open, (store) => store.close());
    const principal = (workspace: string, overrides: Partial<ServicePrincipalRecord> = {}): ServicePrincipalRecord => ({
      clientId: randomUUID(),
      workspace,
      name: uniqueName('sp'),
      secretHash: 'scrypt$16384$8$1$c2FsdA$aGFzaA',
      createdAt: T0,
      ...overrides,
    });

    it('creates a principal and reads it back by client id', async () => {
      const store = opened();
      const record = principal(await newWorkspace(store));
      assert.deepEqual(await store.servicePrincipals.createServicePrincipal(record), record);
      assert.deepEqual(await store.servicePrincipals.getServicePrincipal(record.clientId), record);
      assert.equal(await store.servicePrincipals.getServicePrincipal(randomUUID()), undefined);
    });

    it("lists a workspace's principals by name, and only that workspace's", async () => {
      const store = opened();
      const workspace = await newWorkspace(store);
      const other = await newWorkspace(store);
      const b = await store.servicePrincipals.createServicePrincipal(principal(workspace, { name: 'b' }));
      const a = await store.servicePrincipals.createServicePrincipal(principal(workspace, { name: 'a' }));
      await store.servicePrincipals.createServicePrincipal(principal(other, { name: 'a' }));
      assert.deepEqual(await store.servicePrincipals.listServicePrincipals(workspace), [a, b]);
    });

    it('refuses a name taken in the workspace, and a workspace that does not exist', async () => {
      const store = opened();
      const workspace = await newWorkspace(store);
      await store.servicePrincipals.createServicePrincipal(principal(workspace, { name: 'ci' }));
      await rejectsWith(store.servicePrincipals.createServicePrincipal(principal(workspace, { name: 'ci' })), 'LATHE_CONFLICT', /'ci' exists already/);
      await rejectsWith(store.servicePrincipals.createServicePrincipal(principal(uniqueName('nows'))), 'LATHE_NOT_FOUND');
      assert.equal((await store.servicePrincipals.listServicePrincipals(workspace)).length, 1);
    });

    it('deletes a principal of its own workspace only', async () => {
      const store = opened();
      const workspace = await newWorkspace(store);
      const record = await store.servicePrincipals.createServicePrincipal(principal(workspace));
      assert.equal(await store.servicePrincipals.deleteServicePrincipal(await newWorkspace(store), record.clientId), false);
      assert.equal(await store.servicePrincipals.deleteServicePrincipal(workspace, record.clientId), true);
      assert.equal(await store.servicePrincipals.getServicePrincipal(record.clientId), undefined);
      assert.equal(await store.servicePrincipals.deleteServicePrincipal(workspace, record.clientId), false);
    });
  });
}
