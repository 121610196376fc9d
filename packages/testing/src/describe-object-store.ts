import { describe, it } from 'node:test';
import type { ObjectStore } from '@lathe/store';
import { defineObjectKeyTests, defineObjectListTests, defineObjectReadWriteTests, type ObjectStoreSuite } from './object-store/object-store-tests.js';
import { openedOnce } from './opened-once.js';

/** What {@link describeObjectStore} gets from `open`: the store and a way to clean up after it. */
export interface ObjectStoreFixture {
  store: ObjectStore;
  cleanup?: () => Promise<void>;
}

/**
 * The contract suite every {@link ObjectStore} must pass, registered with `node:test` under
 * `describe(name)`. `open` is called once; each test works under its own random key prefix, so
 * one bucket or folder may be shared. `skip` lists tests to skip, name → reason.
 *
 * @example
 * ```ts
 * describeObjectStore('LocalObjectStore', async () => ({ store: new LocalObjectStore(folder) }));
 * ```
 */
export function describeObjectStore(name: string, open: () => Promise<ObjectStoreFixture>, options: { skip?: Record<string, string> } = {}): void {
  describe(name, () => {
    const fixture = openedOnce(open, async (opened) => opened.cleanup?.());
    const suite: ObjectStoreSuite = {
      get store(): ObjectStore {
        return fixture().store;
      },
      test(testName, body) {
        const reason = options.skip?.[testName];
        it(testName, reason === undefined ? {} : { skip: reason }, body);
      },
    };
    describe('put, get, head and delete', () => defineObjectReadWriteTests(suite));
    describe('listing', () => defineObjectListTests(suite));
    describe('keys', () => defineObjectKeyTests(suite));
  });
}
