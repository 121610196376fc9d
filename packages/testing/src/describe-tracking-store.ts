import { describe, it } from 'node:test';
import type { MetadataStore, TrackingStore } from '@lathe/store';
import { defineExperimentTests, defineJobRunTests, defineRunTests, defineSearchTests, type TrackingSuite } from './tracking-store/tracking-store-tests.js';
import { defineLoggedModelTests } from './tracking-store/logged-model-tests.js';
import { openedOnce } from './opened-once.js';

/**
 * The contract suite every {@link TrackingStore} must pass, with the {@link MetadataStore} that
 * shares its database (jobs are runs). `open` is called once; the stores are closed after. Each
 * test works in its own random workspace, so one database may be shared.
 */
export function describeTrackingStore(name: string, open: () => Promise<MetadataStore & { tracking: TrackingStore }>): void {
  describe(name, () => {
    const opened = openedOnce(open, (store) => store.close());
    const suite: TrackingSuite = {
      get metadata() {
        return opened();
      },
      get tracking() {
        return opened().tracking;
      },
      test: (testName, body) => it(testName, body),
    };
    describe('experiments', () => defineExperimentTests(suite));
    describe('runs', () => defineRunTests(suite));
    describe('search', () => defineSearchTests(suite));
    describe('jobs are runs', () => defineJobRunTests(suite));
    describe('logged models', () => defineLoggedModelTests(suite));
  });
}
