import type { Migration, MigrationProvider } from 'kysely';
import { initialMigration } from './0001-initial.js';
import { trackingMigration } from './0002-tracking.js';
import { assetsMigration } from './0003-assets.js';
import { modelRegistryMigration } from './0004-model-registry.js';
import { runListMigration } from './0005-run-list.js';
import { jobTreeMigration } from './0006-job-tree.js';
import { modelMetricsMigration } from './0007-model-metrics.js';
import { computesMigration } from './0008-computes.js';
import { servicePrincipalsMigration } from './0009-service-principals.js';
import { jobArchivedMigration } from './0010-job-archived.js';
import { jobReuseMigration } from './0011-job-reuse.js';
import { schedulesMigration } from './0012-schedules.js';

/**
 * Every migration of the metadata store, by name. Names sort in the order the migrations run;
 * append new ones, never rename or edit an applied one.
 */
export const METADATA_MIGRATIONS: Readonly<Record<string, Migration>> = {
  '0001-initial': initialMigration,
  '0002-tracking': trackingMigration,
  '0003-assets': assetsMigration,
  '0004-model-registry': modelRegistryMigration,
  '0005-run-list': runListMigration,
  '0006-job-tree': jobTreeMigration,
  '0007-model-metrics': modelMetricsMigration,
  '0008-computes': computesMigration,
  '0009-service-principals': servicePrincipalsMigration,
  '0010-job-archived': jobArchivedMigration,
  '0011-job-reuse': jobReuseMigration,
  '0012-schedules': schedulesMigration,
};

/** A static {@link MigrationProvider} over {@link METADATA_MIGRATIONS}: no filesystem scanning. */
export const metadataMigrationProvider: MigrationProvider = {
  getMigrations: async () => ({ ...METADATA_MIGRATIONS }),
};
