import { delimiter } from 'node:path';
import { allowedJobEnvironment, type LaunchManifest } from '@lathe/core';
import type { CommandJobSpec } from '@lathe/spec';
import type { StagedJob } from './stage-job.js';
import type { TrackingEnvironment } from './tracking-environment.js';

/**
 * The command's environment: the part of the launcher's own that `allowedJobEnvironment`
 * lets through with the manifest's `envAllow` (never the server's secrets), then the names Azure ML sets and scripts read
 * (`AZUREML_RUN_ID`, `AZURE_ML_INPUT_<name>`, ...), MLflow's (`MLFLOW_TRACKING_URI`,
 * `MLFLOW_RUN_ID`, ... so `mlflow.start_run()` attaches to the job's run), Lathe's
 * (`LATHE_JOB_NAME`, ...), and last the job's `environment_variables`, which win.
 */
export function jobEnvironment(manifest: LaunchManifest, spec: CommandJobSpec, staged: StagedJob, tracking: TrackingEnvironment): NodeJS.ProcessEnv {
  const inherited = allowedJobEnvironment(process.env, manifest.envAllow);
  const env: NodeJS.ProcessEnv = {
    ...inherited,
    PATH: `${staged.binDir}${delimiter}${inherited.PATH ?? ''}`,
    PYTHONUNBUFFERED: '1',
    LATHE_JOB_NAME: manifest.job,
    LATHE_WORKSPACE: manifest.workspace,
    LATHE_EXPERIMENT_NAME: manifest.experimentName,
    LATHE_SERVER_URL: manifest.serverUrl,
    LATHE_PYTHON: manifest.python,
    AZUREML_RUN_ID: manifest.job,
    AZUREML_ARM_WORKSPACE_NAME: manifest.workspace,
    AZUREML_ARM_PROJECT_NAME: manifest.experimentName,
    AZUREML_EXPERIMENT_NAME: manifest.experimentName,
    AZUREML_CR_EXECUTION_WORKING_DIR_PATH: staged.workingDir,
    ...tracking.variables(inherited.PYTHONPATH),
  };
  if (staged.virtualEnv !== undefined) env.VIRTUAL_ENV = staged.virtualEnv;
  for (const [name, value] of Object.entries(staged.inputs)) {
    env[`AZURE_ML_INPUT_${name}`] = String(value);
    env[`AZUREML_INPUT_${name}`] = String(value);
  }
  for (const [name, path] of Object.entries(staged.outputs)) {
    env[`AZURE_ML_OUTPUT_${name}`] = path;
    env[`AZUREML_OUTPUT_${name}`] = path;
  }
  return { ...env, ...(spec.environment_variables ?? {}) };
}
