/** The datastore (Blob container) whose job prefixes show jobs' outputs, as Azure ML's does. */
export const JOB_ARTIFACT_CONTAINER = 'workspaceartifactstore';

const DEFAULT_OUTPUT = 'default';
const ARTIFACTS = /^ExperimentRun\/dcid\.([^/]+)(?:\/(.*))?$/s;
const NAMED = /^azureml\/([^/]+)(?:\/([^/]*)(?:\/(.*))?)?$/s;

/** A blob name of {@link JOB_ARTIFACT_CONTAINER} that lies in a job's output. */
export interface JobArtifactName {
  job: string;
  output: string;
  /** The path inside the output (`''` for the output itself). */
  path: string;
}

/**
 * Where a job's output shows in {@link JOB_ARTIFACT_CONTAINER}, with Azure ML's names: the
 * `default` output (the job's `outputs/`, `logs/` and `user_logs/`) at `ExperimentRun/dcid.<job>/`,
 * where the SDK's `jobs.download` looks, and a named output at `azureml/<job>/<output>/`, the
 * path Azure ML gives a named output by default.
 */
export function jobArtifactPrefix(job: string, output: string): string {
  return output === DEFAULT_OUTPUT ? `ExperimentRun/dcid.${job}/` : `azureml/${job}/${output}/`;
}

/** The job output a blob name lies in, or `undefined` for a name outside the jobs' prefixes. */
export function parseJobArtifactName(name: string): JobArtifactName | undefined {
  const artifacts = ARTIFACTS.exec(name);
  if (artifacts !== null) return { job: artifacts[1] ?? '', output: DEFAULT_OUTPUT, path: artifacts[2] ?? '' };
  const named = NAMED.exec(name);
  if (named !== null && named[2] !== undefined && named[2] !== '') return { job: named[1] ?? '', output: named[2], path: named[3] ?? '' };
  return undefined;
}

/**
 * The job, and the output when the prefix names one, that a List Blobs prefix stays inside, or
 * `undefined` when it spans more than one job (those are not enumerated: list one job's prefix).
 */
export function jobArtifactListScope(prefix: string): { job: string; output?: string } | undefined {
  const parsed = parseJobArtifactName(prefix);
  if (parsed !== undefined) {
    // `azureml/<job>/mod` may be the start of several outputs' names.
    const outputComplete = parsed.output === DEFAULT_OUTPUT || prefix.length > `azureml/${parsed.job}/${parsed.output}`.length;
    return outputComplete ? { job: parsed.job, output: parsed.output } : { job: parsed.job };
  }
  const job = NAMED.exec(prefix)?.[1];
  return job !== undefined && prefix.endsWith('/') ? { job } : undefined;
}
