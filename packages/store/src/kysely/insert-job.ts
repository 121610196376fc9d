import { LatheError, notFound } from '@lathe/core';
import type { Transaction } from 'kysely';
import type { CreateJobInput } from '../metadata-store.js';
import type { Database } from './schema.js';
import { findExperimentRow, insertExperiment, insertRun } from './tracking/kysely-tracking-store.js';
import { insertLineage } from './assets/insert-lineage.js';

/**
 * The write half of {@link MetadataStore.createJob}, inside `trx`: checks the workspace and the
 * name, then inserts the job Queued, its tags and its NotStarted and Queued events — or, for a
 * step that reuses an earlier job's outputs, Completed at once, its last event saying whose.
 * @internal
 */
export async function insertJob(trx: Transaction<Database>, input: CreateJobInput): Promise<void> {
  await checkCanInsert(trx, input);
  await trx.insertInto('jobs').values(jobValues(input)).execute();
  const tags = Object.entries(input.tags).map(([key, value]) => ({ workspace: input.workspace, job: input.name, key, value }));
  if (tags.length > 0) await trx.insertInto('job_tags').values(tags).execute();
  const event = { workspace: input.workspace, job: input.name, time: input.createdAt, reason: null };
  await trx
    .insertInto('job_events')
    .values([
      { ...event, seq: 1, status: 'NotStarted' },
      { ...event, seq: 2, status: 'Queued' },
      ...(input.reusedFrom !== undefined ? [{ ...event, seq: 3, status: 'Completed' as const, reason: `reused the outputs of job '${input.reusedFrom}'` }] : []),
    ])
    .execute();
  await insertJobRun(trx, input);
  await insertLineage(
    trx,
    input.workspace,
    (input.lineage ?? []).map((edge) => ({ ...edge, job: input.name })),
  );
}

/**
 * Every job is an MLflow run: same id as the job's name, in the experiment named by the job's
 * `experiment_name` (created if missing), SCHEDULED until the job runs. The job's tags become
 * run tags, with MLflow's source tags.
 */
async function insertJobRun(trx: Transaction<Database>, input: CreateJobInput): Promise<void> {
  const experiment = await findExperimentRow(trx, input.workspace, input.experimentName);
  const experimentId = experiment === undefined ? await insertExperiment(trx, input.workspace, { name: input.experimentName, at: input.createdAt }) : String(experiment.experiment_id);
  const tags = [
    ...Object.entries(input.tags).map(([key, value]) => ({ key, value })),
    { key: 'mlflow.source.type', value: 'JOB' },
    { key: 'mlflow.source.name', value: input.name },
    { key: 'lathe.job.type', value: input.type },
  ];
  if (input.description) tags.push({ key: 'mlflow.note.content', value: input.description });
  // The parent's run is the job's name, as every job's run is.
  if (input.parent) tags.push({ key: 'mlflow.parentRunId', value: input.parent.name });
  if (input.reusedFrom !== undefined) tags.push({ key: 'lathe.job.reused_from', value: input.reusedFrom });
  await insertRun(trx, input.workspace, input.name, {
    experimentId,
    runName: input.displayName ?? input.name,
    status: input.reusedFrom !== undefined ? 'FINISHED' : 'SCHEDULED',
    startTime: input.createdAt,
    tags,
    job: input.name,
  });
  if (input.reusedFrom !== undefined) {
    await trx.updateTable('runs').set({ end_time: input.createdAt }).where('workspace', '=', input.workspace).where('run_uuid', '=', input.name).execute();
  }
}

async function checkCanInsert(trx: Transaction<Database>, input: CreateJobInput): Promise<void> {
  const workspace = await trx.selectFrom('workspaces').select('name').where('name', '=', input.workspace).executeTakeFirst();
  if (workspace === undefined) throw notFound('workspace', input.workspace);
  if (input.parent) {
    const parent = await trx.selectFrom('jobs').select(['name', 'root']).where('workspace', '=', input.workspace).where('name', '=', input.parent.name).executeTakeFirst();
    if (parent === undefined) throw notFound('job', input.parent.name);
    if ((parent.root ?? null) !== (input.parent.root ?? null)) {
      throw new LatheError('LATHE_BAD_REQUEST', `job '${input.parent.name}' has root '${parent.root}', not '${input.parent.root}'`, { details: { field: 'parent' } });
    }
  }
  const job = await trx.selectFrom('jobs').select('name').where('workspace', '=', input.workspace).where('name', '=', input.name).executeTakeFirst();
  if (job !== undefined) throw jobConflict(input);
}

/** The error for a job name already taken in its workspace. @internal */
export function jobConflict(input: Pick<CreateJobInput, 'workspace' | 'name'>, cause?: unknown): LatheError {
  return new LatheError('LATHE_CONFLICT', `job '${input.name}' already exists in workspace '${input.workspace}'`, {
    details: { kind: 'job', workspace: input.workspace, name: input.name },
    cause,
  });
}

function jobValues(input: CreateJobInput) {
  const reused = input.reusedFrom !== undefined;
  return {
    workspace: input.workspace,
    name: input.name,
    type: input.type,
    status: reused ? ('Completed' as const) : ('Queued' as const),
    display_name: input.displayName,
    experiment_name: input.experimentName,
    description: input.description,
    compute: input.compute,
    spec_json: JSON.stringify(input.spec),
    warnings_json: JSON.stringify(input.warnings),
    created_at: input.createdAt,
    updated_at: input.createdAt,
    started_at: reused ? input.createdAt : null,
    ended_at: reused ? input.createdAt : null,
    handle_json: null,
    failure_json: null,
    exit_code: null,
    parent: input.parent?.name ?? null,
    root: input.parent ? (input.parent.root ?? input.parent.name) : null,
    controller_json: null,
    finalization_json: null,
    reuse_key: input.reuseKey ?? null,
    reused_from: input.reusedFrom ?? null,
    schedule: input.schedule ?? null,
  };
}
