import type { SweepResource } from '@lathe/api';
import { lathe } from '../../client.js';
import { EmptyState } from '../../components/empty-state.js';
import { ErrorBanner } from '../../components/error-banner.js';
import { useLiveEvents, type LiveEvent } from '../../live.js';
import { useAsync } from '../../use-async.js';
import { useThrottle } from '../job/use-throttle.js';
import { BestSoFarPlot } from './best-so-far-plot.js';
import { SweepParallelCoordinates } from './sweep-parallel-coordinates.js';
import { SweepSummary } from './sweep-summary.js';
import { SweepTrialsTable } from './sweep-trials-table.js';
import { TrialMetricChart } from './trial-metric-chart.js';
import './sweep.css';

/**
 * A sweep job's trials tab: its settings and best trial, the trials best first, the primary
 * metric of every trial, the best score so far, and parameters against score.
 *
 * Live: a status change of the sweep or of one of its trials, or a trial logging the primary
 * metric, reloads the sweep — at most once a second, so a sweep of many busy trials costs a
 * bounded number of requests. The drawn view stays while a reload runs.
 */
export function JobSweep({ name }: { name: string }) {
  const sweep = useAsync(async () => readable(await lathe.getSweep(name)), [name]);
  const reload = useThrottle(sweep.reload, 1000);
  useLiveEvents((event) => {
    if (concernsSweep(event, name, sweep.data)) reload();
  });

  if (!sweep.data) return sweep.error ? <ErrorBanner error={sweep.error} what="the sweep" /> : <div className="muted">Loading…</div>;
  const data = sweep.data;
  return (
    <div className="job-sweep" data-testid="job-sweep" data-status={data.status} data-trials={data.trials.length}>
      <ErrorBanner error={sweep.error} what="the sweep" />
      <SweepSummary sweep={data} />
      {data.trials.length === 0 ? (
        <EmptyState title="No trials yet">The sweep asks its sampler for trials once it starts; they appear here as they are created.</EmptyState>
      ) : (
        <>
          <SweepTrialsTable sweep={data} />
          <section className="sweep-section">
            <h3>{data.primary_metric} of every trial</h3>
            <TrialMetricChart sweep={data} />
          </section>
          <div className="sweep-plots">
            <section className="sweep-section panel panel-pad plot-panel">
              <h3>Best so far</h3>
              <BestSoFarPlot sweep={data} />
            </section>
            <section className="sweep-section panel panel-pad plot-panel">
              <h3>Parameters and {data.primary_metric}</h3>
              <SweepParallelCoordinates sweep={data} />
            </section>
          </div>
        </>
      )}
    </div>
  );
}

/**
 * The sweep with only trials the tab can draw (objects with a name; a list even if the server sent
 * none), so an odd answer from a newer or older server shows less instead of breaking the page.
 */
function readable(sweep: SweepResource): SweepResource {
  const trials = Array.isArray(sweep.trials) ? sweep.trials.filter((t) => typeof t === 'object' && t !== null && typeof t.name === 'string') : [];
  const best = sweep.best && typeof sweep.best.trial === 'string' ? sweep.best : null;
  return { ...sweep, trials, best };
}

/** Trials are named `<sweep>_<index>`. */
function isTrialOf(run: string, sweep: string): boolean {
  return run.startsWith(`${sweep}_`) && /^\d+$/.test(run.slice(sweep.length + 1));
}

/** Whether `event` may change what the tab shows: connected again, a status of the sweep or a trial, a trial's primary metric. */
function concernsSweep(event: LiveEvent, name: string, sweep: SweepResource | undefined): boolean {
  if (event.type === 'connected') return true;
  if (event.type === 'job') return event.job === name || isTrialOf(event.job, name);
  return isTrialOf(event.run_id, name) && (sweep === undefined || event.keys.includes(sweep.primary_metric));
}
