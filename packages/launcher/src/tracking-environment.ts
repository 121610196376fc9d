import { createRequire } from 'node:module';
import { delimiter, dirname, join } from 'node:path';
import type { LaunchManifest } from '@lathe/core';
import { mlflowBasePath } from '@lathe/api/mlflow';
import { TrackingClient } from '@lathe/sdk/tracking';

/**
 * Where Lathe's shipped Python packages live (`mlflow`, `mltable`, and `lathe_parallel`, the
 * parallel job driver), and the `sitecustomize` that
 * offers them. The latter goes first on PYTHONPATH and appends the former to the *end* of
 * `sys.path`, so a real `mlflow` or `mltable` installed in the job's Python is always found
 * first and Lathe's is used only when there is none — decided by each Python process itself, at
 * no cost to the launch.
 */
function shippedPythonPaths(): { site: string; packages: string[] } | undefined {
  try {
    const require = createRequire(import.meta.url);
    const root = (name: string) => dirname(require.resolve(`${name}/package.json`));
    const mlflow = root('@lathe/mlflow-py');
    return { site: join(mlflow, 'site'), packages: [join(mlflow, 'python'), join(root('@lathe/mltable-py'), 'python'), join(root('@lathe/parallel-py'), 'python')] };
  } catch {
    return undefined;
  }
}

/** The MLflow variables of one job. */
export class TrackingEnvironment {
  private constructor(
    private readonly manifest: LaunchManifest,
    private readonly experimentId: string | undefined,
  ) {}

  /**
   * Looks up the job's run (for its experiment id). A failed lookup is not fatal: the job runs
   * with the run id and experiment name, and `onWarning` says why the id is missing.
   */
  static async resolve(manifest: LaunchManifest, onWarning: (message: string) => void): Promise<TrackingEnvironment> {
    try {
      const run = await new TrackingClient(manifest.serverUrl, manifest.workspace, manifest.token ? { token: manifest.token } : {}).getRun(manifest.job);
      return new TrackingEnvironment(manifest, run.info.experiment_id);
    } catch (error) {
      onWarning(`could not read the job's MLflow run: ${(error as Error).message}`);
      return new TrackingEnvironment(manifest, undefined);
    }
  }

  /** `MLFLOW_*` variables, and PYTHONPATH offering the shipped packages after `inherited`. */
  variables(inheritedPythonPath: string | undefined): Record<string, string> {
    const vars: Record<string, string> = {
      MLFLOW_TRACKING_URI: `${this.manifest.serverUrl.replace(/\/+$/, '')}${mlflowBasePath(this.manifest.workspace)}`,
      MLFLOW_RUN_ID: this.manifest.job,
      MLFLOW_EXPERIMENT_NAME: this.manifest.experimentName,
    };
    if (this.experimentId !== undefined) vars.MLFLOW_EXPERIMENT_ID = this.experimentId;
    // The job's MLflow client and `lathe` CLI reach a server that asks for auth with the job's token.
    if (this.manifest.token !== undefined) {
      vars.MLFLOW_TRACKING_TOKEN = this.manifest.token;
      vars.LATHE_TOKEN = this.manifest.token;
    }
    const shipped = shippedPythonPaths();
    if (shipped !== undefined) {
      vars.LATHE_FALLBACK_PYTHONPATH = shipped.packages.join(delimiter);
      vars.PYTHONPATH = inheritedPythonPath ? `${shipped.site}${delimiter}${inheritedPythonPath}` : shipped.site;
    }
    return vars;
  }
}
