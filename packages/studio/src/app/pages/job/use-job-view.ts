import type { JobStatus } from '@lathe/core';
import type { JobResource } from '@lathe/api';
import type { MlflowRun } from '@lathe/api/mlflow';
import { jobStatusForRun } from '@lathe/tracking/run-status';
import { lathe, tracking } from '../../client.js';
import { takePrefetched } from '../../prefetch.js';
import { useAsync } from '../../use-async.js';

/** What the job page shows: the job (absent for a run an outside MLflow client logged) and its run. */
export interface JobView {
  name: string;
  /** Null for a run with no job; its page is the run-only view. */
  job: JobResource | null;
  /** Null until the job's run exists. */
  run: MlflowRun | null;
  status: JobStatus;
  title: string;
  experimentName: string;
  /** The run that started this one (`mlflow.parentRunId`), if any. */
  parentRunId: string | undefined;
  /** Milliseconds since the epoch, from the job, else from the run. */
  createdAt: number | null;
  startedAt: number | null;
  endedAt: number | null;
  /** From start to end, or to now while running. */
  durationSeconds: number | null;
}

export interface JobViewState {
  view: JobView | undefined;
  /** Neither a job nor a run has this name. */
  missing: boolean;
  error: Error | undefined;
  reloadJob: () => void;
  reloadRun: () => void;
}

/** Null for LATHE_NOT_FOUND, the error otherwise. */
function orNull(error: unknown): null {
  if ((error as { code?: string }).code === 'LATHE_NOT_FOUND') return null;
  throw error;
}

/**
 * Loads the job and the MLflow run of `name` (a job's run id is its name) side by side. A run
 * without a job reads its status from MLflow and its experiment's name from the tracking API.
 */
export function useJobView(name: string): JobViewState {
  const job = useAsync(() => (takePrefetched<JobResource>(`job:${name}`) ?? lathe.getJob(name)).catch(orNull), [name]);
  const run = useAsync(() => (takePrefetched<MlflowRun>(`run:${name}`) ?? tracking.getRun(name)).catch(orNull), [name]);
  const experimentId = job.data === null ? run.data?.info.experiment_id : undefined;
  const experiment = useAsync(async () => (experimentId === undefined ? undefined : (await tracking.getExperiment(experimentId)).name), [experimentId]);

  const error = job.error ?? run.error;
  const loaded = job.data !== undefined && run.data !== undefined;
  const missing = loaded && job.data === null && run.data === null;
  let view: JobView | undefined;
  if (loaded && !missing) {
    const j = job.data ?? null;
    const r = run.data ?? null;
    const tags = Object.fromEntries((r?.data.tags ?? []).map((t) => [t.key, t.value]));
    const time = (iso: string | null | undefined, ms: number | undefined) => (iso ? Date.parse(iso) : (ms ?? null));
    const startedAt = time(j?.started_at, j ? undefined : r?.info.start_time);
    const endedAt = time(j?.ended_at, j ? undefined : r?.info.end_time);
    view = {
      name,
      job: j,
      run: r,
      status: j ? j.status : r ? jobStatusForRun(r.info.status) : 'Running',
      title: j?.display_name || r?.info.run_name || name,
      experimentName: j?.experiment_name ?? experiment.data ?? '',
      parentRunId: tags['mlflow.parentRunId'],
      createdAt: time(j?.created_at, r?.info.start_time),
      startedAt,
      endedAt,
      durationSeconds: j ? j.duration_seconds : startedAt === null ? null : ((endedAt ?? Date.now()) - startedAt) / 1000,
    };
  }
  return { view, missing, error, reloadJob: job.reload, reloadRun: run.reload };
}
