import { useRef, useState } from 'react';
import { setQuery, useLocation } from '../../router.js';
import { scaleFor } from './axis-scale.js';
import { differs, fieldById, plotValue, shownValue, type CompareField } from './compare-fields.js';
import type { CompareRun } from './compare-runs.js';
import { RunLegend } from './run-legend.js';
import { useWidth } from './use-width.js';
import './plot.css';

const HEIGHT = 300;
const LEFT = 64;
const RIGHT = 24;
const TOP = 14;
const BOTTOM = 42;

/**
 * Any two fields against each other (`?sx=params.lr&sy=metrics.loss`), a point per run in its
 * colour, labelled when pointed at. By default both axes vary across the runs: X is the first
 * param that differs (else the first field that does) and Y the first other metric that differs
 * (else the first other field that does) — a constant axis would stack every mark on one line.
 * Runs without a value on either axis are listed under the plot.
 */
export function ScatterPlot({ runs, fields }: { runs: CompareRun[]; fields: CompareField[] }) {
  const { query } = useLocation();
  const box = useRef<HTMLDivElement>(null);
  const width = useWidth(box);
  const [hover, setHover] = useState<string>();
  const params = fields.filter((f) => f.group === 'params');
  const metrics = fields.filter((f) => f.group === 'metrics');
  const varying = fields.filter((f) => differs(runs, f));
  const x = fieldById(fields, query.get('sx')) ?? varying.find((f) => f.group === 'params') ?? varying[0] ?? params[0] ?? metrics[0];
  const other = (f: CompareField) => f.id !== x?.id;
  const y = fieldById(fields, query.get('sy')) ?? varying.find((f) => f.group === 'metrics' && other(f)) ?? varying.find(other) ?? metrics.find(other) ?? fields.find(other) ?? x;
  if (!x || !y) return null;

  const xs = scaleFor(
    runs.map((r) => plotValue(r.row, x)),
    { inset: true },
  );
  const ys = scaleFor(
    runs.map((r) => plotValue(r.row, y)),
    { inset: true },
  );
  const plotW = Math.max(40, width - LEFT - RIGHT);
  const plotH = HEIGHT - TOP - BOTTOM;
  const px = (at: number) => LEFT + at * plotW;
  const py = (at: number) => TOP + (1 - at) * plotH;
  const placed = runs.map((r) => ({ run: r, ax: xs.at(plotValue(r.row, x)), ay: ys.at(plotValue(r.row, y)) }));
  const unplotted = placed.filter((p) => p.ax === undefined || p.ay === undefined).map((p) => p.run.label);
  const hovered = placed.find((p) => p.run.row.run_id === hover && p.ax !== undefined && p.ay !== undefined);

  const picker = (axis: 'sx' | 'sy', value: CompareField) => (
    <select value={value.id} onChange={(e) => setQuery({ [axis]: e.target.value })} aria-label={axis === 'sx' ? 'X axis' : 'Y axis'} data-testid={axis === 'sx' ? 'scatter-x' : 'scatter-y'}>
      {(['params', 'metrics'] as const).map((group) => (
        <optgroup key={group} label={group === 'params' ? 'Parameters' : 'Metrics'}>
          {fields
            .filter((f) => f.group === group)
            .map((f) => (
              <option key={f.id} value={f.id}>
                {f.key}
              </option>
            ))}
        </optgroup>
      ))}
    </select>
  );

  return (
    <section className="compare-section">
      <div className="section-head">
        <h2>Scatter</h2>
        <div className="toolbar scatter-axes">
          <label className="toggle">X {picker('sx', x)}</label>
          <label className="toggle">Y {picker('sy', y)}</label>
        </div>
      </div>
      <div className="panel panel-pad plot-panel">
        <div ref={box} className="plot-box">
          <svg width={width} height={HEIGHT} className="plot" data-testid="scatter" data-x={x.id} data-y={y.id}>
            {xs.ticks.map((t) => (
              <g key={`x${t.label}@${t.at}`} className="grid">
                <line x1={px(t.at)} x2={px(t.at)} y1={TOP} y2={TOP + plotH} />
                <text x={px(t.at)} y={TOP + plotH + 14} textAnchor="middle" className="tick">
                  {t.label.length > 12 ? `${t.label.slice(0, 11)}…` : t.label}
                </text>
              </g>
            ))}
            {ys.ticks.map((t) => (
              <g key={`y${t.label}@${t.at}`} className="grid">
                <line x1={LEFT} x2={LEFT + plotW} y1={py(t.at)} y2={py(t.at)} />
                <text x={LEFT - 6} y={py(t.at) + 3.5} textAnchor="end" className="tick">
                  {t.label.length > 9 ? `${t.label.slice(0, 8)}…` : t.label}
                </text>
              </g>
            ))}
            <rect x={LEFT} y={TOP} width={plotW} height={plotH} className="frame" />
            <text x={LEFT + plotW / 2} y={HEIGHT - 6} textAnchor="middle" className="axis-title">
              {x.key}
            </text>
            <text transform={`translate(12 ${TOP + plotH / 2}) rotate(-90)`} textAnchor="middle" className="axis-title">
              {y.key}
            </text>
            {placed.map(({ run, ax, ay }) =>
              ax === undefined || ay === undefined ? null : (
                <circle
                  key={run.row.run_id}
                  cx={px(ax)}
                  cy={py(ay)}
                  r={hover === run.row.run_id ? 7.5 : 6}
                  className={hover && hover !== run.row.run_id ? 'point faded' : 'point'}
                  style={{ fill: run.color }}
                  data-run={run.row.run_id}
                  onMouseEnter={() => setHover(run.row.run_id)}
                  onMouseLeave={() => setHover(undefined)}
                >
                  <title>{`${run.label}\n${x.key}: ${shownValue(run.row, x)}\n${y.key}: ${shownValue(run.row, y)}`}</title>
                </circle>
              ),
            )}
          </svg>
          {hovered && hovered.ax !== undefined && hovered.ay !== undefined ? (
            <div
              className="point-label"
              data-testid="scatter-label"
              style={{ left: px(hovered.ax), top: py(hovered.ay), ...(hovered.ax > 0.7 ? { transform: 'translate(calc(-100% - 12px), -50%)' } : {}) }}
            >
              <strong>{hovered.run.label}</strong>
              <span>
                {x.key} <b>{shownValue(hovered.run.row, x)}</b>
              </span>
              <span>
                {y.key} <b>{shownValue(hovered.run.row, y)}</b>
              </span>
            </div>
          ) : null}
        </div>
        <RunLegend runs={runs} hover={hover} onHover={setHover} />
        {unplotted.length > 0 ? <p className="muted small">Not plotted (no value on an axis): {unplotted.join(', ')}</p> : null}
      </div>
    </section>
  );
}
