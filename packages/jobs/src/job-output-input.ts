import { LatheError, type JobRecord } from '@lathe/core';
import { readAssetRef } from '@lathe/spec';
import type { JobsContext } from './jobs-context.js';
import { storedOutput } from './output-source.js';

/** A job-output input as a job reads it: where the files are, and what they hold. */
export interface JobOutputReference {
  /** `azureml://jobs/<job>/outputs/<name>[/paths/<path>]` of the job that holds the files. */
  path: string;
  /** `sha256:<hex>` of the content (every file's path, size and sha256). */
  digest: string;
}

// Outputs of a Completed job never change: their digests are kept, a bounded number of them.
const digests = new Map<string, { digest: string; file?: string }>();
const MAX_DIGESTS = 2048;

/**
 * An input naming another job's output (`azureml://jobs/<job>/outputs/<name>[/paths/<p>]`) is
 * passed by reference: it stays a reference — to the job that holds the files, past a pipeline's
 * or sweep's output and a reused step — which the launcher reads in place, and carries a digest
 * of the content, by which step reuse compares it. Nothing is copied. The job must be Completed.
 */
export async function referJobOutput(ctx: JobsContext, workspace: string, uri: string, field: string): Promise<JobOutputReference> {
  const parsed = readAssetRef(uri);
  if (!parsed.ok || parsed.ref.kind !== 'job-output') throw new LatheError('LATHE_INVALID_SPEC', `${field}: '${uri}' is not a job output`, { details: { field } });
  const { job, output, path } = parsed.ref;
  const record = await completedJob(ctx, workspace, job, field);
  const source = await storedOutput(ctx.store, record, output === 'artifacts' ? 'default' : output);
  const sub = path.replace(/\/+$/, '');
  const key = `${workspace}\0${source.job}\0${source.output}\0${sub}`;
  let found = digests.get(key);
  if (found === undefined) {
    found = await ctx.artifacts.digestOutputPath({ workspace, job: source.job }, source.output, sub);
    if (digests.size >= MAX_DIGESTS) digests.delete(digests.keys().next().value as string);
    digests.set(key, found);
  }
  return { path: `azureml://jobs/${source.job}/outputs/${source.output}${sub === '' ? '' : `/paths/${sub}`}`, digest: `sha256:${found.digest}` };
}

/** The job whose outputs an input names, which must be Completed; `field` names the input in errors. */
export async function completedJob(ctx: JobsContext, workspace: string, job: string, field: string): Promise<JobRecord> {
  const record = await ctx.store.getJob(workspace, job);
  if (record === undefined) throw new LatheError('LATHE_NOT_FOUND', `${field}: job '${job}' not found`, { details: { kind: 'job', name: job } });
  if (record.status !== 'Completed') {
    throw new LatheError('LATHE_BAD_REQUEST', `${field}: job '${job}' is ${record.status}; only a Completed job's outputs can be used`, { details: { field, status: record.status } });
  }
  return record;
}
