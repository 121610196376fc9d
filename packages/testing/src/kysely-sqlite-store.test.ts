import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after } from 'node:test';
import { openSqliteStore } from '@lathe/store';
import { describeMetadataStore } from './describe-metadata-store.js';
import { describeTrackingStore } from './describe-tracking-store.js';
import { describeModelRegistryStore } from './describe-model-registry-store.js';
import { describeAssetStore } from './describe-asset-store.js';
import { describeWorkspaceStore } from './describe-workspace-store.js';
import { describeServicePrincipalStore } from './describe-service-principal-store.js';
import { describeScheduleStore } from './describe-schedule-store.js';

const folder = await mkdtemp(join(tmpdir(), 'lathe-sqlite-'));
after(() => rm(folder, { recursive: true, force: true }));

// A file in a folder that does not exist yet, so opening must create the folder.
describeMetadataStore('KyselyMetadataStore on SQLite', () => openSqliteStore(join(folder, 'nested', 'metadata.db')));
describeMetadataStore('KyselyMetadataStore on in-memory SQLite', () => openSqliteStore(':memory:'));
describeTrackingStore('KyselyTrackingStore on SQLite', () => openSqliteStore(join(folder, 'tracking.db')));
describeModelRegistryStore('KyselyModelRegistryStore on SQLite', () => openSqliteStore(join(folder, 'registry.db')));
describeAssetStore('KyselyAssetStore on SQLite', () => openSqliteStore(join(folder, 'assets.db')));
describeWorkspaceStore('KyselyWorkspaceStore on SQLite', () => openSqliteStore(join(folder, 'workspaces.db')));
describeServicePrincipalStore('KyselyServicePrincipalStore on SQLite', () => openSqliteStore(':memory:'));
describeScheduleStore('KyselyScheduleStore on SQLite', () => openSqliteStore(join(folder, 'schedules.db')));
