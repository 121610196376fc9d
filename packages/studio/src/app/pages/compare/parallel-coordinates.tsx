import { useMemo, useRef, useState } from 'react';
import { setQuery, useLocation } from '../../router.js';
import { scaleFor } from './axis-scale.js';
import { differs, plotValue, shownValue, type CompareField } from './compare-fields.js';
import type { CompareRun } from './compare-runs.js';
import { RunLegend } from './run-legend.js';
import { useWidth } from './use-width.js';
import { svgTextMeasurer, wrapLabel } from './wrap-label.js';

const HEIGHT = 300;
const TOP = 44;
/** Line height of an axis title that wraps; each line past the first moves the plot down. */
const TITLE_LINE = 13;
const BOTTOM = 16;
const SIDE = 72;
/** Categorical axes label at most this many values; the rest are still placed. */
const MAX_CATEGORY_LABELS = 12;

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
  const scales = useMemo(() => axes.map((f) => scaleFor(runs.map((r) => plotValue(r.row, f)))), [axes, runs]);
  const toggle = (field: CompareField) => {
    const ids = axes.some((a) => a.id === field.id)
      ? axes.filter((a) => a.id !== field.id).map((a) => a.id)
      : fields.filter((f) => f.id === field.id || axes.some((a) => a.id === f.id)).map((f) => f.id);
    setQuery({ axes: ids.join(',') });
  };

  const xOf = (i: number) => (axes.length === 1 ? width / 2 : SIDE + (i * (width - 2 * SIDE)) / (axes.length - 1));
  const titles = axisTitles(
    axes.map((f) => f.key),
    xOf,
    width,
  );
  const extra = Math.max(0, ...titles.map((t) => t.length - 1)) * TITLE_LINE;
  const top = TOP + extra;
  const plotH = HEIGHT - TOP - BOTTOM;
  const yOf = (at: number) => top + (1 - at) * plotH;

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
          {axes.length === 0 ? (
            <p className="muted plot-empty">Choose at least one axis.</p>
          ) : (
            <svg width={width} height={HEIGHT + extra} className="plot" data-testid="parallel-coordinates" data-axes={axes.map((a) => a.id).join(',')} onMouseLeave={() => setHover(undefined)}>
              {axes.map((f, i) => {
                const scale = scales[i];
                const x = xOf(i);
                const every = scale && scale.kind === 'category' ? Math.ceil(scale.ticks.length / MAX_CATEGORY_LABELS) : 1;
                return (
                  <g key={f.id} className="pc-axis" data-axis={f.id}>
                    <text x={x} y={TOP - 26} className="pc-axis-group" textAnchor="middle">
                      {f.group === 'params' ? 'param' : 'metric'}
                    </text>
                    <text y={TOP - 12} className="pc-axis-title" textAnchor="middle" data-title={f.key}>
                      <title>{f.key}</title>
                      {titles[i]?.map((line, k) => (
                        <tspan key={k} x={line.x} y={TOP - 12 + k * TITLE_LINE}>
                          {line.text}
                        </tspan>
                      ))}
                    </text>
                    <line x1={x} x2={x} y1={top} y2={top + plotH} />
                    {scale?.ticks
                      .filter((_, k) => k % every === 0)
                      .map((t) => (
                        <g key={`${t.label}@${t.at}`}>
                          <line x1={x - 3} x2={x} y1={yOf(t.at)} y2={yOf(t.at)} />
                          <text x={x - 6} y={yOf(t.at) + 3.5} textAnchor="end" className="tick">
                            {t.label.length > 14 ? `${t.label.slice(0, 13)}…` : t.label}
                          </text>
                        </g>
                      ))}
                  </g>
                );
              })}
              {runs.map((r) => {
                const points = axes.map((f, i) => {
                  const at = scales[i]?.at(plotValue(r.row, f));
                  return at === undefined ? undefined : ([xOf(i), yOf(at)] as const);
                });
                let d = '';
                points.forEach((p, i) => {
                  if (p) d += `${i > 0 && points[i - 1] ? 'L' : 'M'}${p[0].toFixed(1)},${p[1].toFixed(1)}`;
                });
                const state = hover === undefined ? '' : hover === r.row.run_id ? 'hovered' : 'faded';
                return (
                  <g key={r.row.run_id} className={`pc-run ${state}`} data-run={r.row.run_id} style={{ stroke: r.color, fill: r.color }} onMouseEnter={() => setHover(r.row.run_id)}>
                    <title>{`${r.label}\n${axes.map((f) => `${f.key}: ${shownValue(r.row, f)}`).join('\n')}`}</title>
                    <path d={d} className="pc-line" />
                    {points.map((p, i) => (p ? <circle key={axes[i]?.id} cx={p[0]} cy={p[1]} r={3} /> : null))}
                  </g>
                );
              })}
            </svg>
          )}
        </div>
        <RunLegend runs={runs} hover={hover} onHover={setHover} />
      </div>
    </section>
  );
}

/**
 * Each axis title as lines that fit between its neighbours (whole: wrapped, never elided), each
 * line centred on its axis but moved inward where it would cross the plot's left or right edge.
 */
function axisTitles(keys: string[], xOf: (i: number) => number, width: number): { text: string; x: number }[][] {
  const measure = svgTextMeasurer('plot', 'pc-axis-title');
  const spacing = keys.length > 1 ? xOf(1) - xOf(0) : width;
  const room = Math.max(48, Math.min(width - 4, spacing - 10));
  return keys.map((key, i) =>
    wrapLabel(key, room, measure).map((text) => {
      const half = measure(text) / 2 + 2;
      return { text, x: Math.min(Math.max(xOf(i), half), width - half) };
    }),
  );
}
