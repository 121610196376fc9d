export { describeMetadataStore } from './describe-metadata-store.js';
export type { DescribeMetadataStoreOptions } from './describe-metadata-store.js';
