import type { ReactNode } from 'react';
import type { SweepResource } from '@lathe/api';
import { metricValue } from '../../format.js';
import { Link } from '../../router.js';
import { parametersLine } from './trial-parameters.js';

/**
 * The sweep on one line: how it samples, how many trials it asked for of its limit, how many run
 * at once, its early-termination policy, its objective, and its best trial with score and
 * parameters. Each part is `[data-field]`; the best trial is `[data-testid=sweep-best]`.
 */
export function SweepSummary({ sweep }: { sweep: SweepResource }) {
  const best = sweep.best;
  return (
    <div className="sweep-summary panel panel-pad" data-testid="sweep-summary">
      <Field name="sampling" label="Sampling">
        {sweep.sampling_algorithm}
      </Field>
      <Field name="trials" label="Trials">
        {sweep.trials.length} of {sweep.max_total_trials}
      </Field>
      <Field name="concurrency" label="Concurrency">
        {sweep.max_concurrent_trials} at a time
      </Field>
      <Field name="early-termination" label="Early termination">
        {sweep.early_termination ?? 'none'}
      </Field>
      <Field name="objective" label="Objective">
        {sweep.goal} <span className="mono">{sweep.primary_metric}</span>
      </Field>
      <Field name="best" label="Best trial">
        {best ? (
          <span data-testid="sweep-best" data-trial={best.trial}>
            <Link to={`/jobs/${encodeURIComponent(best.trial)}`} className="mono">
              {best.trial}
            </Link>{' '}
            <b className="num" data-testid="sweep-best-score">
              {metricValue(best.score)}
            </b>{' '}
            <span className="muted mono" data-testid="sweep-best-parameters">
              {parametersLine(typeof best.parameters === 'object' && best.parameters !== null ? best.parameters : {})}
            </span>
          </span>
        ) : (
          <span className="muted">none scored yet</span>
        )}
      </Field>
    </div>
  );
}

function Field({ name, label, children }: { name: string; label: string; children: ReactNode }) {
  return (
    <span className="sweep-field" data-field={name}>
      <span className="sweep-field-label">{label}</span>
      <span className="sweep-field-value">{children}</span>
    </span>
  );
}
