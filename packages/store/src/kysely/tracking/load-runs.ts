import type { Kysely } from 'kysely';
import type { DatasetInput, KeyValue, MetricPoint, Run, RunInfo } from '../../tracking-store.js';
import type { Database } from '../schema.js';
import type { RunRow } from './tracking-tables.js';

/** `runs` row → {@link RunInfo}. @internal */
export function toRunInfo(row: RunRow): RunInfo {
  return {
    runId: row.run_uuid,
    runName: row.name,
    experimentId: String(row.experiment_id),
    userId: row.user_id,
    status: row.status,
    startTime: Number(row.start_time),
    endTime: row.end_time === null ? null : Number(row.end_time),
    artifactUri: row.artifact_uri,
    lifecycleStage: row.lifecycle_stage,
    job: row.job,
  };
}

/** A stored metric row → {@link MetricPoint}; NaN is kept as a flag because SQLite cannot store it. @internal */
export function toMetricPoint(row: { key: string; value: number; is_nan: number; timestamp: unknown; step: unknown }): MetricPoint {
  return {
    key: row.key,
    value: Number(row.is_nan) === 1 ? Number.NaN : Number(row.value),
    timestamp: Number(row.timestamp),
    step: Number(row.step),
  };
}

// Bound parameters per statement stay well under SQLite's 32766 and PostgreSQL's 65535.
const KEYS_PER_QUERY = 5000;

/**
 * The full runs for `rows`, in the same order: latest metrics, params, tags (sorted by key),
 * dataset inputs and model outputs, each read with one query per 5,000 runs.
 * @internal
 */
export async function loadRuns(db: Kysely<Database>, rows: RunRow[]): Promise<Run[]> {
  const runs = new Map<number, Run>();
  for (const row of rows) {
    runs.set(Number(row.run_key), {
      info: toRunInfo(row),
      data: { metrics: [], params: [], tags: [] },
      inputs: { datasetInputs: [], modelInputs: [] },
      outputs: { modelOutputs: [] },
    });
  }
  const keys = [...runs.keys()];
  for (let i = 0; i < keys.length; i += KEYS_PER_QUERY) {
    const chunk = keys.slice(i, i + KEYS_PER_QUERY);
    const [metrics, params, tags, inputs, outputs, modelInputs] = await Promise.all([
      // Unordered: a sort of every row of the page costs more than sorting each run's few.
      db.selectFrom('latest_metrics').selectAll().where('run_key', 'in', chunk).execute(),
      db.selectFrom('run_params').selectAll().where('run_key', 'in', chunk).execute(),
      db.selectFrom('run_tags').selectAll().where('run_key', 'in', chunk).execute(),
      db.selectFrom('run_inputs').selectAll().where('run_key', 'in', chunk).orderBy('name').execute(),
      db.selectFrom('run_outputs').selectAll().where('run_key', 'in', chunk).orderBy('step').execute(),
      db.selectFrom('run_model_inputs').selectAll().where('run_key', 'in', chunk).orderBy('model_id').execute(),
    ]);
    for (const m of metrics) runs.get(Number(m.run_key))?.data.metrics.push(toMetricPoint(m));
    for (const p of params) runs.get(Number(p.run_key))?.data.params.push({ key: p.key, value: p.value });
    for (const t of tags) runs.get(Number(t.run_key))?.data.tags.push({ key: t.key, value: t.value });
    for (const d of inputs) runs.get(Number(d.run_key))?.inputs.datasetInputs.push(toDatasetInput(d));
    for (const m of modelInputs) runs.get(Number(m.run_key))?.inputs.modelInputs.push({ modelId: m.model_id });
    for (const o of outputs) runs.get(Number(o.run_key))?.outputs.modelOutputs.push({ modelId: o.model_id, step: Number(o.step) });
  }
  for (const run of runs.values()) {
    run.data.metrics.sort(byKey);
    run.data.params.sort(byKey);
    run.data.tags.sort(byKey);
  }
  return rows.map((row) => runs.get(Number(row.run_key)) as Run);
}

function byKey(a: { key: string }, b: { key: string }): number {
  return a.key < b.key ? -1 : a.key > b.key ? 1 : 0;
}

function toDatasetInput(row: { name: string; digest: string; source_type: string; source: string; schema: string | null; profile: string | null; tags_json: string }): DatasetInput {
  return {
    dataset: {
      name: row.name,
      digest: row.digest,
      sourceType: row.source_type,
      source: row.source,
      schema: row.schema,
      profile: row.profile,
    },
    tags: JSON.parse(row.tags_json) as KeyValue[],
  };
}
