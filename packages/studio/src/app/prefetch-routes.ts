import { prefetchJob } from './pages/job/prefetch-job.js';
import { prefetchJobs } from './pages/jobs/prefetch-jobs.js';

/**
 * The first requests of the pages that have them, by URL pattern: main.tsx starts them for the
 * URL Studio opens with while the page's code loads (see prefetch.ts).
 */
export const PREFETCH: { pattern: string; prefetch: (params: Record<string, string>, query: URLSearchParams) => void }[] = [
  { pattern: '/jobs', prefetch: (_p, q) => prefetchJobs(q) },
  { pattern: '/jobs/:name', prefetch: (p, q) => prefetchJob(p.name as string, q) },
];
