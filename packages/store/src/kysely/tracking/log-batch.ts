import { LatheError } from '@lathe/core';
import { sql, type Transaction } from 'kysely';
import type { KeyValue, LogBatchInput, MetricPoint } from '../../tracking-store.js';
import type { Database } from '../schema.js';

// 6 bound values a point; 1,000 points a statement stays under every driver's limit.
const POINTS_PER_STATEMENT = 1000;

/**
 * The write half of `logBatch` for the run `runKey`, inside `trx`: params first (so a changed
 * param fails the whole batch before anything is written), then tags, then metric points and
 * the latest value of each metric key.
 * @internal
 */
export async function writeBatch(trx: Transaction<Database>, runKey: number, runId: string, batch: LogBatchInput): Promise<void> {
  if (batch.params?.length) await writeParams(trx, runKey, runId, batch.params);
  if (batch.tags?.length) await writeTags(trx, runKey, batch.tags);
  if (batch.metrics?.length) await writeMetrics(trx, runKey, batch.metrics);
}

async function writeParams(trx: Transaction<Database>, runKey: number, runId: string, params: KeyValue[]): Promise<void> {
  const wanted = new Map<string, string>();
  for (const { key, value } of params) {
    const seen = wanted.get(key);
    if (seen !== undefined && seen !== value) {
      throw new LatheError(
        'LATHE_BAD_REQUEST',
        `Duplicate parameter keys have been submitted: '${key}' with values '${seen}' and '${value}'. Please ensure the request contains only one param value per param key.`,
      );
    }
    wanted.set(key, value);
  }
  const existing = await trx
    .selectFrom('run_params')
    .select(['key', 'value'])
    .where('run_key', '=', runKey)
    .where('key', 'in', [...wanted.keys()])
    .execute();
  for (const row of existing) {
    const value = wanted.get(row.key);
    if (value !== row.value) {
      throw new LatheError(
        'LATHE_BAD_REQUEST',
        `Changing param values is not allowed. Param with key='${row.key}' was already logged with value='${row.value}' for run ID='${runId}'. Attempted logging new value '${value}'.`,
        { details: { key: row.key, oldValue: row.value, newValue: value, runId } },
      );
    }
    wanted.delete(row.key);
  }
  if (wanted.size === 0) return;
  await trx
    .insertInto('run_params')
    .values([...wanted].map(([key, value]) => ({ run_key: runKey, key, value })))
    .onConflict((oc) => oc.columns(['run_key', 'key']).doNothing())
    .execute();
}

async function writeTags(trx: Transaction<Database>, runKey: number, tags: KeyValue[]): Promise<void> {
  // The last value of a key wins, as when the tags are set one by one.
  const latest = new Map(tags.map((t) => [t.key, t.value]));
  await trx
    .insertInto('run_tags')
    .values([...latest].map(([key, value]) => ({ run_key: runKey, key, value })))
    .onConflict((oc) => oc.columns(['run_key', 'key']).doUpdateSet({ value: (eb) => eb.ref('excluded.value') }))
    .execute();
  const runName = latest.get('mlflow.runName');
  if (runName !== undefined) await trx.updateTable('runs').set({ name: runName }).where('run_key', '=', runKey).execute();
}

async function writeMetrics(trx: Transaction<Database>, runKey: number, metrics: MetricPoint[]): Promise<void> {
  const rows = metrics.map((m) => toRow(runKey, m));
  for (let i = 0; i < rows.length; i += POINTS_PER_STATEMENT) {
    await trx
      .insertInto('metrics')
      .values(rows.slice(i, i + POINTS_PER_STATEMENT))
      .onConflict((oc) => oc.doNothing())
      .execute();
  }
  const latest = new Map<string, ReturnType<typeof toRow>>();
  for (const row of rows) {
    const current = latest.get(row.key);
    if (current === undefined || isLater(row, current)) latest.set(row.key, row);
  }
  // MLflow's rule: the latest point has the greatest (step, timestamp, value).
  await trx
    .insertInto('latest_metrics')
    .values([...latest.values()])
    .onConflict((oc) =>
      oc
        .columns(['run_key', 'key'])
        .doUpdateSet({
          step: (eb) => eb.ref('excluded.step'),
          timestamp: (eb) => eb.ref('excluded.timestamp'),
          value: (eb) => eb.ref('excluded.value'),
          is_nan: (eb) => eb.ref('excluded.is_nan'),
        })
        .where(
          sql<boolean>`(excluded.step > latest_metrics.step or (excluded.step = latest_metrics.step and (excluded.timestamp > latest_metrics.timestamp or (excluded.timestamp = latest_metrics.timestamp and excluded.value >= latest_metrics.value))))`,
        ),
    )
    .execute();
}

function toRow(runKey: number, m: MetricPoint) {
  const nan = Number.isNaN(m.value);
  return { run_key: runKey, key: m.key, step: m.step, timestamp: m.timestamp, value: nan ? 0 : m.value, is_nan: nan ? 1 : 0 };
}

function isLater(a: ReturnType<typeof toRow>, b: ReturnType<typeof toRow>): boolean {
  if (a.step !== b.step) return a.step > b.step;
  if (a.timestamp !== b.timestamp) return a.timestamp > b.timestamp;
  return a.value >= b.value;
}
