import { notFound, type JobRecord } from '@lathe/core';
import type { ServerContext } from '../server-context.js';

/** Route params that name a job. */
export interface JobParams {
  workspace: string;
  name: string;
}

/** The job the params name; throws `LATHE_NOT_FOUND` when there is none. */
export async function requireJob(ctx: ServerContext, params: JobParams): Promise<JobRecord> {
  const job = await ctx.store.getJob(params.workspace, params.name);
  if (!job) throw notFound('job', params.name);
  return job;
}
