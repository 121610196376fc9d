import type { Route } from './router.js';
import { JobsPage } from './pages/jobs/jobs-page.js';
import { JobPage } from './pages/job/job-page.js';
import { ComparePage } from './pages/compare/compare-page.js';
import { ExperimentsPage } from './pages/experiments/experiments-page.js';
import { AssetListPage } from './pages/assets/asset-list-page.js';
import { AssetPage } from './pages/assets/asset-page.js';

/**
 * Every page and its URL. Later capabilities add theirs here (and an entry in nav.ts):
 * `/sweeps/:name`, `/pipelines/:name`, `/endpoints/:name`, …
 */
export const ROUTES: Route[] = [
  { pattern: '/jobs', render: () => <JobsPage /> },
  { pattern: '/jobs/:name', render: (p) => <JobPage name={p.name as string} /> },
  { pattern: '/compare', render: () => <ComparePage /> },
  { pattern: '/experiments', render: () => <ExperimentsPage /> },
  { pattern: '/models', render: () => <AssetListPage kind="models" /> },
  { pattern: '/models/:name', render: (p) => <AssetPage kind="models" name={p.name as string} /> },
  { pattern: '/models/:name/:version', render: (p) => <AssetPage kind="models" name={p.name as string} version={p.version} /> },
  { pattern: '/data', render: () => <AssetListPage kind="data" /> },
  { pattern: '/data/:name', render: (p) => <AssetPage kind="data" name={p.name as string} /> },
  { pattern: '/data/:name/:version', render: (p) => <AssetPage kind="data" name={p.name as string} version={p.version} /> },
  { pattern: '/environments', render: () => <AssetListPage kind="environments" /> },
  { pattern: '/environments/:name', render: (p) => <AssetPage kind="environments" name={p.name as string} /> },
  { pattern: '/environments/:name/:version', render: (p) => <AssetPage kind="environments" name={p.name as string} version={p.version} /> },
  { pattern: '/components', render: () => <AssetListPage kind="components" /> },
  { pattern: '/components/:name', render: (p) => <AssetPage kind="components" name={p.name as string} /> },
  { pattern: '/components/:name/:version', render: (p) => <AssetPage kind="components" name={p.name as string} version={p.version} /> },
];
