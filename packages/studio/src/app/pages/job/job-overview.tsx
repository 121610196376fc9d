import type { ReactNode } from 'react';
import { lathe } from '../../client.js';
import { CopyButton } from '../../components/copy-button.js';
import { ErrorBanner } from '../../components/error-banner.js';
import { YamlBlock } from '../../components/yaml-block.js';
import { useAsync } from '../../use-async.js';
import { JobDetails } from './job-details.js';
import { InputsTable, OutputsTable } from './job-io-tables.js';
import { JobLineage } from './job-lineage.js';
import { resubmitSpec, specForDisplay } from './resubmit-spec.js';
import { LatestMetrics, ParamsTable, RunTags } from './run-data.js';
import { StatusTimeline } from './status-timeline.js';
import type { JobView } from './use-job-view.js';

/**
 * Everything about one job at a glance: why it failed, its properties and timeline, command,
 * inputs and outputs, the run's params, latest metrics and tags, lineage, and its YAML. A run
 * without a job shows what MLflow knows of it.
 */
export function JobOverview({ view }: { view: JobView }) {
  const { job, run } = view;
  const lineage = useAsync(async () => (job ? lathe.jobLineage(job.name) : []), [job?.name, job?.status]);
  const outputs = useAsync(async () => (job ? lathe.listOutputs(job.name) : []), [job?.name, job?.status]);
  const edges = lineage.data ?? [];
  const spec = job?.spec ?? {};
  return (
    <div className="overview" data-testid="job-overview">
      {job?.error ? (
        <div className="panel panel-pad job-error" role="alert" data-testid="job-error">
          <div className="job-error-head">
            <strong>{job.error.type}</strong>
            {job.exit_code !== null ? <span className="muted">exit code {job.exit_code}</span> : null}
          </div>
          <pre className="job-error-message">{job.error.message}</pre>
        </div>
      ) : null}
      {job && job.warnings.length > 0 ? (
        <div className="panel panel-pad job-warnings" data-testid="job-warnings">
          <strong>{job.warnings.length === 1 ? 'Warning' : `${job.warnings.length} warnings`}</strong>
          <ul>
            {job.warnings.map((w, i) => (
              <li key={i}>{w}</li>
            ))}
          </ul>
        </div>
      ) : null}
      <div className="grid-2">
        <Section title="Details">
          <JobDetails view={view} />
        </Section>
        {job ? (
          <Section title="Status">
            <StatusTimeline history={job.status_history} />
          </Section>
        ) : null}
      </div>
      {typeof spec.command === 'string' ? (
        <Section title="Command" action={<CopyButton text={spec.command} />}>
          <pre className="command-block" data-testid="job-command">
            {spec.command}
          </pre>
        </Section>
      ) : null}
      {job ? (
        <div className="grid-2">
          <Section title="Inputs">
            <InputsTable inputs={(spec.inputs ?? {}) as Record<string, unknown>} lineage={edges} uris={job.uris} />
          </Section>
          <Section title="Outputs">
            <OutputsTable outputs={(spec.outputs ?? {}) as Record<string, unknown>} stored={outputs.data} lineage={edges} />
          </Section>
        </div>
      ) : null}
      <div className="grid-2">
        <Section title="Params">
          <ParamsTable params={run?.data.params ?? []} />
        </Section>
        <Section title="Metrics" note="latest values">
          <LatestMetrics metrics={run?.data.metrics ?? []} />
        </Section>
      </div>
      <div className="grid-2">
        <Section title="Tags">
          <RunTags tags={run?.data.tags ?? []} />
        </Section>
        {job ? (
          <Section title="Lineage">
            <ErrorBanner error={lineage.error} what="lineage" />
            {lineage.data ? <JobLineage edges={edges} /> : <div className="muted">Loading…</div>}
          </Section>
        ) : null}
      </div>
      {job && lineage.data ? (
        <details className="yaml-details">
          <summary>Job YAML</summary>
          <YamlBlock value={specForDisplay(resubmitSpec(job, edges), job)} command="lathe job create --file job.yml" />
        </details>
      ) : null}
    </div>
  );
}

function Section({ title, note, action, children }: { title: string; note?: string; action?: ReactNode; children: ReactNode }) {
  return (
    <section className="panel panel-pad section">
      <div className="section-head">
        <h3>{title}</h3>
        {note ? <span className="muted small">{note}</span> : null}
        {action ? <div className="section-action">{action}</div> : null}
      </div>
      {children}
    </section>
  );
}
