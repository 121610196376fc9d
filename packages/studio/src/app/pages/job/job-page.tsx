import { isTerminal } from '@lathe/core';
import { EmptyState } from '../../components/empty-state.js';
import { ErrorBanner } from '../../components/error-banner.js';
import { Tabs } from '../../components/tabs.js';
import { lazyPage } from '../../lazy-page.js';
import { useLiveEvents } from '../../live.js';
import { useLocation } from '../../router.js';
import { JobChildren } from './job-children.js';
import { JobHeader } from './job-header.js';
import { JobLogs } from './job-logs.js';
import { JobMetrics } from './job-metrics.js';
import { JobOutputs } from './job-outputs.js';
import { JobOverview } from './job-overview.js';
import { useJobView } from './use-job-view.js';
import { useThrottle } from './use-throttle.js';
import './job.css';

const TABS = ['trials', 'graph', 'overview', 'metrics', 'logs', 'outputs', 'children'] as const;

// Only sweeps have it: its code (and plots) load when a sweep's page first shows it.
const JobSweep = lazyPage(() => import('../sweep/job-sweep.js').then((m) => m.JobSweep));
// Likewise pipelines: the graph's code loads when a pipeline's page first shows it.
const JobPipeline = lazyPage(() => import('../pipeline/job-pipeline.js').then((m) => m.JobPipeline));

/** A job (or any run): a sweep's trials, a pipeline's graph, overview, metrics, logs, outputs and artifacts, child jobs. */
export function JobPage({ name }: { name: string }) {
  // A new name is a new page: no state of the previous job carries over.
  return <JobPageContent key={name} name={name} />;
}

/**
 * Live: a status change of this job reloads it (and its run when it ends: end time, final
 * metrics); metric writes reload the run's latest values, at most every two seconds.
 */
function JobPageContent({ name }: { name: string }) {
  const { query } = useLocation();
  const { view, missing, error, reloadJob, reloadRun } = useJobView(name);
  const reloadRunSoon = useThrottle(reloadRun, 2000);
  useLiveEvents((event) => {
    if (event.type === 'connected') {
      reloadJob();
      reloadRun();
    } else if (event.type === 'job' && event.job === name) {
      reloadJob();
      if (isTerminal(event.status) || event.status === 'Running') reloadRun();
    } else if (event.type === 'metrics' && event.run_id === name) reloadRunSoon();
  });

  // A sweep opens on its trials, a pipeline on its graph; those tabs exist for their kind only.
  const sweep = view?.job?.type === 'sweep';
  const pipeline = view?.job?.type === 'pipeline' ? view.job : null;
  const requested = query.get('tab');
  const own = (t: string) => (t === 'trials' ? sweep : t === 'graph' ? pipeline !== null : true);
  const tab = TABS.find((t) => t === requested && own(t)) ?? (sweep ? 'trials' : pipeline ? 'graph' : 'overview');
  const metricKeys = view?.run ? view.run.data.metrics.map((m) => m.key) : [];
  const tabs = [
    ...(sweep ? [{ id: 'trials', label: 'Trials' }] : []),
    ...(pipeline ? [{ id: 'graph', label: 'Graph' }] : []),
    { id: 'overview', label: 'Overview' },
    {
      id: 'metrics',
      label: <>Metrics{metricKeys.length ? <span className="tab-count">{metricKeys.length}</span> : null}</>,
    },
    { id: 'logs', label: 'Logs' },
    { id: 'outputs', label: 'Outputs + artifacts' },
    { id: 'children', label: 'Child jobs' },
  ];

  return (
    <div className="job-page" data-testid="job-page" data-status={view?.status ?? ''} data-run-only={view ? String(view.job === null) : undefined}>
      <JobHeader name={name} view={view} onChanged={reloadJob} />
      <ErrorBanner error={error} what="the job" />
      {missing ? (
        <EmptyState title="No such job" command={`lathe job show ${name}`}>
          No job or MLflow run is named <code>{name}</code> in this workspace.
        </EmptyState>
      ) : view ? (
        <>
          <Tabs tabs={tabs} active={tab} />
          {tab === 'trials' ? <JobSweep name={name} /> : null}
          {tab === 'graph' && pipeline ? <JobPipeline pipeline={pipeline} /> : null}
          {tab === 'overview' ? <JobOverview view={view} /> : null}
          {tab === 'metrics' ? <JobMetrics runId={name} keys={metricKeys} onNewKeys={reloadRun} /> : null}
          {tab === 'logs' ? (
            view.job ? (
              <JobLogs name={name} />
            ) : (
              <EmptyState title="No job logs">This run was logged by an MLflow client outside Lathe, so no job ran it and there is no job log. Its files are under Outputs + artifacts.</EmptyState>
            )
          ) : null}
          {tab === 'outputs' ? <JobOutputs view={view} /> : null}
          {tab === 'children' ? <JobChildren runId={name} experimentName={view.experimentName} /> : null}
        </>
      ) : !error ? (
        <div className="muted">Loading…</div>
      ) : null}
    </div>
  );
}
