import { describe, it } from 'node:test';
import type { AssetStore, MetadataStore, ModelRegistryStore } from '@lathe/store';
import { defineAssetSharingTests, defineModelVersionTests, defineRegisteredModelTests, defineRegistrySearchTests, type ModelRegistrySuite } from './model-registry-store/model-registry-store-tests.js';
import { openedOnce } from './opened-once.js';

/** The stores {@link describeModelRegistryStore} exercises: they share one database. */
export type ModelRegistryStores = MetadataStore & { assets: AssetStore; modelRegistry: ModelRegistryStore };

/**
 * The contract suite every {@link ModelRegistryStore} must pass, with the {@link AssetStore} whose
 * `model` assets it serves (one set of models) and the {@link MetadataStore} that owns workspaces.
 * `open` is called once; the stores are closed after. Each test works in its own random
 * workspace, so one database may be shared.
 *
 * @example
 * ```ts
 * describeModelRegistryStore('KyselyModelRegistryStore on SQLite', () => openSqliteStore(':memory:'));
 * ```
 */
export function describeModelRegistryStore(name: string, open: () => Promise<ModelRegistryStores>): void {
  describe(name, () => {
    const opened = openedOnce(open, (stores) => stores.close());
    const suite: ModelRegistrySuite = {
      get metadata() {
        return opened();
      },
      get assets() {
        return opened().assets;
      },
      get registry() {
        return opened().modelRegistry;
      },
      test: (testName, body) => it(testName, body),
    };
    describe('registered models', () => defineRegisteredModelTests(suite));
    describe('model versions', () => defineModelVersionTests(suite));
    describe('one set of models with the asset store', () => defineAssetSharingTests(suite));
    describe('search', () => defineRegistrySearchTests(suite));
  });
}
