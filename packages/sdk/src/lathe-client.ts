import { LatheError, type JobStatus, type RuntimeReport } from '@lathe/core';
import type {
  BuiltinDatastoreResource,
  ComputeResource,
  ScheduleResource,
  WorkspaceResource,
  AssetResource,
  AssetSummaryResource,
  CuratedEnvironmentResource,
  ExperimentSummaryResource,
  JobKindResource,
  SweepResource,
  JobResource,
  LiveEventResource,
  MetricSeriesResource,
  RunPageResource,
  LineageEdgeResource,
  LogSearchEndResource,
  LogSearchMatchResource,
  OutputFileResource,
  OutputResource,
  PageResource,
} from '@lathe/api';
import type { SdkEnvResource, ServicePrincipalResource } from '@lathe/api';
import { paths } from '@lathe/api/routes';
import { request, type RequestOptions } from './http.js';

/** Options for {@link LatheClient}. */
export interface LatheClientOptions {
  /** Server base URL; default {@link defaultServerUrl}: `LATHE_URL`, or `LATHE_PORT`'s, or `http://127.0.0.1:5252`. */
  url?: string;
  /** Workspace; default `LATHE_WORKSPACE` or `default`. */
  workspace?: string;
  /** Sent as `Authorization: Bearer <token>` when the server's auth is on; default `LATHE_TOKEN`. */
  token?: string;
}

/** Filters for {@link LatheClient.listJobs}. */
export interface ListJobsOptions {
  status?: JobStatus | JobStatus[];
  /** Only the jobs this job created (a sweep's trials, a pipeline's steps). */
  parent?: string;
  /** Only jobs a user submitted, none a controller created. */
  topLevel?: boolean;
  /** Only the jobs this schedule created. */
  schedule?: string;
  experimentName?: string;
  /** `key` or `key=value`. */
  tags?: string[];
  maxResults?: number;
  pageToken?: string;
  /** `active` (the default): jobs not archived; `archived`: only archived ones; `all`: both. */
  view?: 'active' | 'archived' | 'all';
}

/** Query of {@link LatheClient.queryRuns}; `filter` and `orderBy` are MLflow's search grammar. */
export interface QueryRunsOptions {
  experiments?: string[];
  filter?: string;
  /** Plain words, each of which must appear in the run's name or id (the job's name), ignoring case. */
  text?: string;
  orderBy?: string[];
  types?: string[];
  statuses?: JobStatus[];
  viewType?: 'ACTIVE_ONLY' | 'DELETED_ONLY' | 'ALL';
  maxResults?: number;
  pageToken?: string;
  /** Also count every match (`total`). */
  count?: boolean;
  signal?: AbortSignal;
}

/** What a launcher reports: core's `RuntimeReport`, the body `RuntimeReportRequest` accepts. */
export type RuntimeReportBody = RuntimeReport;

/** A page of a job's log read from its end: {@link LatheClient.getLogTail}. */
export interface LogTailResult {
  text: string;
  /** Byte offset of `text`'s first byte in the log. */
  start: number;
  /** Byte offset just after `text`'s last byte. */
  end: number;
  /** The log's size when it was read. */
  size: number;
}

/** What {@link LatheClient.searchLogs} found. */
export interface LogSearchResult {
  matches: LogSearchMatchResource[];
  nextOffset: number | null;
  searchedTo: number;
}

/** The default server URL. */
export const DEFAULT_URL = 'http://127.0.0.1:5252';

/**
 * The server URL when none is given: `LATHE_URL`, else the address the server's own settings
 * name (`LATHE_PORT`, and `LATHE_HOST` unless it listens on every address), else
 * {@link DEFAULT_URL}. So a shell that starts the server and runs `lathe` needs no `LATHE_URL`.
 */
export function defaultServerUrl(env: Record<string, string | undefined>): string {
  if (env.LATHE_URL) return env.LATHE_URL;
  if (!env.LATHE_PORT && !env.LATHE_HOST) return DEFAULT_URL;
  const host = !env.LATHE_HOST || ['0.0.0.0', '::', '[::]'].includes(env.LATHE_HOST) ? '127.0.0.1' : env.LATHE_HOST;
  return `http://${host.includes(':') && !host.startsWith('[') ? `[${host}]` : host}:${env.LATHE_PORT || '5252'}`;
}

