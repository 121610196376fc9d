import { ACTIVE_STATUSES, LatheError } from '@lathe/core';
import type { MetadataStore } from '@lathe/store';

// Counting reads job records; a compute with more jobs than this shows this many.
const COUNT_LIMIT = 10_000;

/** Jobs of a workspace's compute holding a slot, and those queued for one. */
export async function computeJobCounts(store: MetadataStore, workspace: string, compute: string): Promise<{ running: number; queued: number }> {
  const filter = { workspace, compute };
  const [running, queued] = await Promise.all([store.findJobsByStatus(ACTIVE_STATUSES, COUNT_LIMIT, filter), store.findJobsByStatus(['Queued'], COUNT_LIMIT, filter)]);
  return { running: running.length, queued: queued.length };
}

/**
 * Throws `LATHE_CONFLICT` naming some of the compute's jobs when any is queued or active: its
 * queue would have no slots left to run them, so they would wait forever.
 */
export async function refuseComputeInUse(store: MetadataStore, workspace: string, compute: string): Promise<void> {
  const jobs = await store.findJobsByStatus(['NotStarted', 'Queued', ...ACTIVE_STATUSES], 5, { workspace, compute });
  if (jobs.length === 0) return;
  const names = jobs.map((j) => j.name);
  throw new LatheError('LATHE_CONFLICT', `compute '${compute}' has queued or running jobs (${names.join(', ')}); cancel them or wait for them to end before deleting it`, {
    details: { compute, jobs: names },
  });
}

/** Throws `LATHE_CONFLICT` when `name` is one of the server's built-in computes (`builtins`), which cannot be `what` (replaced, deleted). */
export function refuseBuiltinCompute(builtins: readonly string[], name: string, what: string): void {
  if (!builtins.includes(name)) return;
  throw new LatheError('LATHE_CONFLICT', `compute '${name}' is built in and cannot be ${what}; give the compute another name`, { details: { compute: name } });
}
