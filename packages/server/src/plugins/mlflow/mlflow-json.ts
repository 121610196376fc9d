import type { DatasetInput, Experiment, KeyValue, LoggedModel, MetricPoint, Run, RunInfo } from '@lathe/store';
import { jsonDouble } from '../../shared/json-double.js';

/**
 * Store entities in MLflow's JSON (protobuf's JSON mapping with snake_case field names, as
 * MLflow's server writes it): int64 as numbers, NaN and ±Infinity as the strings protobuf uses,
 * unset optional fields left out.
 */

export function experimentJson(e: Experiment) {
  return {
    experiment_id: e.experimentId,
    name: e.name,
    artifact_location: e.artifactLocation,
    lifecycle_stage: e.lifecycleStage,
    last_update_time: e.lastUpdateTime,
    creation_time: e.creationTime,
    tags: e.tags,
  };
}

export function runInfoJson(info: RunInfo) {
  return {
    run_uuid: info.runId,
    run_id: info.runId,
    run_name: info.runName,
    experiment_id: info.experimentId,
    user_id: info.userId,
    status: info.status,
    start_time: info.startTime ?? undefined,
    end_time: info.endTime ?? undefined,
    artifact_uri: info.artifactUri,
    lifecycle_stage: info.lifecycleStage,
  };
}

export function metricJson(m: MetricPoint) {
  return { key: m.key, value: jsonDouble(m.value), timestamp: m.timestamp, step: m.step };
}

function datasetInputJson(d: DatasetInput) {
  const { dataset } = d;
  return {
    tags: d.tags,
    dataset: {
      name: dataset.name,
      digest: dataset.digest,
      source_type: dataset.sourceType,
      source: dataset.source,
      ...(dataset.schema !== null ? { schema: dataset.schema } : {}),
      ...(dataset.profile !== null ? { profile: dataset.profile } : {}),
    },
  };
}

export function runJson(run: Run) {
  return {
    info: runInfoJson(run.info),
    data: { metrics: run.data.metrics.map(metricJson), params: run.data.params, tags: run.data.tags },
    inputs: {
      dataset_inputs: run.inputs.datasetInputs.map(datasetInputJson),
      model_inputs: run.inputs.modelInputs.map((m) => ({ model_id: m.modelId })),
    },
    outputs: { model_outputs: run.outputs.modelOutputs.map((m) => ({ model_id: m.modelId, step: m.step })) },
  };
}

export function loggedModelJson(model: LoggedModel) {
  return {
    info: {
      model_id: model.modelId,
      experiment_id: model.experimentId,
      name: model.name,
      creation_timestamp_ms: model.creationTimestamp,
      last_updated_timestamp_ms: model.lastUpdatedTimestamp,
      artifact_uri: model.artifactLocation,
      status: model.status,
      ...(model.modelType ? { model_type: model.modelType } : {}),
      ...(model.sourceRunId ? { source_run_id: model.sourceRunId } : {}),
      ...(model.statusMessage ? { status_message: model.statusMessage } : {}),
      tags: model.tags,
    },
    data: {
      params: model.params,
      metrics: model.metrics.map((m) => ({
        ...metricJson(m),
        ...(m.datasetName !== null ? { dataset_name: m.datasetName } : {}),
        ...(m.datasetDigest !== null ? { dataset_digest: m.datasetDigest } : {}),
        model_id: model.modelId,
        ...(m.runId !== null ? { run_id: m.runId } : {}),
      })),
    },
  };
}

/** `[{ key, value }]` from a request, typed. */
export type KeyValueList = KeyValue[];
