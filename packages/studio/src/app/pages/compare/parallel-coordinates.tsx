import { useMemo, useRef, useState } from 'react';
import { setQuery, useLocation } from '../../router.js';
import { differs, plotValue, shownValue, type CompareField } from './compare-fields.js';
import type { CompareRun } from './compare-runs.js';
import { ParallelAxes } from './parallel-axes.js';
import { RunLegend } from './run-legend.js';
import { useWidth } from './use-width.js';

/**
 * Parallel coordinates: a vertical axis per chosen param or metric (numbers on a linear scale,
 * anything else as ordered categories), a line per run through its values in the run's colour.
 * The axes are chosen with the chips above (`?axes=params.lr,metrics.loss`); by default the
 * params that differ and every metric. A run without a value on an axis breaks its line there.
 */
export function ParallelCoordinates({ runs, fields }: { runs: CompareRun[]; fields: CompareField[] }) {
  const { query } = useLocation();
  const box = useRef<HTMLDivElement>(null);
  const width = useWidth(box);
  const [hover, setHover] = useState<string>();
  const chosen = query.get('axes');
  const axes = useMemo(() => {
    if (chosen === null) return fields.filter((f) => f.group === 'metrics' || differs(runs, f));
    const ids = chosen.split(',');
    return ids.flatMap((id) => fields.find((f) => f.id === id) ?? []);
  }, [chosen, fields, runs]);
  const toggle = (field: CompareField) => {
    const ids = axes.some((a) => a.id === field.id)
      ? axes.filter((a) => a.id !== field.id).map((a) => a.id)
      : fields.filter((f) => f.id === field.id || axes.some((a) => a.id === f.id)).map((f) => f.id);
    setQuery({ axes: ids.join(',') });
  };
  const plotAxes = useMemo(() => axes.map((f) => ({ id: f.id, title: f.key, group: f.group === 'params' ? 'param' : 'metric' })), [axes]);
  const lines = useMemo(
    () =>
      runs.map((r) => ({
        id: r.row.run_id,
        color: r.color,
        values: axes.map((f) => plotValue(r.row, f)),
        tooltip: `${r.label}\n${axes.map((f) => `${f.key}: ${shownValue(r.row, f)}`).join('\n')}`,
      })),
    [axes, runs],
  );

  return (
    <section className="compare-section">
      <div className="section-head">
        <h2>Parallel coordinates</h2>
        <span className="muted small">one axis per field, one line per run; pick the axes below</span>
        {chosen !== null ? (
          <button type="button" className="button ghost small" onClick={() => setQuery({ axes: undefined })}>
            Default axes
          </button>
        ) : null}
      </div>
      <div className="panel panel-pad plot-panel">
        <div className="axis-picker" data-testid="axis-picker">
          {fields.map((f) => {
            const on = axes.some((a) => a.id === f.id);
            return (
              <span
                key={f.id}
                role="checkbox"
                aria-checked={on}
                tabIndex={0}
                className={on ? 'chip on' : 'chip'}
                data-field={f.id}
                onClick={() => toggle(f)}
                onKeyDown={(e) => (e.key === ' ' || e.key === 'Enter') && (e.preventDefault(), toggle(f))}
              >
                <span className="chip-group">{f.group === 'params' ? 'param' : 'metric'}</span>
                {f.key}
              </span>
            );
          })}
        </div>
        <div ref={box} className="plot-box">
          {axes.length === 0 ? <p className="muted plot-empty">Choose at least one axis.</p> : <ParallelAxes axes={plotAxes} lines={lines} width={width} hover={hover} onHover={setHover} />}
        </div>
        <RunLegend runs={runs} hover={hover} onHover={setHover} />
      </div>
    </section>
  );
}
