/**
 * The REST paths, in one place for the server and the SDK. Every path is under `/api/v1`; `ws`
 * is a workspace name (a `default` workspace always exists).
 */
export const API_PREFIX = '/api/v1';

const enc = encodeURIComponent;

/** Path builders used by clients. */
export const paths = {
  health: () => `${API_PREFIX}/health`,
  schema: (file: string) => `${API_PREFIX}/schemas/${enc(file)}`,
  blob: (ws: string, sha256: string) => `${API_PREFIX}/workspaces/${enc(ws)}/blobs/${sha256}`,
  jobs: (ws: string) => `${API_PREFIX}/workspaces/${enc(ws)}/jobs`,
  job: (ws: string, name: string) => `${API_PREFIX}/workspaces/${enc(ws)}/jobs/${enc(name)}`,
  cancel: (ws: string, name: string) => `${paths.job(ws, name)}/cancel`,
  /** The jobs a job created (a sweep's trials, a pipeline's steps), oldest first. */
  jobChildren: (ws: string, name: string) => `${paths.job(ws, name)}/children`,
  /** The job kinds this server runs. */
  jobKinds: () => `${API_PREFIX}/job-kinds`,
  logs: (ws: string, name: string) => `${paths.job(ws, name)}/logs`,
  outputs: (ws: string, name: string) => `${paths.job(ws, name)}/outputs`,
  outputFiles: (ws: string, name: string, output: string) => `${paths.outputs(ws, name)}/${enc(output)}/files`,
  outputFile: (ws: string, name: string, output: string, file: string) => `${paths.outputFiles(ws, name, output)}/${file.split('/').map(enc).join('/')}`,
  outputArchive: (ws: string, name: string, output: string) => `${paths.outputs(ws, name)}/${enc(output)}/archive`,
  runtimeReport: (ws: string, name: string) => `${paths.job(ws, name)}/runtime/report`,
  runtimeLogs: (ws: string, name: string) => `${paths.job(ws, name)}/runtime/logs`,
  runtimeOutput: (ws: string, name: string, output: string) => `${paths.job(ws, name)}/runtime/outputs/${enc(output)}`,
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
} as const;
