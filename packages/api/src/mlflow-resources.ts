/**
 * MLflow REST API 2.0 resources as Lathe's server writes them (`/api/2.0/mlflow/...`), for typed
 * clients. Field names and shapes are MLflow's; doubles may be the strings "NaN", "Infinity" or
 * "-Infinity".
 */

export interface MlflowKeyValue {
  key: string;
  value: string;
}

export interface MlflowMetric {
  key: string;
  value: number | string;
  timestamp: number;
  step: number;
}

export interface MlflowExperiment {
  experiment_id: string;
  name: string;
  artifact_location: string;
  lifecycle_stage: 'active' | 'deleted';
  last_update_time: number;
  creation_time: number;
  tags: MlflowKeyValue[];
}

export interface MlflowRunInfo {
  run_id: string;
  run_uuid: string;
  run_name: string;
  experiment_id: string;
  user_id: string;
  status: 'RUNNING' | 'SCHEDULED' | 'FINISHED' | 'FAILED' | 'KILLED';
  start_time?: number;
  end_time?: number;
  artifact_uri: string;
  lifecycle_stage: 'active' | 'deleted';
}

export interface MlflowRun {
  info: MlflowRunInfo;
  data: { metrics: MlflowMetric[]; params: MlflowKeyValue[]; tags: MlflowKeyValue[] };
  inputs?: { dataset_inputs?: unknown[]; model_inputs?: unknown[] };
  outputs?: { model_outputs?: unknown[] };
}

export interface MlflowFileInfo {
  path: string;
  is_dir: boolean;
  file_size?: number;
}

/** Where the MLflow API of a workspace is mounted: the tracking URI minus the server URL. */
export function mlflowBasePath(workspace: string): string {
  return workspace === 'default' ? '' : `/api/v1/workspaces/${encodeURIComponent(workspace)}/mlflow`;
}
