import { isTerminal } from '@lathe/core';
import { runStatusForJob } from '@lathe/tracking';
import type { Transaction, UpdateObject } from 'kysely';
import type { TransitionInput, TransitionPatch } from '../metadata-store.js';
import type { Database } from './schema.js';
import { toNullableJson } from './to-job-record.js';

type JobUpdate = UpdateObject<Database, 'jobs'>;

/**
 * The write half of {@link MetadataStore.transitionJob}, inside `trx`: a conditional UPDATE on
 * the job's status, then one history event. Returns false, having written nothing, when the job
 * is missing or its status is not in `input.from`.
 * @internal
 */
export async function applyTransition(trx: Transaction<Database>, input: TransitionInput): Promise<boolean> {
  if (input.from.length === 0) return false;
  const result = await trx.updateTable('jobs').set(jobUpdate(input)).where('workspace', '=', input.workspace).where('name', '=', input.name).where('status', 'in', input.from).executeTakeFirst();
  if (Number(result.numUpdatedRows) === 0) return false;
  await appendEvent(trx, input);
  await mirrorToRun(trx, input);
  return true;
}

/**
 * The job's run follows it: RUNNING (start time = when the job started) on Running, and the
 * terminal state with its end time. Other moves leave the run alone, so a script's own
 * `mlflow.end_run()` during Finalizing is not undone before the job ends.
 */
async function mirrorToRun(trx: Transaction<Database>, input: TransitionInput): Promise<void> {
  const run = trx.updateTable('runs').where('workspace', '=', input.workspace).where('run_uuid', '=', input.name).where('job', '=', input.name);
  if (input.to === 'Running') {
    await run.set({ status: 'RUNNING', start_time: input.at }).where('status', '=', 'SCHEDULED').execute();
  } else if (isTerminal(input.to)) {
    await run.set({ status: runStatusForJob(input.to), end_time: input.at }).execute();
  }
}

function jobUpdate(input: TransitionInput): JobUpdate {
  const update: JobUpdate = { status: input.to, updated_at: input.at, ...patchUpdate(input.patch) };
  if (input.to === 'Running') {
    update.started_at = (eb) => eb.fn.coalesce('started_at', eb.val(input.at)).$castTo<number>();
  }
  if (isTerminal(input.to)) update.ended_at = input.at;
  return update;
}

function patchUpdate(patch: TransitionPatch = {}): JobUpdate {
  const update: JobUpdate = {};
  if (patch.handle !== undefined) update.handle_json = toNullableJson(patch.handle);
  if (patch.failure !== undefined) update.failure_json = toNullableJson(patch.failure);
  if (patch.exitCode !== undefined) update.exit_code = patch.exitCode;
  if (patch.finalization !== undefined) update.finalization_json = toNullableJson(patch.finalization);
  if (patch.controllerState !== undefined) update.controller_json = toNullableJson(patch.controllerState);
  return update;
}

// The UPDATE above holds the job's row lock until commit, so no other transition of this job can
// read the same max(seq) in between.
async function appendEvent(trx: Transaction<Database>, input: TransitionInput): Promise<void> {
  const { last } = await trx
    .selectFrom('job_events')
    .select((eb) => eb.fn.max('seq').as('last'))
    .where('workspace', '=', input.workspace)
    .where('job', '=', input.name)
    .executeTakeFirstOrThrow();
  await trx
    .insertInto('job_events')
    .values({
      workspace: input.workspace,
      job: input.name,
      seq: Number(last ?? 0) + 1,
      status: input.to,
      time: input.at,
      reason: input.patch?.reason ?? null,
    })
    .execute();
}
