/**
 * The REST paths, in one place for the server and the SDK. Every path is under `/api/v1`; `ws`
 * is a workspace name (a `default` workspace always exists).
 */
export const API_PREFIX = '/api/v1';

const enc = encodeURIComponent;

/** The prefix of every route that belongs to one workspace, as the server mounts them. */
export const WORKSPACE_PREFIX = `${API_PREFIX}/workspaces/:workspace`;

/**
 * Route patterns under {@link WORKSPACE_PREFIX}, in the server's syntax (`:param`, and `*` for
 * the rest of the path). The server registers these; {@link paths} builds URLs from them, so
 * the two cannot drift.
 */
export const workspaceRoutes = {
  jobs: '/jobs',
  job: '/jobs/:name',
  cancel: '/jobs/:name/cancel',
  archive: '/jobs/:name/archive',
  restore: '/jobs/:name/restore',
  jobChildren: '/jobs/:name/children',
  sweep: '/jobs/:name/sweep',
  logs: '/jobs/:name/logs',
  logSearch: '/jobs/:name/logs/search',
  outputs: '/jobs/:name/outputs',
  outputFiles: '/jobs/:name/outputs/:output/files',
  outputFile: '/jobs/:name/outputs/:output/files/*',
  outputArchive: '/jobs/:name/outputs/:output/archive',
  runtimeReport: '/jobs/:name/runtime/report',
  runtimeLogs: '/jobs/:name/runtime/logs',
  runtimeOutput: '/jobs/:name/runtime/outputs/:output',
  schedules: '/schedules',
  schedule: '/schedules/:name',
  scheduleEnable: '/schedules/:name/enable',
  scheduleDisable: '/schedules/:name/disable',
} as const;

/**
 * The URL of a workspace route: each `:param` filled with its encoded value, and `*` with a
 * relative file path whose segments are encoded one by one.
 */
export function workspacePath(ws: string, pattern: string, params: Record<string, string> = {}, rest = ''): string {
  const path = pattern.replace(/:([A-Za-z]+)/g, (_, name: string) => enc(params[name] ?? '')).replace('*', () => rest.split('/').map(enc).join('/'));
  return `${API_PREFIX}/workspaces/${enc(ws)}${path}`;
}

const r = workspaceRoutes;

