import { describe, it } from 'node:test';
import type { AssetStore, MetadataStore } from '@lathe/store';
import { defineAssetListTests, defineAssetVersionTests, defineLineageTests, type AssetStoreSuite } from './asset-store/asset-store-tests.js';
import { openedOnce } from './opened-once.js';

/**
 * The contract suite every {@link AssetStore} must pass, with the {@link MetadataStore} that owns
 * its workspaces. `open` is called once; the stores are closed after. Each test works in its own
 * random workspace, so one database may be shared.
 *
 * @example
 * ```ts
 * describeAssetStore('KyselyAssetStore on SQLite', () => openSqliteStore(':memory:'));
 * ```
 */
export function describeAssetStore(name: string, open: () => Promise<MetadataStore & { assets: AssetStore }>): void {
  describe(name, () => {
    const opened = openedOnce(open, (store) => store.close());
    const suite: AssetStoreSuite = {
      get metadata() {
        return opened();
      },
      get assets() {
        return opened().assets;
      },
      test: (testName, body) => it(testName, body),
    };
    describe('versions', () => defineAssetVersionTests(suite));
    describe('latest, lists and archiving', () => defineAssetListTests(suite));
    describe('lineage', () => defineLineageTests(suite));
  });
}
