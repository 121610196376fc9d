import { lazyPage } from './lazy-page.js';
import type { Route } from './router.js';
import { JobsPage } from './pages/jobs/jobs-page.js';

// The job list is the landing page and comes with the app; every other page loads on first
// visit (main.tsx preloads the one the URL opens), so opening Studio parses only what it shows.
const JobPage = lazyPage(() => import('./pages/job/job-page.js').then((m) => m.JobPage));
const ComparePage = lazyPage(() => import('./pages/compare/compare-page.js').then((m) => m.ComparePage));
const ExperimentsPage = lazyPage(() => import('./pages/experiments/experiments-page.js').then((m) => m.ExperimentsPage));
const AssetListPage = lazyPage(() => import('./pages/assets/asset-list-page.js').then((m) => m.AssetListPage));
const AssetPage = lazyPage(() => import('./pages/assets/asset-page.js').then((m) => m.AssetPage));

/**
 * Every page and its URL. Later capabilities add theirs here (and an entry in nav.ts):
 * `/sweeps/:name`, `/pipelines/:name`, `/endpoints/:name`, …
 */
export const ROUTES: Route[] = [
  { pattern: '/jobs', render: () => <JobsPage /> },
  { pattern: '/jobs/:name', render: (p) => <JobPage name={p.name as string} />, preload: JobPage.preload },
  { pattern: '/compare', render: () => <ComparePage />, preload: ComparePage.preload },
  { pattern: '/experiments', render: () => <ExperimentsPage />, preload: ExperimentsPage.preload },
  { pattern: '/models', render: () => <AssetListPage kind="models" />, preload: AssetListPage.preload },
  { pattern: '/models/:name', render: (p) => <AssetPage kind="models" name={p.name as string} /> },
  { pattern: '/models/:name/:version', render: (p) => <AssetPage kind="models" name={p.name as string} version={p.version} /> },
  { pattern: '/data', render: () => <AssetListPage kind="data" />, preload: AssetListPage.preload },
  { pattern: '/data/:name', render: (p) => <AssetPage kind="data" name={p.name as string} /> },
  { pattern: '/data/:name/:version', render: (p) => <AssetPage kind="data" name={p.name as string} version={p.version} /> },
  { pattern: '/environments', render: () => <AssetListPage kind="environments" />, preload: AssetListPage.preload },
  { pattern: '/environments/:name', render: (p) => <AssetPage kind="environments" name={p.name as string} /> },
  { pattern: '/environments/:name/:version', render: (p) => <AssetPage kind="environments" name={p.name as string} version={p.version} /> },
  { pattern: '/components', render: () => <AssetListPage kind="components" />, preload: AssetListPage.preload },
  { pattern: '/components/:name', render: (p) => <AssetPage kind="components" name={p.name as string} /> },
  { pattern: '/components/:name/:version', render: (p) => <AssetPage kind="components" name={p.name as string} version={p.version} /> },
];
