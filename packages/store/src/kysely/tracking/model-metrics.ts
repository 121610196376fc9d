import { LatheError } from '@lathe/core';
import type { Kysely, Transaction } from 'kysely';
import type { LoggedMetricPoint, LoggedModelMetric } from '../../tracking-store.js';
import type { Database } from '../schema.js';
import { toMetricPoint } from './load-runs.js';

type Db = Kysely<Database> | Transaction<Database>;

/**
 * Writes the points of `metrics` that name a model as that model's too, inside the run's
 * logBatch transaction. Every model named must be an active logged model of `workspace`
 * (`LATHE_NOT_FOUND` otherwise, and nothing is written). An identical point lands once.
 * @internal
 */
export async function writeModelMetrics(trx: Transaction<Database>, workspace: string, runId: string, metrics: readonly LoggedMetricPoint[]): Promise<void> {
  const points = metrics.filter((m) => m.modelId !== undefined && m.modelId !== '');
  if (points.length === 0) return;
  const ids = [...new Set(points.map((m) => m.modelId as string))];
  const found = await trx.selectFrom('logged_models').select('model_id').where('workspace', '=', workspace).where('model_id', 'in', ids).where('lifecycle_stage', '=', 'active').execute();
  const known = new Set(found.map((row) => row.model_id));
  const missing = ids.find((id) => !known.has(id));
  if (missing !== undefined) throw new LatheError('LATHE_NOT_FOUND', `Logged model with ID '${missing}' not found.`, { details: { kind: 'logged model', name: missing } });
  await trx
    .insertInto('logged_model_metrics')
    .values(
      points.map((m) => ({
        model_id: m.modelId as string,
        key: m.key,
        step: m.step,
        timestamp: m.timestamp,
        value: Number.isNaN(m.value) ? 0 : m.value,
        is_nan: Number.isNaN(m.value) ? 1 : 0,
        run_id: runId,
        dataset_name: m.datasetName ?? '',
        dataset_digest: m.datasetDigest ?? '',
      })),
    )
    .onConflict((oc) => oc.doNothing())
    .execute();
}

/** The metric points of each of `modelIds`, by key, step and timestamp. @internal */
export async function loadModelMetrics(db: Db, modelIds: string[]): Promise<Map<string, LoggedModelMetric[]>> {
  const out = new Map<string, LoggedModelMetric[]>(modelIds.map((id) => [id, []]));
  if (modelIds.length === 0) return out;
  const rows = await db.selectFrom('logged_model_metrics').selectAll().where('model_id', 'in', modelIds).orderBy('key').orderBy('step').orderBy('timestamp').execute();
  for (const row of rows) {
    out.get(row.model_id)?.push({
      ...toMetricPoint(row),
      runId: row.run_id === '' ? null : row.run_id,
      datasetName: row.dataset_name === '' ? null : row.dataset_name,
      datasetDigest: row.dataset_digest === '' ? null : row.dataset_digest,
    });
  }
  return out;
}
