import { useMemo } from 'react';
import { scaleFor } from './axis-scale.js';
import { svgTextMeasurer, wrapLabel } from './wrap-label.js';
import './plot.css';

const HEIGHT = 300;
const TOP = 44;
/** Line height of an axis title that wraps; each line past the first moves the plot down. */
const TITLE_LINE = 13;
const BOTTOM = 16;
const SIDE = 72;
/** Categorical axes label at most this many values; the rest are still placed. */
const MAX_CATEGORY_LABELS = 12;

/** One vertical axis: `title` is drawn above it, `group` (`param`, `metric`) above that. */
export interface ParallelAxis {
  id: string;
  title: string;
  group: string;
}

/**
 * One line through the axes: `values[i]` is its value on axis `i` — a finite number, text (a
 * category), or undefined where it has none (the line breaks there). `tooltip` is its hover text.
 */
export interface ParallelLine {
  id: string;
  color: string;
  values: readonly (string | number | undefined)[];
  tooltip: string;
  /** An extra class on the line's group (`best`, …), for the caller's CSS. */
  className?: string;
}

/**
 * Parallel coordinates drawn in SVG, `width` wide: an axis per entry of `axes` (all-number
 * values on a linear scale, anything else as ordered categories), a line per entry of `lines`.
 * Pointing at a line reports it through `onHover`; `hover` brings it forward and fades the rest.
 *
 * Contract (tests): the `<svg>` has `data-testid="parallel-coordinates"` and `data-axes` (the axis
 * ids, comma-joined); each axis is `g.pc-axis[data-axis][data-kind=number|category]`, each line
 * `g.pc-run[data-run]`.
 */
export function ParallelAxes(props: { axes: readonly ParallelAxis[]; lines: readonly ParallelLine[]; width: number; hover: string | undefined; onHover: (id: string | undefined) => void }) {
  const { axes, lines, width, hover, onHover } = props;
  const scales = useMemo(() => axes.map((_, i) => scaleFor(lines.map((l) => l.values[i]))), [axes, lines]);
  const xOf = (i: number) => (axes.length === 1 ? width / 2 : SIDE + (i * (width - 2 * SIDE)) / (axes.length - 1));
  const titles = axisTitles(
    axes.map((a) => a.title),
    xOf,
    width,
  );
  const extra = Math.max(0, ...titles.map((t) => t.length - 1)) * TITLE_LINE;
  const top = TOP + extra;
  const plotH = HEIGHT - TOP - BOTTOM;
  const yOf = (at: number) => top + (1 - at) * plotH;

  return (
    <svg width={width} height={HEIGHT + extra} className="plot" data-testid="parallel-coordinates" data-axes={axes.map((a) => a.id).join(',')} onMouseLeave={() => onHover(undefined)}>
      {axes.map((axis, i) => {
        const scale = scales[i];
        const x = xOf(i);
        const every = scale && scale.kind === 'category' ? Math.ceil(scale.ticks.length / MAX_CATEGORY_LABELS) : 1;
        return (
          <g key={axis.id} className="pc-axis" data-axis={axis.id} data-kind={scale?.kind}>
            <text x={x} y={TOP - 26} className="pc-axis-group" textAnchor="middle">
              {axis.group}
            </text>
            <text y={TOP - 12} className="pc-axis-title" textAnchor="middle" data-title={axis.title}>
              <title>{axis.title}</title>
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
      {lines.map((line) => {
        const points = axes.map((_, i) => {
          const at = scales[i]?.at(line.values[i]);
          return at === undefined ? undefined : ([xOf(i), yOf(at)] as const);
        });
        let d = '';
        points.forEach((p, i) => {
          if (p) d += `${i > 0 && points[i - 1] ? 'L' : 'M'}${p[0].toFixed(1)},${p[1].toFixed(1)}`;
        });
        const state = hover === undefined ? '' : hover === line.id ? 'hovered' : 'faded';
        return (
          <g
            key={line.id}
            className={['pc-run', state, line.className].filter(Boolean).join(' ')}
            data-run={line.id}
            style={{ stroke: line.color, fill: line.color }}
            onMouseEnter={() => onHover(line.id)}
          >
            <title>{line.tooltip}</title>
            <path d={d} className="pc-line" />
            {points.map((p, i) => (p ? <circle key={axes[i]?.id} cx={p[0]} cy={p[1]} r={3} /> : null))}
          </g>
        );
      })}
    </svg>
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
