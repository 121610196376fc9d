import { describe, it } from 'node:test';
import type { ArtifactStore } from '@lathe/store';
import { defineBlobTests, defineLogTests, defineOutputTests, defineTrackingTests, type ArtifactStoreSuite } from './artifact-store/artifact-store-tests.js';
import { openedOnce } from './opened-once.js';

/** What {@link describeArtifactStore} gets from `open`: the store and a way to clean up after it. */
export interface ArtifactStoreFixture {
  store: ArtifactStore;
  cleanup?: () => Promise<void>;
}

/**
 * The contract suite every {@link ArtifactStore} must pass, registered with `node:test` under
 * `describe(name)`. `open` is called once; each test uses its own random workspaces and jobs, so
 * one store may be shared. `skip` lists tests to skip, name → reason.
 *
 * @example
 * ```ts
 * describeArtifactStore('LocalArtifactStore', async () => ({ store: new LocalArtifactStore(folder) }));
 * ```
 */
export function describeArtifactStore(name: string, open: () => Promise<ArtifactStoreFixture>, options: { skip?: Record<string, string> } = {}): void {
  describe(name, () => {
    const fixture = openedOnce(open, async (opened) => opened.cleanup?.());
    const suite: ArtifactStoreSuite = {
      get store(): ArtifactStore {
        return fixture().store;
      },
      test(testName, body) {
        const reason = options.skip?.[testName];
        it(testName, reason === undefined ? {} : { skip: reason }, body);
      },
    };
    describe('blobs', () => defineBlobTests(suite));
    describe('job logs', () => defineLogTests(suite));
    describe('job outputs', () => defineOutputTests(suite));
    describe('tracking artifacts', () => defineTrackingTests(suite));
  });
}
