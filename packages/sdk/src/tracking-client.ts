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

/**
 * Typed client of the MLflow REST API a Lathe server serves for one workspace: what the CLI
 * and Studio read about experiments and runs. Errors are `LatheError`s (MLflow's
 * RESOURCE_DOES_NOT_EXIST becomes `LATHE_NOT_FOUND`).
 */
export class TrackingClient {
  /** The MLflow tracking URI of this workspace. */
  readonly trackingUri: string;

  constructor(
    readonly url: string,
    readonly workspace: string,
  ) {
    this.trackingUri = `${url.replace(/\/+$/, '')}${mlflowBasePath(workspace)}`;
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

  async searchExperiments(
    options: { maxResults?: number; pageToken?: string; filter?: string; orderBy?: string[]; viewType?: 'ACTIVE_ONLY' | 'DELETED_ONLY' | 'ALL' } = {},
  ) {
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

  async listArtifacts(runId: string, path = ''): Promise<MlflowFileInfo[]> {
    const out = await this.call<{ files?: MlflowFileInfo[] }>('artifacts/list', { query: { run_id: runId, ...(path ? { path } : {}) } });
    return out.files ?? [];
  }

  private async call<T>(endpoint: string, options: RequestOptions = {}): Promise<T> {
    const response = await request(this.trackingUri, `${new URL(this.trackingUri).pathname.replace(/\/+$/, '')}/api/2.0/mlflow/${endpoint}`, options);
    return (await response.json()) as T;
  }
}