/** `process.env` in Node; nothing in a browser, where the client runs in Studio. */
function environment(): Record<string, string | undefined> {
  return (globalThis as { process?: { env: Record<string, string | undefined> } }).process?.env ?? {};
}

/**
 * Typed client of the Lathe REST API. The CLI, Studio and the launcher use it; nothing else
 * talks to the server. It sends with `node:http` in Node and `fetch` in a browser (`#send`);
 * streams are web `ReadableStream`s (Node callers wrap them with `Readable.fromWeb`).
 *
 * @example
 * const lathe = new LatheClient({ url: 'http://127.0.0.1:5252' });
 * const job = await lathe.getJob('sincere_tangelo_4kqjw8vbcs');
 * console.log(job.status);
 */
export class LatheClient {
  readonly url: string;
  readonly workspace: string;
  private readonly headers: Record<string, string>;

  constructor(options: LatheClientOptions = {}) {
    const env = environment();
    this.url = (options.url ?? defaultServerUrl(env)).replace(/\/+$/, '');
    this.workspace = options.workspace ?? env.LATHE_WORKSPACE ?? 'default';
    const token = options.token ?? env.LATHE_TOKEN;
    this.headers = token ? { authorization: `Bearer ${token}` } : {};
  }

  /** Sends one request with this client's credentials; see {@link request}. */
  protected send(path: string, options: RequestOptions = {}): Promise<Response> {
    return request(this.url, path, { ...options, headers: { ...this.headers, ...options.headers } });
  }

  /** Server liveness and version. */
  async health(): Promise<{ status: string; version: string }> {
    return json(await this.send(paths.health()));
  }

  /** Creates a job from a validated spec whose local paths are already uploaded. */
  async createJob(spec: Record<string, unknown>, options: { name?: string; clientWarnings?: string[] } = {}): Promise<JobResource> {
    const body = { spec, ...(options.name ? { name: options.name } : {}), ...(options.clientWarnings ? { client_warnings: options.clientWarnings } : {}) };
    return json(await this.send(paths.jobs(this.workspace), { method: 'POST', body: { json: body } }));
  }

  /** One job. Throws `LATHE_NOT_FOUND`. */
  async getJob(name: string): Promise<JobResource> {
    return json(await this.send(paths.job(this.workspace, name)));
  }

  /** A page of jobs, newest first. */
  async listJobs(options: ListJobsOptions = {}): Promise<PageResource<JobResource>> {
    const query = {
      status: options.status,
      experiment_name: options.experimentName,
      parent: options.parent,
      top_level: options.topLevel,
      schedule: options.schedule,
      tag: options.tags,
      max_results: options.maxResults,
      page_token: options.pageToken,
      view: options.view,
    };
    return json(await this.send(paths.jobs(this.workspace), { query }));
  }

  /** A page of the jobs a job created, newest first. */
  async listChildJobs(name: string, options: { maxResults?: number; pageToken?: string } = {}): Promise<PageResource<JobResource>> {
    const query = { max_results: options.maxResults, page_token: options.pageToken };
    return json(await this.send(paths.jobChildren(this.workspace, name), { query }));
  }

  /** A sweep job's objective, best trial and trials, best first. */
  async getSweep(name: string): Promise<SweepResource> {
    return json(await this.send(paths.sweep(this.workspace, name)));
  }

  /** The job kinds the server runs. */
  async listJobKinds(): Promise<{ value: JobKindResource[] }> {
    return json(await this.send(paths.jobKinds()));
  }

  /** A page of runs (every job is one) with their jobs, latest metrics, params and tags. */
  async queryRuns(options: QueryRunsOptions = {}): Promise<RunPageResource> {
    const query = {
      experiment: options.experiments,
      filter: options.filter || undefined,
      text: options.text?.trim() || undefined,
      order_by: options.orderBy,
      type: options.types,
      status: options.statuses,
      view_type: options.viewType,
      max_results: options.maxResults,
      page_token: options.pageToken,
      count: options.count ? true : undefined,
    };
    return json(await this.send(paths.runs(this.workspace), { query, signal: options.signal }));
  }

  /** Every point of one metric of a run, as columns; `timestamps: false` leaves them out (a chart over steps). */
  async getMetricSeries(runId: string, key: string, options: { signal?: AbortSignal; timestamps?: boolean } = {}): Promise<MetricSeriesResource> {
    const query = options.timestamps === false ? { columns: 'steps,values' } : {};
    return json(await this.send(paths.metricSeries(this.workspace, runId, key), { signal: options.signal, query }));
  }

