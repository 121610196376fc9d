import type { JobSpecDocument } from './job.js';

/**
 * What a compute backend writes into a job folder (`job.json`) for the launcher. With this file
 * and the server's API the launcher can run the job on any machine that reaches the server: it
 * fetches the code snapshot and inputs, runs the command, streams the log and uploads outputs.
 */
export interface LaunchManifest {
  version: 1;
  workspace: string;
  job: string;
  experimentName: string;
  /** Base URL of the server, e.g. `http://127.0.0.1:5252`. */
  serverUrl: string;
  /** The validated command job, local paths already replaced by `blob:` references. */
  spec: JobSpecDocument;
  /** The interpreter that `python` and `python3` resolve to inside the job. */
  python: string;
  /** Shared folder for unpacked read-only inputs and code, keyed by content hash. */
  cacheDir: string;
  /** The server's blob folder when it is on this file system, to read blobs without a download. */
  blobDir?: string;
  /**
   * The artifact store's root when it is on this file system: an input that is another job's
   * output (`azureml://jobs/<job>/outputs/<name>`) is read there, in place, not copied.
   */
  artifactsDir?: string;
  /** Grace between SIGTERM and SIGKILL when the job is canceled or times out. */
  cancelGraceMs: number;
  /** Lines printed at the top of the job's log. */
  warnings: string[];
  /**
   * The job's own credential: runtime calls (reports, log chunks, outputs) are refused without
   * it, and when the server asks for auth it also stands for the user while the job runs.
   */
  token?: string;
  /**
   * Names (or `PREFIX*`) the command may inherit from the launcher's environment beyond
   * `DEFAULT_JOB_ENV_ALLOW` (`LATHE_JOB_ENV_ALLOW`); absent means none.
   */
  envAllow?: string[];
  /**
   * How long the launcher keeps retrying a server it cannot reach (default one hour): the job
   * runs on meanwhile, and a restarted server adopts it.
   */
  reconnectMs?: number;
}
