import { mlflowBasePath, type MlflowExperiment, type MlflowFileInfo, type MlflowMetric, type MlflowRun } from '@lathe/api/mlflow';
import { request, type RequestOptions } from './http.js';

/** Filters for {@link TrackingClient.searchRuns}. */
export interface SearchRunsOptions {
  experimentIds: string[];
  filter?: string;
  orderBy?: string[];
  maxResults?: number;
  pageToken?: string;
  viewType?: 'ACTIVE_ONLY' | 'DELETED_ONLY' | 'ALL';
}

/** The fields of MLflow's `RegisteredModel` message Studio reads. */
export interface MlflowRegisteredModel {
  name: string;
  creation_timestamp: number;
  last_updated_timestamp: number;
  description?: string;
  tags?: { key: string; value: string }[];
  aliases?: { alias: string; version: string }[];
}

/** The fields of MLflow's `ModelVersion` message Studio reads. */
export interface MlflowModelVersion {
  name: string;
  version: string;
  creation_timestamp: number;
  last_updated_timestamp: number;
  current_stage: string;
  description?: string;
  source: string;
  run_id?: string;
  tags?: { key: string; value: string }[];
  aliases?: string[];
}

/**
 * Typed client of the MLflow REST API a Lathe server serves for one workspace: what the CLI
 * and Studio read about experiments and runs. Errors are `LatheError`s (MLflow's
 * RESOURCE_DOES_NOT_EXIST becomes `LATHE_NOT_FOUND`).
 */
export class TrackingClient {
  /** The MLflow tracking URI of this workspace. */
  readonly trackingUri: string;

  private readonly headers: Record<string, string>;

  constructor(
    readonly url: string,
    readonly workspace: string,
    options: { token?: string } = {},
  ) {
    this.trackingUri = `${url.replace(/\/+$/, '')}${mlflowBasePath(workspace)}`;
    this.headers = options.token ? { authorization: `Bearer ${options.token}` } : {};
  }

  /**
   * The URL that serves one artifact of a run through the artifact proxy (for links and
   * previews), from the run's `artifact_uri` (`mlflow-artifacts:/<experiment>/<run>/artifacts`).
   * `undefined` for artifacts stored elsewhere.
   */
  artifactUrl(artifactUri: string, path: string): string | undefined {
    const match = /^mlflow-artifacts:\/*(.*)$/.exec(artifactUri);
    if (!match) return undefined;
    const encoded = `${match[1]}/${path}`.split('/').filter(Boolean).map(encodeURIComponent).join('/');
    return `${this.trackingUri}/api/2.0/mlflow-artifacts/artifacts/${encoded}`;
  }

  async getRun(runId: string): Promise<MlflowRun> {
    return (await this.call<{ run: MlflowRun }>('runs/get', { query: { run_id: runId } })).run;
  }

  async getExperiment(experimentId: string): Promise<MlflowExperiment> {
    return (await this.call<{ experiment: MlflowExperiment }>('experiments/get', { query: { experiment_id: experimentId } })).experiment;
  }

  async getExperimentByName(name: string): Promise<MlflowExperiment> {
    return (await this.call<{ experiment: MlflowExperiment }>('experiments/get-by-name', { query: { experiment_name: name } })).experiment;
  }

  async searchExperiments(options: { maxResults?: number; pageToken?: string; filter?: string; orderBy?: string[]; viewType?: 'ACTIVE_ONLY' | 'DELETED_ONLY' | 'ALL' } = {}) {
    return this.call<{ experiments?: MlflowExperiment[]; next_page_token?: string }>('experiments/search', {
      method: 'POST',
      body: {
        json: {
          max_results: options.maxResults ?? 1000,
          ...(options.pageToken ? { page_token: options.pageToken } : {}),
          ...(options.filter ? { filter: options.filter } : {}),
          ...(options.orderBy ? { order_by: options.orderBy } : {}),
          ...(options.viewType ? { view_type: options.viewType } : {}),
        },
      },
    });
  }

  async searchRuns(options: SearchRunsOptions) {
    return this.call<{ runs?: MlflowRun[]; next_page_token?: string }>('runs/search', {
      method: 'POST',
      body: {
        json: {
          experiment_ids: options.experimentIds,
          max_results: options.maxResults ?? 1000,
          ...(options.filter ? { filter: options.filter } : {}),
          ...(options.orderBy ? { order_by: options.orderBy } : {}),
          ...(options.pageToken ? { page_token: options.pageToken } : {}),
          ...(options.viewType ? { run_view_type: options.viewType } : {}),
        },
      },
    });
  }

  /** Every point of a metric, following pages. */
  async getMetricHistory(runId: string, key: string): Promise<MlflowMetric[]> {
    const points: MlflowMetric[] = [];
    let token: string | undefined;
    do {
      const page = await this.call<{ metrics?: MlflowMetric[]; next_page_token?: string }>('metrics/get-history', {
        query: { run_id: runId, metric_key: key, max_results: 25000, ...(token ? { page_token: token } : {}) },
      });
      points.push(...(page.metrics ?? []));
      token = page.next_page_token;
    } while (token);
    return points;
  }

  /**
   * A registered model's registry record: its description and tags as MLflow clients last set
   * them (they can change after the model asset was created, unlike its spec).
   */
  async getRegisteredModel(name: string): Promise<MlflowRegisteredModel> {
    return (await this.call<{ registered_model: MlflowRegisteredModel }>('registered-models/get', { query: { name } })).registered_model;
  }

  /** One version of a registered model as the MLflow registry has it (description, tags, run). */
  async getModelVersion(name: string, version: string): Promise<MlflowModelVersion> {
    return (await this.call<{ model_version: MlflowModelVersion }>('model-versions/get', { query: { name, version } })).model_version;
  }

  async listArtifacts(runId: string, path = ''): Promise<MlflowFileInfo[]> {
    const out = await this.call<{ files?: MlflowFileInfo[] }>('artifacts/list', { query: { run_id: runId, ...(path ? { path } : {}) } });
    return out.files ?? [];
  }

  private async call<T>(endpoint: string, options: RequestOptions = {}): Promise<T> {
    const path = `${new URL(this.trackingUri).pathname.replace(/\/+$/, '')}/api/2.0/mlflow/${endpoint}`;
    const response = await request(this.trackingUri, path, { ...options, headers: { ...this.headers, ...options.headers } });
    return (await response.json()) as T;
  }
}
