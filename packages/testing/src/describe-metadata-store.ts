import { after, before, describe, it } from 'node:test';
import type { MetadataStore } from '@lathe/store';
import { defineCreateJobTests } from './metadata-store/create-job-tests.js';
import { defineFindJobsByStatusTests } from './metadata-store/find-jobs-by-status-tests.js';
import { defineJobReuseTests } from './metadata-store/job-reuse-tests.js';
import { defineJobTreeTests } from './metadata-store/job-tree-tests.js';
import { defineListJobsTests } from './metadata-store/list-jobs-tests.js';
import type { StoreSuite } from './metadata-store/store-fixtures.js';
import { defineTransitionJobTests } from './metadata-store/transition-job-tests.js';

/** Options for {@link describeMetadataStore}. */
export interface DescribeMetadataStoreOptions {
  /** Tests to skip: test name → the reason, shown in the report. */
  skip?: Record<string, string>;
}

/**
 * The contract suite every {@link MetadataStore} must pass, registered with `node:test` under
 * `describe(name)`. `open` is called once before the tests and the store is closed after them.
 * Each test works in its own randomly named workspaces, so one database may be shared by many
 * runs; `findJobsByStatus` tests only assume that other rows keep to the contract.
 *
 * @example
 * ```ts
 * describeMetadataStore('KyselyMetadataStore on SQLite', () => openSqliteStore(':memory:'));
 * ```
 */
export function describeMetadataStore(name: string, open: () => Promise<MetadataStore>, options: DescribeMetadataStoreOptions = {}): void {
  describe(name, () => {
    let store: MetadataStore | undefined;
    before(async () => {
      store = await open();
    });
    after(async () => {
      await store?.close();
    });
    const suite: StoreSuite = {
      get store(): MetadataStore {
        if (store === undefined) throw new Error('the store under test is not open');
        return store;
      },
      test(testName, body) {
        const reason = options.skip?.[testName];
        it(testName, reason === undefined ? {} : { skip: reason }, body);
      },
    };
    describe('workspaces and job creation', () => defineCreateJobTests(suite));
    describe('listing jobs', () => defineListJobsTests(suite));
    describe('transitions', () => defineTransitionJobTests(suite));
    describe('finding jobs by status', () => defineFindJobsByStatusTests(suite));
    describe('job trees and progress', () => defineJobTreeTests(suite));
    describe('step reuse', () => defineJobReuseTests(suite));
  });
}
