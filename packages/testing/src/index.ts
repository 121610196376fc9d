export { describeMetadataStore } from './describe-metadata-store.js';
export type { DescribeMetadataStoreOptions } from './describe-metadata-store.js';
export { describeComputeBackend, fakeJob } from './compute-backend/describe-compute-backend.js';
export type { ComputeBackendFixture, DescribeComputeBackendOptions } from './compute-backend/describe-compute-backend.js';
export { writeFakeLauncher } from './compute-backend/fake-launcher.js';
export { FakeComputeBackend } from './fake-compute-backend.js';
export { describeTrackingStore } from './describe-tracking-store.js';
export type { TrackingSuite } from './tracking-store/tracking-store-tests.js';
