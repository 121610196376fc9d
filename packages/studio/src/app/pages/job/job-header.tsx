import { useState } from 'react';
import { isTerminal } from '@lathe/core';
import { lathe } from '../../client.js';
import { CopyButton } from '../../components/copy-button.js';
import { ErrorBanner } from '../../components/error-banner.js';
import { PageHeader } from '../../components/page-header.js';
import { StatusBadge } from '../../components/status-badge.js';
import { absoluteTime, duration, relativeTime } from '../../format.js';
import { Link } from '../../router.js';
import { ResubmitDialog } from './resubmit-dialog.js';
import { useNow } from './use-now.js';
import type { JobView } from './use-job-view.js';

/** Statuses a cancel applies to (a requested cancel is already on its way). */
const CANCELABLE = new Set(['NotStarted', 'Queued', 'Preparing', 'Running', 'Finalizing']);

/** Title, status, where the job belongs and when it ran, and its actions (cancel, re-submit). */
export function JobHeader({ name, view, onChanged }: { name: string; view: JobView | undefined; onChanged: () => void }) {
  const [canceling, setCanceling] = useState(false);
  // Cancel kills the job's processes and cannot be undone: it asks first.
  const [confirming, setConfirming] = useState(false);
  const [resubmitting, setResubmitting] = useState(false);
  const [error, setError] = useState<Error>();
  const job = view?.job ?? null;
  const experiment = view?.experimentName ?? '';
  const experimentLink = `/jobs?experiment=${encodeURIComponent(experiment)}`;
  const running = view !== undefined && !isTerminal(view.status) && view.startedAt !== null;
  const now = useNow(running);
  const seconds = running && view.startedAt !== null ? (now - view.startedAt) / 1000 : view?.durationSeconds;

  const cancel = () => {
    setConfirming(false);
    setCanceling(true);
    setError(undefined);
    lathe
      .cancelJob(name)
      .then(onChanged, setError)
      .finally(() => setCanceling(false));
  };

  const actions = job ? (
    <>
      {CANCELABLE.has(job.status) && confirming ? (
        <span className="cancel-confirm" role="alertdialog" aria-label="Cancel this job?" data-testid="cancel-confirm">
          <span>Cancel this job? Its processes are stopped.</span>
          <button type="button" className="button danger" onClick={cancel} data-testid="cancel-confirm-button">
            Cancel job
          </button>
          <button type="button" className="button" onClick={() => setConfirming(false)} data-testid="cancel-keep-button">
            Keep running
          </button>
        </span>
      ) : CANCELABLE.has(job.status) ? (
        <button type="button" className="button danger" onClick={() => setConfirming(true)} disabled={canceling} data-testid="cancel-button">
          {canceling ? 'Canceling…' : 'Cancel'}
        </button>
      ) : null}
      <button type="button" className="button" onClick={() => setResubmitting(true)} data-testid="resubmit-button" title="Submit a copy of this job, with edited inputs">
        Re-submit
      </button>
    </>
  ) : null;

  return (
    <>
      <PageHeader
        title={
          <>
            <span className="job-title" title={view?.title ?? name}>
              {view?.title ?? name}
            </span>
            {view ? <StatusBadge status={view.status} /> : null}
          </>
        }
        crumbs={
          experiment
            ? [
                ['Jobs', '/jobs'],
                [experiment, experimentLink],
              ]
            : [['Jobs', '/jobs']]
        }
        actions={actions}
      >
        {view ? (
          <div className="job-meta">
            <span className="mono job-name">{name}</span>
            <CopyButton text={name} label="Copy name" />
            {experiment ? (
              <span>
                <span className="muted">Experiment </span>
                <Link to={experimentLink} data-testid="experiment-link">
                  {experiment}
                </Link>
              </span>
            ) : null}
            <span>
              <span className="muted">Type </span>
              {job?.type ?? 'MLflow run'}
            </span>
            {view.createdAt !== null ? (
              <span title={absoluteTime(view.createdAt)}>
                <span className="muted">Created </span>
                {relativeTime(view.createdAt)}
              </span>
            ) : null}
            {seconds !== null && seconds !== undefined ? (
              <span>
                <span className="muted">Duration </span>
                {duration(seconds)}
                {running ? ' so far' : ''}
              </span>
            ) : null}
            {view.parentRunId ? (
              <span>
                <span className="muted">Parent </span>
                <Link to={`/jobs/${encodeURIComponent(view.parentRunId)}`}>{view.parentRunId}</Link>
              </span>
            ) : null}
          </div>
        ) : null}
      </PageHeader>
      <ErrorBanner error={error} />
      {resubmitting && job ? <ResubmitDialog job={job} onClose={() => setResubmitting(false)} /> : null}
    </>
  );
}
