import type { SweepResource } from '@lathe/api';
import { StatusBadge } from '../../components/status-badge.js';
import { metricValue } from '../../format.js';
import { Link } from '../../router.js';
import { parameterNames, parameterText, parametersOf } from './trial-parameters.js';

/**
 * The trials in the order the API gives them (best score first, unscored last): a link to each
 * trial's job, its status, score, how many intervals it logged, a column per parameter (a
 * sub-space as JSON) and why the sweep stopped it. Rows are `[data-testid=trial-row]` with
 * `data-trial`; cells carry `data-col` (`score`, `param:<name>`, `stop-reason`, …).
 */
export function SweepTrialsTable({ sweep }: { sweep: SweepResource }) {
  const names = parameterNames(sweep.trials);
  const best = sweep.best?.trial;
  return (
    <div className="table-wrap sweep-trials">
      <table className="table" data-testid="sweep-trials">
        <thead>
          <tr>
            <th>Trial</th>
            <th>Status</th>
            <th className="num">{sweep.primary_metric}</th>
            <th className="num">Intervals</th>
            {names.map((name) => (
              <th key={name} className="mono">
                {name}
              </th>
            ))}
            <th>Stopped because</th>
          </tr>
        </thead>
        <tbody>
          {sweep.trials.map((trial) => {
            const parameters = parametersOf(trial);
            return (
              <tr key={trial.name} data-testid="trial-row" data-trial={trial.name} data-best={trial.name === best ? 'true' : undefined} className={trial.name === best ? 'best' : undefined}>
                <td data-col="trial">
                  <Link to={`/jobs/${encodeURIComponent(trial.name)}`} className="mono">
                    {trial.name}
                  </Link>
                </td>
                <td data-col="status">
                  <StatusBadge status={trial.status} />
                </td>
                <td className="num mono" data-col="score">
                  {metricValue(typeof trial.score === 'number' ? trial.score : null)}
                </td>
                <td className="num" data-col="intervals">
                  {Number.isFinite(trial.intervals) ? trial.intervals : '—'}
                </td>
                {names.map((name) => {
                  const text = parameterText(parameters[name]);
                  return (
                    <td key={name} className="mono param-cell" data-col={`param:${name}`} title={text}>
                      {text}
                    </td>
                  );
                })}
                <td className="wrap small" data-col="stop-reason">
                  {trial.stop_reason ?? ''}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
