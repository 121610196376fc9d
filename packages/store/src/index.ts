export type {
  CreateJobInput,
  JobPage,
  ListJobsQuery,
  MetadataStore,
  TransitionInput,
  TransitionPatch,
} from './metadata-store.js';
export { KyselyMetadataStore } from './kysely/kysely-metadata-store.js';
export type { SqlDialect } from './kysely/kysely-metadata-store.js';
export { openPostgresStore } from './kysely/open-postgres-store.js';
export type { OpenPostgresStoreOptions } from './kysely/open-postgres-store.js';
export { openSqliteStore } from './kysely/open-sqlite-store.js';
export type { Database } from './kysely/schema.js';
export type { ArtifactStore, BlobInfo, JobRef, OutputFile } from './artifacts/artifact-store.js';
export { LocalArtifactStore, extractPlainFiles } from './artifacts/local-artifact-store.js';
export { confinePath } from './artifacts/confine-path.js';
