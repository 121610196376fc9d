import { setQuery } from '../../router.js';
import { differs, shownValue, type CompareField } from './compare-fields.js';
import type { CompareRun } from './compare-runs.js';

/**
 * Params and latest metrics side by side: a row per key, a column per run. Rows where the runs
 * disagree (a missing value counts) are marked `diff`, row and cells; "only differences"
 * (`?diff=1`) hides the rest.
 */
export function CompareTable({ runs, fields, onlyDiff }: { runs: CompareRun[]; fields: CompareField[]; onlyDiff: boolean }) {
  const diffIds = new Set(fields.filter((f) => differs(runs, f)).map((f) => f.id));
  const groups = (['params', 'metrics'] as const).map((group) => ({ group, rows: fields.filter((f) => f.group === group && (!onlyDiff || diffIds.has(f.id))) }));
  return (
    <section className="compare-section">
      <div className="section-head">
        <h2>Parameters and metrics</h2>
        <span className="muted small">
          {diffIds.size} of {fields.length} differ · metrics are each run’s latest value
        </span>
        <label className="toggle">
          <input type="checkbox" checked={onlyDiff} onChange={(e) => setQuery({ diff: e.target.checked ? '1' : undefined })} data-testid="only-diff" />
          Only differences
        </label>
      </div>
      <div className="panel table-wrap compare-table-wrap">
        <table className="table compare-table" data-testid="compare-table">
          <thead>
            <tr>
              <th className="key-cell">Key</th>
              {runs.map((r) => (
                <th key={r.row.run_id} title={r.row.run_id}>
                  <span className="swatch" style={{ background: r.color }} />
                  {r.label}
                </th>
              ))}
            </tr>
          </thead>
          {groups.map(({ group, rows }) => (
            <tbody key={group}>
              <tr className="group-row">
                <th colSpan={runs.length + 1}>{group === 'params' ? 'Parameters' : 'Metrics'}</th>
              </tr>
              {rows.length === 0 ? (
                <tr>
                  <td colSpan={runs.length + 1} className="muted">
                    {onlyDiff ? `No ${group === 'params' ? 'parameter' : 'metric'} differs.` : `No run logged ${group === 'params' ? 'parameters' : 'metrics'}.`}
                  </td>
                </tr>
              ) : (
                rows.map((f) => {
                  const diff = diffIds.has(f.id);
                  return (
                    <tr key={f.id} className={diff ? 'diff' : undefined} data-key={f.id} data-diff={diff ? 'true' : 'false'}>
                      <td className="key-cell mono" title={f.key}>
                        {f.key}
                      </td>
                      {runs.map((r) => (
                        <td key={r.row.run_id} className={[diff ? 'diff' : '', f.group === 'metrics' ? 'num' : 'mono'].join(' ')} title={shownValue(r.row, f)}>
                          {shownValue(r.row, f)}
                        </td>
                      ))}
                    </tr>
                  );
                })
              )}
            </tbody>
          ))}
        </table>
      </div>
    </section>
  );
}