/** Path builders used by clients. */
export const paths = {
  health: () => `${API_PREFIX}/health`,
  schema: (file: string) => `${API_PREFIX}/schemas/${enc(file)}`,
  blob: (ws: string, sha256: string) => `${API_PREFIX}/workspaces/${enc(ws)}/blobs/${sha256}`,
  jobs: (ws: string) => workspacePath(ws, r.jobs),
  job: (ws: string, name: string) => workspacePath(ws, r.job, { name }),
  cancel: (ws: string, name: string) => workspacePath(ws, r.cancel, { name }),
  /** Hides a job from the job list (Azure ML's archive); `restore` shows it again. */
  archive: (ws: string, name: string) => workspacePath(ws, r.archive, { name }),
  restore: (ws: string, name: string) => workspacePath(ws, r.restore, { name }),
  /** The jobs a job created (a sweep's trials, a pipeline's steps), oldest first. */
  jobChildren: (ws: string, name: string) => workspacePath(ws, r.jobChildren, { name }),
  /** A sweep job's objective, best trial and trials, best first (`SweepResource`). */
  sweep: (ws: string, name: string) => workspacePath(ws, r.sweep, { name }),
  /** The job kinds this server runs. */
  jobKinds: () => `${API_PREFIX}/job-kinds`,
  logs: (ws: string, name: string) => workspacePath(ws, r.logs, { name }),
  /** The log's lines that contain a text, found on the server (NDJSON). */
  logSearch: (ws: string, name: string) => workspacePath(ws, r.logSearch, { name }),
  outputs: (ws: string, name: string) => workspacePath(ws, r.outputs, { name }),
  outputFiles: (ws: string, name: string, output: string) => workspacePath(ws, r.outputFiles, { name, output }),
  outputFile: (ws: string, name: string, output: string, file: string) => workspacePath(ws, r.outputFile, { name, output }, file),
  outputArchive: (ws: string, name: string, output: string) => workspacePath(ws, r.outputArchive, { name, output }),
  runtimeReport: (ws: string, name: string) => workspacePath(ws, r.runtimeReport, { name }),
  runtimeLogs: (ws: string, name: string) => workspacePath(ws, r.runtimeLogs, { name }),
  runtimeOutput: (ws: string, name: string, output: string) => workspacePath(ws, r.runtimeOutput, { name, output }),
  /** Runs (every job is one) with their jobs, metrics, params and tags; see `RunQuery`. */
  runs: (ws: string) => `${API_PREFIX}/workspaces/${enc(ws)}/runs`,
  metricSeries: (ws: string, run: string, key: string) => `${API_PREFIX}/workspaces/${enc(ws)}/runs/${enc(run)}/metrics/${enc(key)}`,
  experiments: (ws: string) => `${API_PREFIX}/workspaces/${enc(ws)}/experiments`,
  /** Server-sent events of the workspace (`LiveEventResource`). */
  events: (ws: string) => `${API_PREFIX}/workspaces/${enc(ws)}/events`,
  jobLineage: (ws: string, name: string) => `${paths.job(ws, name)}/lineage`,
  /** The lineage graph; query `job=<name>` or `kind=<plural>&name=<n>&version=<v>`, `depth`. */
  lineageGraph: (ws: string) => `${API_PREFIX}/workspaces/${enc(ws)}/lineage`,
  /** `plural`: `data`, `models`, `environments`, `components` or `datastores`. */
  assets: (ws: string, plural: string) => `${API_PREFIX}/workspaces/${enc(ws)}/${plural}`,
  assetVersions: (ws: string, plural: string, name: string) => `${paths.assets(ws, plural)}/${enc(name)}/versions`,
  assetVersion: (ws: string, plural: string, name: string, version: string) => `${paths.assetVersions(ws, plural, name)}/${enc(version)}`,
  assetLatest: (ws: string, plural: string, name: string) => `${paths.assets(ws, plural)}/${enc(name)}/labels/latest`,
  assetArchive: (ws: string, plural: string, name: string) => `${paths.assets(ws, plural)}/${enc(name)}/archive`,
  assetRestore: (ws: string, plural: string, name: string) => `${paths.assets(ws, plural)}/${enc(name)}/restore`,
  assetLineage: (ws: string, plural: string, name: string, version: string) => `${paths.assetVersion(ws, plural, name, version)}/lineage`,
  /** Azure's curated environments, as Lathe runs them (`azureml://registries/azureml/environments/...`). */
  curatedEnvironments: () => `${API_PREFIX}/registries/azureml/environments`,
  curatedEnvironment: (name: string) => `${paths.curatedEnvironments()}/${enc(name)}`,
  /** Azure ML's built-in datastores of a workspace (`workspaceblobstore`, …), read-only. */
  builtinDatastores: (ws: string) => `${API_PREFIX}/workspaces/${enc(ws)}/builtin-datastores`,
  builtinDatastore: (ws: string, name: string) => `${paths.builtinDatastores(ws)}/${enc(name)}`,
  /** Every workspace, created or holding data (GET). */
  workspaces: () => `${API_PREFIX}/workspaces`,
  /** One workspace: GET shows it, PUT creates it or records its metadata. */
  workspace: (ws: string) => `${API_PREFIX}/workspaces/${enc(ws)}`,
  /** The computes of a workspace, the built-in ones first (GET). */
  computes: (ws: string) => `${API_PREFIX}/workspaces/${enc(ws)}/computes`,
  /** One compute: GET shows it, PUT creates or updates it, DELETE removes it. */
  compute: (ws: string, name: string) => `${paths.computes(ws)}/${enc(name)}`,
  /** The service principals of a workspace: GET lists them, POST creates one (its secret answered once). */
  servicePrincipals: (ws: string) => `${API_PREFIX}/workspaces/${enc(ws)}/service-principals`,
  /** One service principal by client id: DELETE removes it. */
  servicePrincipal: (ws: string, clientId: string) => `${paths.servicePrincipals(ws)}/${enc(clientId)}`,
  /** The schedules of a workspace, by name (GET). */
  schedules: (ws: string) => workspacePath(ws, r.schedules),
  /** One schedule: GET shows it, PUT creates or replaces it, DELETE removes it (its jobs stay). */
  schedule: (ws: string, name: string) => workspacePath(ws, r.schedule, { name }),
  /** POST: the schedule fires again, its next fire counted from now. */
  scheduleEnable: (ws: string, name: string) => workspacePath(ws, r.scheduleEnable, { name }),
  /** POST: the schedule stops firing until enabled. */
  scheduleDisable: (ws: string, name: string) => workspacePath(ws, r.scheduleDisable, { name }),
  /** The environment variables that point the Azure ML Python SDK at this server (GET; `lathe sdk env`). */
  sdkEnv: () => `${API_PREFIX}/sdk/env`,
} as const;
