import type { JobResource } from '@lathe/api';
import { lathe } from '../../client.js';
import { EmptyState } from '../../components/empty-state.js';
import { ErrorBanner } from '../../components/error-banner.js';
import { useLiveEvents } from '../../live.js';
import { useAsync } from '../../use-async.js';
import { useThrottle } from '../job/use-throttle.js';
import { PipelineGraph } from './pipeline-graph.js';
import { pipelineSteps } from './pipeline-steps.js';
import './pipeline.css';

/**
 * A pipeline job's Graph tab: its steps as a DAG with each step job's live status.
 *
 * The graph's shape is the pipeline's stored spec (it never changes); the states are its step
 * jobs (`GET …/jobs/<pipeline>/children`). Live: a status change of the pipeline or of a job named
 * `<pipeline>_…` (a step, or a sweep step's trial) reloads the step jobs, at most once a second;
 * the drawn graph stays while a reload runs.
 */
export function JobPipeline({ pipeline }: { pipeline: JobResource }) {
  const name = pipeline.name;
  const children = useAsync(async () => (await lathe.listChildJobs(name, { maxResults: 1000 })).value, [name]);
  const reload = useThrottle(children.reload, 1000);
  useLiveEvents((event) => {
    if (event.type === 'connected' || (event.type === 'job' && (event.job === name || event.job.startsWith(`${name}_`)))) reload();
  });

  if (!children.data) return children.error ? <ErrorBanner error={children.error} what="the pipeline's steps" /> : <div className="muted">Loading…</div>;
  const { steps, edges } = pipelineSteps(pipeline, children.data);
  if (steps.length === 0)
    return (
      <EmptyState title="No steps">
        This pipeline's spec has no steps under <code>jobs</code>.
      </EmptyState>
    );
  return (
    <div className="job-pipeline" data-testid="job-pipeline">
      <ErrorBanner error={children.error} what="the pipeline's steps" />
      <PipelineGraph pipeline={name} steps={steps} edges={edges} />
    </div>
  );
}