  /** Experiments with run counts and last activity, by name. */
  async listExperiments(options: { viewType?: 'ACTIVE_ONLY' | 'DELETED_ONLY' | 'ALL' } = {}): Promise<ExperimentSummaryResource[]> {
    return (await json<{ value: ExperimentSummaryResource[] }>(await this.send(paths.experiments(this.workspace), { query: { view_type: options.viewType } }))).value;
  }

  /**
   * The workspace's live events (job status changes, metric writes) as they happen, until
   * `signal` aborts or the server goes away. Server-sent events read over `fetch`, so the
   * client's credentials go with them. `onOpen` is called once the server holds the stream.
   */
  async *events(options: { signal?: AbortSignal; onOpen?: () => void } = {}): AsyncGenerator<LiveEventResource> {
    const response = await this.send(paths.events(this.workspace), { signal: options.signal });
    // From here on no event is missed: a caller reloads what it shows (it may have changed before).
    options.onOpen?.();
    if (!response.body) return;
    const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
    let buffer = '';
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) return;
        buffer += value;
        let end: number;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const data = block
            .split('\n')
            .filter((line) => line.startsWith('data:'))
            .map((line) => line.slice(5).trimStart())
            .join('\n');
          if (data) yield JSON.parse(data) as LiveEventResource;
        }
      }
    } finally {
      // Ends the request when the consumer stops early.
      await reader.cancel().catch(() => undefined);
    }
  }

  /** The absolute URL of a path of this server, for links a browser follows (downloads, images). */
  href(path: string): string {
    return new URL(path, `${this.url}/`).toString();
  }

  /** Cancels a job (idempotent); returns it as it is after the request. */
  async cancelJob(name: string): Promise<JobResource> {
    return json(await this.send(paths.cancel(this.workspace, name), { method: 'POST' }));
  }

  /** Hides a job from the job list (`archived: true`), or shows it again; returns it. */
  async setJobArchived(name: string, archived: boolean): Promise<JobResource> {
    return json(await this.send((archived ? paths.archive : paths.restore)(this.workspace, name), { method: 'POST' }));
  }

  /** The job's log from byte `offset`, as it is now. */
  async getLogs(name: string, offset = 0): Promise<string> {
    return (await this.send(paths.logs(this.workspace, name), { query: { offset } })).text();
  }

  /**
   * The job's log from byte `offset`, followed live until the job ends. Yields chunks as the
   * server sends them.
   */
  async *followLogs(name: string, options: { offset?: number; signal?: AbortSignal } = {}): AsyncGenerator<Uint8Array> {
    const query = { offset: options.offset ?? 0, follow: true };
    const response = await this.send(paths.logs(this.workspace, name), { query, signal: options.signal });
    if (!response.body) return;
    for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) yield chunk;
  }

  /**
   * The last `lines` lines of the job's log (those ending at byte `before`, default its end),
   * read from the end however big the log is. `start` and `end` are the byte range of `text`:
   * follow on from `end`, or page back with `before: start` while `start` is above 0.
   */
  async getLogTail(name: string, options: { lines: number; before?: number; signal?: AbortSignal }): Promise<LogTailResult> {
    const query = { tail: options.lines, ...(options.before === undefined ? {} : { before: options.before }) };
    const response = await this.send(paths.logs(this.workspace, name), { query, signal: options.signal });
    const text = await response.text();
    const header = (key: string) => Number(response.headers.get(key) ?? NaN);
    return { text, start: header('lathe-log-start'), end: header('lathe-log-end'), size: header('lathe-log-size') };
  }

  /**
   * The log's lines that contain `text` (case-insensitive for ASCII letters), searched on the
   * server from byte `offset`: at most `maxResults` (server default 1000), with `next_offset`
   * to go on from when that cut the search short.
   */
  async searchLogs(name: string, text: string, options: { offset?: number; maxResults?: number; signal?: AbortSignal } = {}): Promise<LogSearchResult> {
    const query = { q: text, offset: options.offset, max_results: options.maxResults };
    const response = await this.send(paths.logSearch(this.workspace, name), { query, signal: options.signal });
    const records = (await response.text()).split('\n').filter((line) => line !== '');
    const matches = records.map((line) => JSON.parse(line) as LogSearchMatchResource | LogSearchEndResource);
    const end = matches.pop() as LogSearchEndResource | undefined;
    if (!end?.end) throw new LatheError('LATHE_UNAVAILABLE', 'the log search ended before its last line: the connection was cut');
    return { matches: matches as LogSearchMatchResource[], nextOffset: end.next_offset, searchedTo: end.searched_to };
  }

  /** Outputs of a job with stored files. */
  async listOutputs(name: string): Promise<OutputResource[]> {
    return (await json<PageResource<OutputResource>>(await this.send(paths.outputs(this.workspace, name)))).value;
  }

  /** Files of one output. */
  async listOutputFiles(name: string, output: string): Promise<OutputFileResource[]> {
    return (await json<PageResource<OutputFileResource>>(await this.send(paths.outputFiles(this.workspace, name, output)))).value;
  }

  /** A stream of one output file. */
  async openOutputFile(name: string, output: string, file: string): Promise<ReadableStream<Uint8Array>> {
    return bodyOf(await this.send(paths.outputFile(this.workspace, name, output, file)));
  }

  /** A gzipped tar stream of a whole output. */
  async openOutputArchive(name: string, output: string): Promise<ReadableStream<Uint8Array>> {
    return bodyOf(await this.send(paths.outputArchive(this.workspace, name, output)));
  }

  /** True when the server holds a blob with this digest. */
  async hasBlob(sha256: string): Promise<boolean> {
    const response = await this.send(paths.blob(this.workspace, sha256), { method: 'HEAD', allow: [404] });
    return response.status === 200;
  }

  /** Uploads bytes (streamed, e.g. a file's read stream) as a blob under their digest (the server verifies it). */
  async uploadBlob(content: AsyncIterable<Uint8Array>, sha256: string): Promise<void> {
    await this.send(paths.blob(this.workspace, sha256), { method: 'PUT', body: { stream: content } });
  }

  /** A stream of a blob. */
  async openBlob(sha256: string): Promise<ReadableStream<Uint8Array>> {
    return bodyOf(await this.send(paths.blob(this.workspace, sha256)));
  }

  /** Launcher: reports the job's progress. Returns the job's status after the report. */
  async reportRuntime(name: string, report: RuntimeReportBody): Promise<{ applied: boolean; status: JobStatus }> {
    return json(await this.send(paths.runtimeReport(this.workspace, name), { method: 'POST', body: { json: report } }));
  }

  /** Launcher: appends log bytes at `offset`; returns the log's size on the server. */
  async appendLog(name: string, offset: number, chunk: Uint8Array): Promise<number> {
    const response = await this.send(paths.runtimeLogs(this.workspace, name), { method: 'POST', query: { offset }, body: { bytes: chunk } });
    return (await json<{ size: number }>(response)).size;
  }

  /** Launcher: stores an output from a gzipped tar stream. */
  async uploadOutput(name: string, output: string, archive: AsyncIterable<Uint8Array>): Promise<void> {
    await this.send(paths.runtimeOutput(this.workspace, name, output), {
      method: 'PUT',
      body: { stream: archive, contentType: 'application/gzip' },
    });
  }

  /** Creates an asset version (`version` omitted: the next number). The same spec again returns it; another is `LATHE_CONFLICT`. */
  async createAsset(plural: string, name: string, spec: Record<string, unknown>, version?: string): Promise<{ asset: AssetResource; created: boolean }> {
    const path = version === undefined ? paths.assetVersions(this.workspace, plural, name) : paths.assetVersion(this.workspace, plural, name, version);
    const response = await this.send(path, { method: version === undefined ? 'POST' : 'PUT', body: { json: { spec } } });
    return { asset: (await response.json()) as AssetResource, created: response.status === 201 };
  }

  /** One asset version. Throws `LATHE_NOT_FOUND`. */
  async getAsset(plural: string, name: string, version: string): Promise<AssetResource> {
    return json(await this.send(paths.assetVersion(this.workspace, plural, name, version)));
  }

  /** The newest version that is not archived. */
  async getLatestAsset(plural: string, name: string): Promise<AssetResource> {
    return json(await this.send(paths.assetLatest(this.workspace, plural, name)));
  }

  /** Asset names of a kind, with their latest versions. */
  async listAssets(plural: string, options: { includeArchived?: boolean } = {}): Promise<AssetSummaryResource[]> {
    const query = options.includeArchived ? { include_archived: 'true' } : {};
    return (await json<{ value: AssetSummaryResource[] }>(await this.send(paths.assets(this.workspace, plural), { query }))).value;
  }

  /** Versions of one asset, newest first. */
  async listAssetVersions(plural: string, name: string, options: { includeArchived?: boolean } = {}): Promise<AssetResource[]> {
    const query = options.includeArchived ? { include_archived: 'true' } : {};
    return (await json<{ value: AssetResource[] }>(await this.send(paths.assetVersions(this.workspace, plural, name), { query }))).value;
  }

  /** Archives (hides) or restores one version, or all of them when `version` is omitted. */
  async setAssetArchived(plural: string, name: string, version: string | undefined, archived: boolean): Promise<void> {
    const path = archived ? paths.assetArchive(this.workspace, plural, name) : paths.assetRestore(this.workspace, plural, name);
    await this.send(path, { method: 'POST', query: { version } });
  }

  /** Jobs that consumed or produced an asset version. */
  async assetLineage(plural: string, name: string, version: string): Promise<LineageEdgeResource[]> {
    return (await json<{ value: LineageEdgeResource[] }>(await this.send(paths.assetLineage(this.workspace, plural, name, version)))).value;
  }

  /** Asset versions a job consumed or produced. */
  async jobLineage(name: string): Promise<LineageEdgeResource[]> {
    return (await json<{ value: LineageEdgeResource[] }>(await this.send(paths.jobLineage(this.workspace, name)))).value;
  }

  /** Azure ML's built-in datastores, which every workspace has (`workspaceblobstore`, …). */
  async listBuiltinDatastores(): Promise<BuiltinDatastoreResource[]> {
    return (await json<{ value: BuiltinDatastoreResource[] }>(await this.send(paths.builtinDatastores(this.workspace)))).value;
  }

  /** One built-in datastore by name. Throws `LATHE_NOT_FOUND` for any other name. */
  async getBuiltinDatastore(name: string): Promise<BuiltinDatastoreResource> {
    return json(await this.send(paths.builtinDatastore(this.workspace, name)));
  }

  /**
   * Creates or updates a named compute target of this workspace from `amlcompute` YAML as data
   * (`loadComputeFile` from `@lathe/spec` reads a file). The answer's `warnings` name the fields
   * recorded but not applied. Throws `LATHE_INVALID_SPEC`, or `LATHE_CONFLICT` for a built-in name.
   *
   * @example
   * await lathe.putCompute({ name: 'cpu-cluster', type: 'amlcompute', max_instances: 2 });
   */
  async putCompute(spec: Record<string, unknown> & { name: string }): Promise<ComputeResource> {
    return json(await this.send(paths.compute(this.workspace, spec.name), { method: 'PUT', body: { json: { spec } } }));
  }

  /** One compute, built-in or named, with its jobs running and queued. Throws `LATHE_NOT_FOUND`. */
  async getCompute(name: string): Promise<ComputeResource> {
    return json(await this.send(paths.compute(this.workspace, name)));
  }

  /** The workspace's computes: the built-in ones, then the named ones by name. */
  async listComputes(): Promise<ComputeResource[]> {
    return (await json<{ value: ComputeResource[] }>(await this.send(paths.computes(this.workspace)))).value;
  }

  /** Deletes a named compute. Throws `LATHE_CONFLICT` while any of its jobs is queued or running, `LATHE_NOT_FOUND` when missing. */
  async deleteCompute(name: string): Promise<void> {
    await this.send(paths.compute(this.workspace, name), { method: 'DELETE' });
  }

  /**
   * Creates or replaces a schedule from schedule YAML as data, its `create_job` inline with local
   * paths already uploaded (`createScheduleFile` does both from a file). It is enabled, its next
   * fire counted from now. Throws `LATHE_INVALID_SPEC` naming the field.
   *
   * @example
   * await lathe.putSchedule({ name: 'nightly', trigger: { type: 'cron', expression: '0 2 * * *' }, create_job: { type: 'command', command: 'echo hi' } });
   */
  async putSchedule(spec: Record<string, unknown> & { name: string }): Promise<ScheduleResource> {
    return json(await this.send(paths.schedule(this.workspace, spec.name), { method: 'PUT', body: { json: { spec } } }));
  }

  /** One schedule with its next and last fire. Throws `LATHE_NOT_FOUND`. */
  async getSchedule(name: string): Promise<ScheduleResource> {
    return json(await this.send(paths.schedule(this.workspace, name)));
  }

  /** The workspace's schedules by name. */
  async listSchedules(): Promise<ScheduleResource[]> {
    return (await json<{ value: ScheduleResource[] }>(await this.send(paths.schedules(this.workspace)))).value;
  }

  /** Enables a schedule (its next fire counted from now) or disables it. Throws `LATHE_NOT_FOUND`. */
  async setScheduleEnabled(name: string, enabled: boolean): Promise<ScheduleResource> {
    const path = enabled ? paths.scheduleEnable(this.workspace, name) : paths.scheduleDisable(this.workspace, name);
    return json(await this.send(path, { method: 'POST', body: { json: {} } }));
  }

  /** Deletes a schedule; the jobs it created stay. Throws `LATHE_NOT_FOUND`. */
  async deleteSchedule(name: string): Promise<void> {
    await this.send(paths.schedule(this.workspace, name), { method: 'DELETE' });
  }

  /** Creates a service principal in this client's workspace; the answer carries `client_secret`, shown only this once. Throws `LATHE_CONFLICT` for a taken name. */
  async createServicePrincipal(name: string): Promise<ServicePrincipalResource> {
    return json(await this.send(paths.servicePrincipals(this.workspace), { method: 'POST', body: { json: { name } } }));
  }

  /** The workspace's service principals, by name, without secrets. */
  async listServicePrincipals(): Promise<ServicePrincipalResource[]> {
    return (await json<{ value: ServicePrincipalResource[] }>(await this.send(paths.servicePrincipals(this.workspace)))).value;
  }

  /** Deletes a service principal by client id; its tokens stop working. Throws `LATHE_NOT_FOUND` when missing. */
  async deleteServicePrincipal(clientId: string): Promise<void> {
    await this.send(paths.servicePrincipal(this.workspace, clientId), { method: 'DELETE' });
  }

  /** The variables that point the Azure ML Python SDK at the server (`lathe sdk env`). Throws `LATHE_FORBIDDEN` unless this client may see the default principal's secret. */
  async sdkEnvironment(): Promise<SdkEnvResource> {
    return json(await this.send(paths.sdkEnv()));
  }

  /**
   * Creates a workspace, or records its metadata, from workspace YAML as data. Not bound to this
   * client's workspace: `spec.name` names it.
   *
   * @example
   * await lathe.putWorkspace({ name: 'team-a', display_name: 'Team A' });
   */
  async putWorkspace(spec: Record<string, unknown> & { name: string }): Promise<WorkspaceResource> {
    return json(await this.send(paths.workspace(spec.name), { method: 'PUT', body: { json: { spec } } }));
  }

  /** A workspace (default: this client's) with its metadata and computes. Throws `LATHE_NOT_FOUND`. */
  async getWorkspace(name = this.workspace): Promise<WorkspaceResource> {
    return json(await this.send(paths.workspace(name)));
  }

  /** Every workspace: the created ones and those that hold data, by name. */
  async listWorkspaces(): Promise<WorkspaceResource[]> {
    return (await json<{ value: WorkspaceResource[] }>(await this.send(paths.workspaces()))).value;
  }

  /** Azure's curated environments as Lathe runs them (the same in every workspace). */
  async listCuratedEnvironments(): Promise<CuratedEnvironmentResource[]> {
    return (await json<{ value: CuratedEnvironmentResource[] }>(await this.send(paths.curatedEnvironments()))).value;
  }

  /** One curated environment, by registry name (`sklearn-1.5`) or workspace name (`AzureML-sklearn-1.5`). Throws `LATHE_NOT_FOUND`. */
  async getCuratedEnvironment(name: string): Promise<CuratedEnvironmentResource> {
    return json(await this.send(paths.curatedEnvironment(name)));
  }
}

async function json<T>(response: Response): Promise<T> {
  return (await response.json()) as T;
}

function bodyOf(response: Response): ReadableStream<Uint8Array> {
  return response.body ?? new ReadableStream({ start: (controller) => controller.close() });
}
